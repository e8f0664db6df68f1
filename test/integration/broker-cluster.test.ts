// The 3-node KRaft cluster of the harness (`npm run broker:start -- --cluster 3`): every node
// serves PLAINTEXT and SASL_PLAINTEXT, Metadata lists all three brokers at the addresses in
// the info JSON, topics get replication factor 3, and one node can be stopped mid-traffic and
// brought back on the same ports. Slow (three JVMs): this file starts the cluster once, and
// stops it afterwards unless it was already running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CLUSTER_NODES,
  startCluster,
  startClusterNode,
  stopCluster,
  stopClusterNode,
} from '../../harness/broker/cluster';
import { readClusterInfo, type ClusterInfo, type ListenerInfo } from '../../harness/broker/info';
import { tcpAccepts } from '../../harness/broker/wait';
import {
  ApiKey,
  decodeApiVersionsV0,
  decodeMetadataV12,
  ErrorCode,
  metadataV12Body,
  type MetadataResponse,
} from '../support/kafka-wire';
import { withConnection } from '../support/raw-connection';
import { plainMessage, saslAuthenticate, saslHandshake, scramAuthenticate } from '../support/sasl';

let info: ClusterInfo;
let startedHere = false;

beforeAll(async () => {
  const r = await startCluster({ log: (m) => void process.stdout.write(`[cluster] ${m}\n`) });
  startedHere = !r.alreadyRunning;
  process.stdout.write(
    `[cluster] ${r.alreadyRunning ? 'already running' : `ready in ${(r.elapsedMs / 1000).toFixed(1)}s`}\n`,
  );
  info = r.info;
}, 180_000);

afterAll(async () => {
  if (startedHere) await stopCluster();
}, 60_000);

const node = (id: number) => {
  const n = info.nodes.find((x) => x.nodeId === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const target = (l: ListenerInfo) => ({ host: l.host, port: l.port });

async function metadata(
  l: ListenerInfo,
  topics: string[] | null,
  autoCreate = false,
): Promise<MetadataResponse> {
  return withConnection(target(l), async (c) => {
    const res = await c.request(ApiKey.Metadata, 12, metadataV12Body(topics, autoCreate), { flexible: true });
    return decodeMetadataV12(res.body);
  });
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | string = 'nothing yet';
  for (;;) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('cluster info JSON', () => {
  it('describes three nodes with distinct loopback ports, a bootstrap list and node 1 as top-level listeners', () => {
    expect(info.nodeCount).toBe(DEFAULT_CLUSTER_NODES);
    expect(info.nodes.map((n) => n.nodeId)).toEqual([1, 2, 3]);
    expect(info.instance).toBe(`kafka-${info.version}-cluster3`);
    expect(readClusterInfo(info.version).clusterId).toBe(info.clusterId);
    const ports = info.nodes.flatMap((n) => [
      ...Object.values(n.listeners).map((l) => l.port),
      n.controller.port,
    ]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(info.bootstrap.split(',')).toEqual(info.nodes.map((n) => n.listeners.PLAINTEXT.bootstrap));
    expect(info.listeners).toEqual(node(1).listeners);
    expect(info.replicationFactor).toBe(3);
    for (const n of info.nodes) expect(n.running).toBe(true);
  });
});

describe('every node', () => {
  it.each([1, 2, 3])(
    'node %i answers ApiVersions on PLAINTEXT and authenticates PLAIN and SCRAM on SASL_PLAINTEXT',
    async (id) => {
      const n = node(id);
      const api = await withConnection(target(n.listeners.PLAINTEXT), (c) =>
        c.request(ApiKey.ApiVersions, 0),
      );
      expect(decodeApiVersionsV0(api.body).errorCode).toBe(ErrorCode.NONE);
      await withConnection(target(n.listeners.SASL_PLAINTEXT), async (c) => {
        expect((await saslHandshake(c, 'PLAIN')).errorCode).toBe(ErrorCode.NONE);
        const res = await saslAuthenticate(
          c,
          plainMessage(info.users.plain.username, info.users.plain.password),
        );
        expect(res.errorCode).toBe(ErrorCode.NONE);
      });
      await withConnection(target(n.listeners.SASL_PLAINTEXT), async (c) => {
        expect((await saslHandshake(c, 'SCRAM-SHA-512')).errorCode).toBe(ErrorCode.NONE);
        const res = await scramAuthenticate(
          c,
          'sha512',
          info.users.scramSha512.username,
          info.users.scramSha512.password,
        );
        expect(res.errorCode).toBe(ErrorCode.NONE);
      });
    },
  );

  it.each([1, 2, 3])('node %i lists all three brokers at their info-JSON addresses', async (id) => {
    const md = await metadata(node(id).listeners.PLAINTEXT, []);
    expect(md.clusterId).toBe(info.clusterId);
    expect(md.brokers.map((b) => [b.nodeId, `${b.host}:${b.port}`]).sort()).toEqual(
      info.nodes.map((n) => [n.nodeId, n.listeners.PLAINTEXT.bootstrap]),
    );
    expect([1, 2, 3]).toContain(md.controllerId);
  });
});

describe('replication and one node going away', () => {
  const topic = `cluster-test-${Date.now()}`;

  it('auto-creates a topic with three replicas', async () => {
    await metadata(node(1).listeners.PLAINTEXT, [topic], true);
    const md = await waitFor(
      'topic fully replicated',
      () => metadata(node(1).listeners.PLAINTEXT, [topic]),
      (m) => m.topics[0]?.errorCode === ErrorCode.NONE && m.topics[0].partitions[0]?.isr.length === 3,
    );
    const p = md.topics[0]?.partitions[0];
    expect(p?.replicas.sort()).toEqual([1, 2, 3]);
  });

  it('stopClusterNode(2): the others drop it from Metadata and keep a leader; startClusterNode(2) brings it back on the same ports', async () => {
    const before = node(2);
    const stopped = await stopClusterNode(2);
    expect(stopped.outcome).toBe('terminated');
    expect(await tcpAccepts('127.0.0.1', before.listeners.PLAINTEXT.port)).toBe(false);
    expect(readClusterInfo().nodes.find((n) => n.nodeId === 2)?.running).toBe(false);

    const md = await waitFor(
      'node 2 out of Metadata',
      () => metadata(node(1).listeners.PLAINTEXT, [topic]),
      (m) => m.brokers.length === 2,
    );
    expect(md.brokers.map((b) => b.nodeId).sort()).toEqual([1, 3]);
    expect(md.topics[0]?.partitions[0]?.leaderId).not.toBe(-1);
    expect(md.topics[0]?.partitions[0]?.leaderId).not.toBe(2);

    const started = await startClusterNode(2);
    expect(started.alreadyRunning).toBe(false);
    const after = readClusterInfo().nodes.find((n) => n.nodeId === 2);
    expect(after?.running).toBe(true);
    expect(after?.pid).toBe(started.pid);
    expect(after?.listeners).toEqual(before.listeners);
    const api = await withConnection(target(before.listeners.PLAINTEXT), (c) =>
      c.request(ApiKey.ApiVersions, 0),
    );
    expect(decodeApiVersionsV0(api.body).errorCode).toBe(ErrorCode.NONE);
    await waitFor(
      'node 2 back in Metadata and ISR',
      () => metadata(node(3).listeners.PLAINTEXT, [topic]),
      (m) => m.brokers.length === 3 && m.topics[0]?.partitions[0]?.isr.length === 3,
    );
  });
});
