// close() runs once, fails every pending and queued request exactly once, and leaves nothing behind.
import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKey, CloseReason, Connection, KafkaConnectionError } from '../../../src/main/core';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

function resourceCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

describe('close', () => {
  it('fails each of 1,000 pending requests exactly once, in flight and queued', async () => {
    // The proxy swallows every reply after ApiVersions, so requests stay on the wire.
    proxy = await startFaultProxy({ target: brokerInfo().listeners.PLAINTEXT, onResponse: (_f, i) => (i >= 1 ? Buffer.alloc(0) : null) });
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, maxInFlight: 200, onEvent: rec.onEvent });
    const closeCalls: string[] = [];
    conn.on('close', (reason) => closeCalls.push(reason));
    const settled = new Array<number>(1000).fill(0);
    const errors: unknown[] = [];
    const sends = Array.from({ length: 1000 }, (_, i) =>
      conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false }).then(
        () => {
          settled[i]!++;
        },
        (err: unknown) => {
          settled[i]!++;
          errors.push(err);
        },
      ),
    );
    await sleep(200); // let the first 200 reach the wire
    expect(conn.inFlight().filter((r) => r.sentAt !== null)).toHaveLength(200);
    await conn.close();
    await conn.close(); // a second close is a no-op
    await Promise.all(sends);
    await sleep(20);
    expect(settled.every((n) => n === 1)).toBe(true);
    expect(errors).toHaveLength(1000);
    for (const e of errors) {
      expect(e).toBeInstanceOf(KafkaConnectionError);
      expect((e as KafkaConnectionError).reason).toBe(CloseReason.SHUTDOWN);
    }
    expect(closeCalls).toEqual(['SHUTDOWN']);
    const closeEvents = rec.events.filter((e) => e.type === 'close');
    expect(closeEvents).toHaveLength(1);
    const close = closeEvents[0]!;
    if (close.type === 'close') {
      expect(close.inFlightFailed).toBe(200);
      expect(close.queuedFailed).toBe(800);
      expect(close.state).toBe('READY');
    }
    await expect(conn.send(ApiKey.Metadata, {})).rejects.toBeInstanceOf(KafkaConnectionError);
  });

  it('leaves no socket or timer behind', async () => {
    const before = resourceCounts();
    const conn = await Connection.connect({ ...optionsFor('SSL'), maxIdleMs: 60_000, requestTimeoutMs: 30_000 });
    await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    const pending = conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false }).catch(() => undefined);
    const during = resourceCounts();
    expect((during.TCPSocketWrap ?? 0) - (before.TCPSocketWrap ?? 0)).toBeGreaterThanOrEqual(1);
    expect((during.Timeout ?? 0) - (before.Timeout ?? 0)).toBeGreaterThanOrEqual(1);
    await conn.close();
    await pending;
    await sleep(10);
    const after = resourceCounts();
    // Nothing of ours is left (unrelated resources of the test runner may have ended meanwhile).
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });

  it('a failed connect releases everything too', async () => {
    const before = resourceCounts();
    await expect(Connection.connect({ ...optionsFor('SSL'), tls: null, connectTimeoutMs: 3000 })).rejects.toBeInstanceOf(KafkaConnectionError);
    await sleep(20);
    const after = resourceCounts();
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });
});
