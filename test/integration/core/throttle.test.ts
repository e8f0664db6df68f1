// KIP-219 throttling, produced by the real broker: a tiny request-time quota for one client id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, Connection } from '../../../src/main/core';
import { optionsFor, recorder } from '../../support/connect-options';

const CLIENT_ID = 'bs-throttled-client';

async function setQuota(value: number | null): Promise<void> {
  const admin = await Connection.connect(optionsFor('PLAINTEXT'));
  try {
    const r = await admin.send(ApiKey.AlterClientQuotas, {
      entries: [
        {
          entity: [{ entityType: 'client-id', entityName: CLIENT_ID }],
          ops: [{ key: 'request_percentage', value: value ?? 0, remove: value === null }],
        },
      ],
      validateOnly: false,
    });
    expect(r.entries[0].errorCode).toBe(0);
  } finally {
    await admin.close();
  }
}

describe('throttling (KIP-219)', () => {
  beforeAll(() => setQuota(0.01));
  afterAll(() => setQuota(null));

  it('records throttle_time_ms and holds the next send until it has passed', async () => {
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), clientId: CLIENT_ID, onEvent: rec.onEvent });
    try {
      let throttled: { throttleTimeMs: number; at: number } | null = null;
      for (let i = 0; i < 400 && !throttled; i++) {
        const r = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
        if (r.throttleTimeMs > 0) throttled = { throttleTimeMs: r.throttleTimeMs, at: performance.now() };
      }
      expect(throttled).not.toBeNull();
      // The next request is held on the client until the throttle time has passed.
      await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      const written = rec.events.filter((e) => e.type === 'request.written').at(-1)!;
      expect(written.mono - throttled!.at).toBeGreaterThanOrEqual(throttled!.throttleTimeMs - 5);
      const event = rec.events.find((e) => e.type === 'throttle');
      expect(event?.type === 'throttle' && event.throttleTimeMs).toBeGreaterThan(0);
      expect(conn.stats().throttleEvents).toBeGreaterThanOrEqual(1);
    } finally {
      await conn.close();
    }
  });
});
