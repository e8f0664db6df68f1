// Faults the broker can't produce, injected by a TCP proxy in front of the real broker.
import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKey, CloseReason, Connection, CorrelationIdError, KafkaConnectionError } from '../../../src/main/core';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy, type FrameHook } from '../../support/fault-proxy';

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

const metadata = { topics: [], allowAutoTopicCreation: false };

async function throughProxy(onResponse: FrameHook) {
  proxy = await startFaultProxy({ target: brokerInfo().listeners.PLAINTEXT, onResponse });
  const rec = recorder();
  const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), port: proxy.port, requestTimeoutMs: 5000, onEvent: rec.onEvent });
  const closed = new Promise<[string, KafkaConnectionError]>((resolve) => conn.once('close', (reason, err) => resolve([reason, err])));
  return { conn, rec, closed };
}

describe('faults', () => {
  it('a reply with the wrong correlation id fails that request and closes OUT_OF_SYNC', async () => {
    const { conn, closed } = await throughProxy((frame, index) => {
      if (index !== 1) return null;
      const copy = Buffer.from(frame);
      copy.writeInt32BE(424242, 4);
      return copy;
    });
    const first = conn.send(ApiKey.Metadata, metadata);
    const second = conn.send(ApiKey.Metadata, metadata);
    await expect(first).rejects.toBeInstanceOf(CorrelationIdError);
    await expect(first).rejects.toThrow('expected 1, received 424242');
    await expect(second).rejects.toMatchObject({ reason: CloseReason.OUT_OF_SYNC });
    const [reason, err] = await closed;
    expect(reason).toBe(CloseReason.OUT_OF_SYNC);
    expect(err.kind).toBe('CORRELATION_MISMATCH');
  });

  it('an oversized frame size closes OUT_OF_SYNC and says what the bytes look like', async () => {
    const { conn, closed } = await throughProxy((frame, index) => {
      if (index !== 1) return null;
      const copy = Buffer.from(frame);
      copy.writeInt32BE(0x7ffffff0, 0);
      return copy;
    });
    await expect(conn.send(ApiKey.Metadata, metadata)).rejects.toMatchObject({ reason: CloseReason.OUT_OF_SYNC });
    const [, err] = await closed;
    expect(err.kind).toBe('FRAME_TOO_LARGE');
    expect(err.message).toContain('exceeds the 104857600-byte cap');
    expect(err.message).toContain('the first bytes are 7f ff ff f0');
  });

  it('garbage that is an HTTP response is named as such', async () => {
    const { conn, closed } = await throughProxy((_frame, index) => (index === 1 ? Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') : null));
    await expect(conn.send(ApiKey.Metadata, metadata)).rejects.toMatchObject({ reason: CloseReason.OUT_OF_SYNC });
    const [, err] = await closed;
    expect(err.kind).toBe('HTTP_PORT');
    expect(err.message).toContain('this port serves HTTP, not Kafka');
  });

  it('a TLS alert in the byte stream is decoded', async () => {
    const { conn, closed } = await throughProxy((_frame, index) => (index === 1 ? Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x74]) : null));
    await expect(conn.send(ApiKey.Metadata, metadata)).rejects.toMatchObject({ reason: CloseReason.OUT_OF_SYNC });
    const [, err] = await closed;
    expect(err.message).toContain('TLS alert (fatal: certificate_required)');
  });

  it('a reply cut mid-frame closes CONNECTION_BROKEN and fails the request', async () => {
    const { conn, closed } = await throughProxy((frame, index, link) => {
      if (index !== 1) return null;
      link.client.write(frame.subarray(0, Math.floor(frame.length / 2)), () => link.cut());
      return Buffer.alloc(0);
    });
    const err = await conn.send(ApiKey.Metadata, metadata).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaConnectionError);
    expect((err as KafkaConnectionError).reason).toBe(CloseReason.CONNECTION_BROKEN);
    const [reason, closeErr] = await closed;
    expect(reason).toBe(CloseReason.CONNECTION_BROKEN);
    expect(closeErr.state).toBe('READY');
  });

  it('a reply dripped one byte at a time is reassembled', async () => {
    const { conn } = await throughProxy(async (frame, index, link) => {
      if (index !== 1) return null;
      for (const byte of frame) {
        link.client.write(Buffer.from([byte]));
        await sleep(1);
      }
      return Buffer.alloc(0);
    });
    const md = await conn.send(ApiKey.Metadata, metadata);
    expect(md.brokers).toHaveLength(1);
    const again = await conn.send(ApiKey.Metadata, metadata);
    expect(again.brokers).toHaveLength(1);
    await conn.close();
  });

  it('an undecodable body fails only that request; the stream stays in sync', async () => {
    const { conn, rec } = await throughProxy((frame, index) => {
      if (index !== 1) return null;
      // Keep the correlation id and an empty tagged-field section (header v1); the body is 3 bytes of 0xff.
      const out = Buffer.alloc(4 + 4 + 1 + 3, 0xff);
      out.writeInt32BE(8, 0);
      frame.copy(out, 4, 4, 8);
      out[8] = 0;
      return out;
    });
    const err = await conn.send(ApiKey.Metadata, metadata).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ProtocolError');
    expect((err as Error).message).toMatch(/MetadataResponse v\d+/);
    const md = await conn.send(ApiKey.Metadata, metadata);
    expect(md.brokers).toHaveLength(1);
    expect(rec.types()).toContain('request.failed');
    await conn.close();
  });
});
