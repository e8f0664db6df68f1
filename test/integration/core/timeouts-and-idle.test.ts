// Request timeouts with late replies, and idle drop, against the real broker (a proxy delays replies).
import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKey, CloseReason, Connection, RequestTimeoutError } from '../../../src/main/core';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

const metadata = { topics: [], allowAutoTopicCreation: false };

describe('request timeouts', () => {
  it('a reply after its timeout is consumed and dropped; the stream stays in sync', async () => {
    const target = brokerInfo().listeners.PLAINTEXT;
    // Reply #1 (the first Metadata after ApiVersions) is held back 1.2 s.
    proxy = await startFaultProxy({
      target,
      onResponse: async (frame, index) => {
        if (index === 1) await sleep(1200);
        return null;
      },
    });
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, requestTimeoutMs: 400, lateReplyGraceMs: 5000, onEvent: rec.onEvent });
    try {
      const slow = conn.send(ApiKey.Metadata, metadata);
      await expect(slow).rejects.toBeInstanceOf(RequestTimeoutError);
      await expect(slow).rejects.toThrow(/Metadata request \(correlation id 1\) .* got no reply within 400 ms/);
      // Sent while the late reply is still on its way: it must get its own reply, not the late one.
      const next = await conn.send(ApiKey.Metadata, metadata, { timeoutMs: 5000 });
      expect(next.brokers).toHaveLength(1);
      const later = await conn.send(ApiKey.ApiVersions, { clientSoftwareName: 'brokerscope', clientSoftwareVersion: '0.1.0' });
      expect(later.errorCode).toBe(0);
      const stats = conn.stats();
      expect(stats.timeouts).toBe(1);
      expect(stats.lateReplies).toBe(1);
      const late = rec.events.find((e) => e.type === 'late-reply');
      expect(late && late.type === 'late-reply' && late.correlationId).toBe(1);
      expect(rec.types()).toContain('request.timeout');
      expect(conn.state).toBe('READY');
    } finally {
      await conn.close();
    }
  });

  it('a broker that never answers a timed-out request is closed CONNECTION_TIMEOUT after the grace period', async () => {
    const target = brokerInfo().listeners.PLAINTEXT;
    proxy = await startFaultProxy({ target, onResponse: (_f, index) => (index >= 1 ? new Promise(() => undefined) : null) });
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, requestTimeoutMs: 200, lateReplyGraceMs: 300 });
    const closed = new Promise<string>((resolve) => conn.once('close', (reason) => resolve(reason)));
    await expect(conn.send(ApiKey.Metadata, metadata)).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(await closed).toBe(CloseReason.CONNECTION_TIMEOUT);
    expect(conn.closed?.message).toContain('taken for unresponsive');
  });
});

describe('idle drop', () => {
  it('drops an idle connection after maxIdleMs, but not while requests keep it busy', async () => {
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), maxIdleMs: 400, onEvent: rec.onEvent });
    const closed = new Promise<string>((resolve) => conn.once('close', (reason) => resolve(reason)));
    for (let i = 0; i < 8; i++) {
      await conn.send(ApiKey.Metadata, metadata);
      await sleep(100);
    }
    expect(conn.state).toBe('READY');
    const idleFrom = performance.now();
    expect(await closed).toBe(CloseReason.IDLE_DROP);
    const waited = performance.now() - idleFrom;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(1500);
    const close = rec.events.find((e) => e.type === 'close');
    expect(close && close.type === 'close' && close.reason).toBe('IDLE_DROP');
  });

  it('does not drop while a request is pending past maxIdleMs', async () => {
    const target = brokerInfo().listeners.PLAINTEXT;
    proxy = await startFaultProxy({
      target,
      onResponse: async (_f, index) => {
        if (index === 1) await sleep(700);
        return null;
      },
    });
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, maxIdleMs: 300, requestTimeoutMs: 5000 });
    const md = await conn.send(ApiKey.Metadata, metadata);
    expect(md.brokers).toHaveLength(1);
    expect(conn.state).toBe('READY');
    await conn.close();
  });
});
