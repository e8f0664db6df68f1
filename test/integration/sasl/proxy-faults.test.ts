// SASL cases the broker can't produce: a forged SCRAM server signature, and a broker that
// offers only SaslHandshake v0 (the legacy raw-token path). A proxy rewrites real replies.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKey, CloseReason, Connection, KafkaConnectionError } from '../../../src/main/core';
import { decodeRequest, decodeResponse, encodeResponseFrame } from '../../../src/main/core/protocol';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy, type FrameHook } from '../../support/fault-proxy';

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

const info = brokerInfo();

/** Pairs each reply with its request's API key and version, and lets `rewrite` replace its body. */
function rewriting(rewrite: (apiKey: number, version: number, body: Record<string, unknown>) => Record<string, unknown> | null) {
  const sent = new Map<number, { apiKey: number; apiVersion: number }>();
  const onRequest: FrameHook = (frame) => {
    try {
      const r = decodeRequest(frame.subarray(4));
      sent.set(r.correlationId, r);
    } catch {
      // raw SASL tokens (handshake v0) are not Kafka requests
    }
    return null;
  };
  const onResponse: FrameHook = (frame) => {
    if (frame.length < 8) return null; // a raw SASL token reply (handshake v0)
    const correlationId = frame.readInt32BE(4);
    const req = sent.get(correlationId);
    if (!req) return null;
    const body = decodeResponse(req.apiKey, req.apiVersion, frame.subarray(4)).body as Record<string, unknown>;
    const replaced = rewrite(req.apiKey, req.apiVersion, body);
    return replaced ? encodeResponseFrame(req.apiKey, req.apiVersion, correlationId, replaced) : null;
  };
  return { onRequest, onResponse };
}

describe('SASL through a rewriting proxy', () => {
  it('rejects a SCRAM exchange whose server signature is wrong', async () => {
    let authenticates = 0;
    proxy = await startFaultProxy({
      target: info.listeners.SASL_PLAINTEXT,
      ...rewriting((apiKey, _v, body) => {
        if (apiKey !== ApiKey.SaslAuthenticate || ++authenticates !== 2) return null;
        const forged = `v=${Buffer.alloc(64, 7).toString('base64')}`;
        return { ...body, authBytes: Buffer.from(forged) };
      }),
    });
    const rec = recorder();
    const err = (await Connection.connect({
      ...optionsFor('SASL_PLAINTEXT'),
      port: proxy.port,
      sasl: { mechanism: 'SCRAM-SHA-512', ...info.users.scramSha512 },
      onEvent: rec.onEvent,
    }).catch((e: unknown) => e)) as KafkaConnectionError;
    expect(err).toBeInstanceOf(KafkaConnectionError);
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.kind).toBe('SCRAM_SERVER_SIGNATURE_MISMATCH');
    expect(err.message).toContain('The server could not prove it knows the password');
    expect(rec.types()).toContain('auth.failure');
  });

  it('uses raw size-prefixed tokens when the broker only has SaslHandshake v0', async () => {
    proxy = await startFaultProxy({
      target: info.listeners.SASL_PLAINTEXT,
      ...rewriting((apiKey, _v, body) => {
        if (apiKey !== ApiKey.ApiVersions) return null;
        const apiKeys = (body.apiKeys as { apiKey: number; minVersion: number; maxVersion: number }[]).map((k) =>
          k.apiKey === ApiKey.SaslHandshake ? { ...k, maxVersion: 0 } : k,
        );
        return { ...body, apiKeys };
      }),
    });
    const rec = recorder();
    const conn = await Connection.connect({
      ...optionsFor('SASL_PLAINTEXT'),
      port: proxy.port,
      sasl: { mechanism: 'PLAIN', ...info.users.plain },
      onEvent: rec.onEvent,
    });
    const hs = rec.events.find((e) => e.type === 'auth.handshake');
    expect(hs?.type === 'auth.handshake' && hs.handshakeVersion).toBe(0);
    // No SaslAuthenticate request was written: the token went raw.
    expect(rec.events.some((e) => e.type === 'request.written' && e.apiKey === ApiKey.SaslAuthenticate)).toBe(false);
    expect(rec.types()).toContain('auth.success');
    const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    expect(md.brokers).toHaveLength(1);
    await conn.close();
  });
});
