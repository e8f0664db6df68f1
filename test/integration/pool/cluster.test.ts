// The pool against the real 3-broker cluster: stop one broker mid-traffic; its connection closes
// CONNECTION_BROKEN, the others keep serving, backoff events appear, and when the broker returns
// the pool reconnects it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, startClusterNode, stopCluster, stopClusterNode } from '../../../harness/broker/cluster';
import type { ClusterInfo } from '../../../harness/broker/info';
import { ApiKey, Pool, slotKey, type PoolStreamEvent } from '../../../src/main/core';
import { troubleshoot } from '../../../src/main/diagnose/troubleshoot';

let info: ClusterInfo;
let startedHere = false;

beforeAll(async () => {
  const r = await startCluster({ log: () => undefined });
  startedHere = !r.alreadyRunning;
  info = r.info;
}, 180_000);

afterAll(async () => {
  if (startedHere) await stopCluster();
}, 60_000);

const metadata = { topics: [], allowAutoTopicCreation: false };

describe('pool on a 3-broker cluster', () => {
  it('survives a broker stopped mid-traffic and reconnects it when it returns', async () => {
    const events: PoolStreamEvent[] = [];
    const pool = new Pool({ bootstrap: info.bootstrap, backoff: { initialMs: 100, maxMs: 1000 }, connection: { connectTimeoutMs: 5000, requestTimeoutMs: 5000 } });
    pool.on('event', (e) => events.push(e));
    const view = await pool.start();
    expect(view.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    expect(view.brokers.every((b) => b.connection?.state === 'READY')).toBe(true);
    expect(view.clusterId).toBe(info.clusterId);

    const victim = 2;
    const failures = new Map<number, number>([[1, 0], [2, 0], [3, 0]]);
    const successes = new Map<number, number>([[1, 0], [2, 0], [3, 0]]);
    let running = true;
    const traffic = (async () => {
      while (running) {
        await Promise.all(
          [1, 2, 3].map((node) =>
            pool.send(node, ApiKey.Metadata, metadata).then(
              () => successes.set(node, successes.get(node)! + 1),
              () => failures.set(node, failures.get(node)! + 1),
            ),
          ),
        );
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 300));
      const okBefore = { ...Object.fromEntries(successes) };
      await stopClusterNode(victim);
      await new Promise((r) => setTimeout(r, 1500));

      const lost = events.find((e) => e.type === 'pool.disconnected' && e.key === slotKey(victim));
      expect(lost?.type === 'pool.disconnected' && lost.reason).toBe('CONNECTION_BROKEN');
      const backoffs = events.filter((e) => e.type === 'pool.backoff' && e.nodeId === victim);
      expect(backoffs.length).toBeGreaterThanOrEqual(2);
      expect(backoffs.every((e) => e.type === 'pool.backoff' && /^next attempt in \d+ ms$/.test(e.message))).toBe(true);
      // The other brokers kept serving, without a single failure.
      expect(failures.get(1)).toBe(0);
      expect(failures.get(3)).toBe(0);
      expect(successes.get(1)!).toBeGreaterThan(okBefore[1]!);
      expect(successes.get(3)!).toBeGreaterThan(okBefore[3]!);
      const down = pool.cluster().brokers.find((b) => b.nodeId === victim);
      expect(down?.connection).toBeNull();
      expect(down?.backoff?.attempts).toBeGreaterThanOrEqual(1);
      expect(down?.lastError).toBeTruthy();

      const connectedBefore = events.filter((e) => e.type === 'pool.connected' && e.key === slotKey(victim)).length;
      await startClusterNode(victim);
      const deadline = performance.now() + 30_000;
      while (performance.now() < deadline && events.filter((e) => e.type === 'pool.connected' && e.key === slotKey(victim)).length === connectedBefore) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(events.filter((e) => e.type === 'pool.connected' && e.key === slotKey(victim)).length).toBe(connectedBefore + 1);
      const md = await pool.send(victim, ApiKey.Metadata, metadata);
      expect(md.brokers).toHaveLength(3);
      expect(failures.get(1)).toBe(0);
      expect(failures.get(3)).toBe(0);
    } finally {
      running = false;
      await traffic;
      await pool.shutdown(2000);
    }
  }, 120_000);

  it('troubleshoot dials every advertised broker: one ok step each, the controller named, versions per broker', async () => {
    const r = await troubleshoot({ bootstrap: info.bootstrap, securityProtocol: 'PLAINTEXT' });
    expect(r.findings).toEqual([]);
    expect(r.brokers.map((b) => [b.nodeId, b.status])).toEqual(info.nodes.map((n) => [n.nodeId, 'ok']));
    expect(r.brokers.filter((b) => b.isController)).toHaveLength(1);
    for (const b of r.brokers) expect(b.versions?.length).toBeGreaterThan(40);
    expect(r.steps.filter((s) => s.id.startsWith('broker:')).every((s) => s.status === 'ok')).toBe(true);
  }, 60_000);
});
