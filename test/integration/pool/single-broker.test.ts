// The pool against the single test broker: bootstrap, cluster view, retirement of the bootstrap
// connection, single-flight dials, and a shutdown that settles each pending request once.
import { describe, expect, it } from 'vitest';
import { ApiKey, Pool, slotKey, type PoolStreamEvent } from '../../../src/main/core';
import { brokerInfo } from '../../support/connect-options';

const info = brokerInfo();
const plaintext = info.listeners.PLAINTEXT;

describe('pool on one broker', () => {
  it('bootstraps, names the cluster and retires the bootstrap connection', async () => {
    const events: PoolStreamEvent[] = [];
    const pool = new Pool({ bootstrap: `nowhere.invalid:1, ${plaintext.host}:${plaintext.port}`, connection: { connectTimeoutMs: 3000 } });
    pool.on('event', (e) => events.push(e));
    const view = await pool.start();
    try {
      expect(view.clusterId).toBe(info.clusterId);
      expect(view.brokers.map((b) => b.nodeId)).toEqual([info.nodeId]);
      const broker = view.brokers[0]!;
      expect(broker.connection?.state).toBe('READY');
      expect(broker.connection?.versions?.find((v) => v.apiKey === ApiKey.Metadata)?.selected).toBeGreaterThan(0);
      expect(broker.connection?.stats.state).toBe('READY');
      expect(pool.connections().map((c) => c.key)).toEqual([slotKey(info.nodeId)]);
      const types = events.map((e) => e.type);
      expect(types).toContain('pool.retire');
      // The unresolvable first bootstrap entry failed and backed off; the second worked.
      const backoff = events.find((e) => e.type === 'pool.backoff');
      expect(backoff?.type === 'pool.backoff' && backoff.message).toMatch(/^next attempt in \d+ ms$/);
      expect(pool.advertisedFindings()).toEqual([]);
    } finally {
      await pool.shutdown(1000);
    }
  });

  it('dials each node once however many callers ask at the same time', async () => {
    const pool = new Pool({ bootstrap: plaintext.bootstrap, dialAllBrokers: false });
    const events: PoolStreamEvent[] = [];
    pool.on('event', (e) => events.push(e));
    await pool.start();
    try {
      const conns = await Promise.all(Array.from({ length: 20 }, () => pool.get(info.nodeId, 'coordination')));
      expect(new Set(conns.map((c) => c.id)).size).toBe(1);
      expect(events.filter((e) => e.type === 'pool.dial' && e.key === slotKey(info.nodeId, 'coordination'))).toHaveLength(1);
      await expect(pool.get(999)).rejects.toThrow('node 999 is not in the cluster metadata');
    } finally {
      await pool.shutdown(1000);
    }
  });

  it('shutdown drains until the deadline, then fails what is left, each exactly once', async () => {
    const pool = new Pool({ bootstrap: plaintext.bootstrap });
    await pool.start();
    // Long-poll Fetches on an empty topic: the broker holds each reply for maxWaitMs (10 s).
    const topic = `pool-shutdown-${Date.now()}`;
    const created = await pool.send(info.nodeId, ApiKey.CreateTopics, {
      topics: [{ name: topic, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 5000,
    });
    expect(created.topics[0].errorCode).toBe(0);
    const topicId = created.topics[0].topicId;
    // Wait until the partition has a leader, so the Fetches long-poll instead of failing fast.
    for (let i = 0; i < 100; i++) {
      const md = await pool.send(info.nodeId, ApiKey.Metadata, { topics: [{ name: topic }], allowAutoTopicCreation: false });
      if (md.topics[0]?.errorCode === 0 && md.topics[0].partitions[0]?.leaderId >= 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const fetchBody = {
      replicaId: -1,
      maxWaitMs: 10_000,
      minBytes: 1,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic, topicId, partitions: [{ partition: 0, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [],
      rackId: '',
    };
    const outcomes: string[][] = Array.from({ length: 30 }, () => []);
    const record = (i: number) => [
      () => outcomes[i]!.push('ok'),
      (e: { name: string; reason?: string }) => outcomes[i]!.push(`${e.name}:${e.reason ?? ''}`),
    ] as const;
    const sends = outcomes.map((_, i) =>
      i < 10
        ? pool.send(info.nodeId, ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false }).then(...record(i))
        : pool.send(info.nodeId, ApiKey.Fetch, fetchBody, { timeoutMs: 20_000 }).then(...record(i)),
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await pool.shutdown(400);
    await Promise.all(sends);
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(3000);
    for (const o of outcomes) expect(o).toHaveLength(1);
    expect(outcomes.map((o) => o[0])).toEqual([...Array(10).fill('ok'), ...Array(20).fill('KafkaConnectionError:SHUTDOWN')]);
  });

  it('reaps connections nobody used for idleMs, and dials again on the next use', async () => {
    const events: PoolStreamEvent[] = [];
    const pool = new Pool({ bootstrap: plaintext.bootstrap, idleMs: 300 });
    pool.on('event', (e) => events.push(e));
    await pool.start();
    try {
      const first = await pool.get(info.nodeId);
      await new Promise((r) => setTimeout(r, 900));
      const reaped = events.find((e) => e.type === 'pool.reaped');
      expect(reaped?.type === 'pool.reaped' && reaped.idleMs).toBeGreaterThanOrEqual(300);
      expect(first.state).toBe('CLOSED');
      expect(first.closed?.reason).toBe('SHUTDOWN');
      expect(pool.connections()).toEqual([]);
      const again = await pool.get(info.nodeId);
      expect(again.id).not.toBe(first.id);
      expect((await again.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false })).brokers).toHaveLength(1);
    } finally {
      await pool.shutdown(500);
    }
  });
});
