// ApiVersions negotiation: the retry rules, the pre-0.10 hint, and two real broker releases.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey, API_TABLE, CloseReason, Connection, KafkaConnectionError } from '../../../src/main/core';
import { encodeResponseFrame } from '../../../src/main/core/protocol';
import { startBroker } from '../../../harness/broker/broker';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

const OLD_KAFKA = '3.9.1';
let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

/** A v0 ApiVersions reply saying UNSUPPORTED_VERSION and advertising ApiVersions up to `max`. */
function unsupported(frame: Buffer, max: number): Buffer {
  const correlationId = frame.readInt32BE(4);
  return encodeResponseFrame(ApiKey.ApiVersions, 0, correlationId, {
    errorCode: 35,
    apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: max }],
  });
}

describe('ApiVersions negotiation', () => {
  const clientMax = API_TABLE.get(ApiKey.ApiVersions)!.maxVersion;

  it('sends the highest version the client implements, with its software name (KIP-511)', async () => {
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), onEvent: rec.onEvent });
    const versions = rec.events.find((e) => e.type === 'versions');
    expect(versions?.type === 'versions' && versions.requestVersion).toBe(clientMax);
    expect(versions?.type === 'versions' && versions.attempts).toBe(1);
    const written = rec.events.find((e) => e.type === 'request.written');
    expect(written?.type === 'request.written' && written.apiVersion).toBe(clientMax);
    await conn.close();
  });

  it('on UNSUPPORTED_VERSION retries at the highest version the broker advertised', async () => {
    proxy = await startFaultProxy({
      target: brokerInfo().listeners.PLAINTEXT,
      onResponse: (frame, index) => (index === 0 ? unsupported(frame, 2) : null),
    });
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, onEvent: rec.onEvent });
    const versions = rec.events.find((e) => e.type === 'versions');
    expect(versions?.type === 'versions' && [versions.requestVersion, versions.attempts]).toEqual([2, 2]);
    expect(conn.pickVersion(ApiKey.Metadata)).toBeGreaterThan(0);
    await conn.close();
  });

  it('falls back to v0 when the advertised version is not lower', async () => {
    proxy = await startFaultProxy({
      target: brokerInfo().listeners.PLAINTEXT,
      onResponse: (frame, index) => (index === 0 ? unsupported(frame, clientMax) : null),
    });
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, onEvent: rec.onEvent });
    const versions = rec.events.find((e) => e.type === 'versions');
    expect(versions?.type === 'versions' && [versions.requestVersion, versions.attempts]).toEqual([0, 2]);
    await conn.close();
  });

  it('reports a broker that closes the socket on ApiVersions as older than 0.10', async () => {
    proxy = await startFaultProxy({
      target: brokerInfo().listeners.PLAINTEXT,
      onRequest: (_frame, _index, link) => {
        link.cut();
        return Buffer.alloc(0);
      },
    });
    const err = (await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port }).catch((e: unknown) => e)) as KafkaConnectionError;
    expect(err).toBeInstanceOf(KafkaConnectionError);
    expect(err.state).toBe('APIVERSION_QUERY');
    expect(err.reason).toBe(CloseReason.CONNECTION_BROKEN);
    expect(err.message).toContain('older than 0.10');
  });

  it('with apiVersionHint for a pre-0.10 broker skips the lookup and uses the built-in table', async () => {
    const rec = recorder();
    const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), apiVersionHint: '0.9', onEvent: rec.onEvent });
    expect(rec.types()).not.toContain('request.written');
    expect(conn.versions.get(ApiKey.JoinGroup)).toEqual({ min: 0, max: 0 });
    expect(conn.versions.has(ApiKey.ApiVersions)).toBe(false);
    expect(() => conn.pickVersion(ApiKey.ApiVersions)).toThrow('the broker does not support ApiVersions');
    const versions = rec.events.find((e) => e.type === 'versions');
    expect(versions?.type === 'versions' && versions.source).toBe('hint');
    await conn.close();
  });

  it('pickVersion throws a clear error when there is no common version', async () => {
    const conn = await Connection.connect(optionsFor('PLAINTEXT'));
    expect(() => conn.pickVersion(12345)).toThrow(/does not implement/);
    await conn.close();
  });
});

describe(`two real broker releases: Kafka ${brokerInfo().version} and ${OLD_KAFKA}`, () => {
  let oldInfo: ReturnType<typeof brokerInfo>;
  beforeAll(async () => {
    const r = await startBroker({ version: OLD_KAFKA, log: () => undefined });
    oldInfo = r.info;
  }, 240_000);

  it('negotiates each broker its own ranges and picks the highest common version', async () => {
    const newer = await Connection.connect(optionsFor('PLAINTEXT'));
    const older = await Connection.connect(optionsFor('PLAINTEXT', {}, oldInfo));
    try {
      const differing = [...newer.versions.keys()].filter((k) => {
        const a = newer.versions.get(k);
        const b = older.versions.get(k);
        return !b || a!.min !== b.min || a!.max !== b.max;
      });
      expect(differing.length).toBeGreaterThan(0);
      for (const conn of [newer, older]) {
        for (const [key, range] of conn.versions) {
          const client = API_TABLE.get(key);
          if (!client) continue;
          const expected = Math.min(client.maxVersion, range.max);
          if (expected >= Math.max(client.minVersion, range.min)) expect(conn.pickVersion(key)).toBe(expected);
        }
        const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
        expect(md.brokers).toHaveLength(1);
      }
    } finally {
      await Promise.all([newer.close(), older.close()]);
    }
  });
});
