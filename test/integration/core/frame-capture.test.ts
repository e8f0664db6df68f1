// captureFrames: every frame before TLS, as events, with SASL payloads blanked (lengths kept).
import { describe, expect, it } from 'vitest';
import { ApiKey, Connection } from '../../../src/main/core';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';

describe('frame capture', () => {
  it('captures requests and replies before TLS, blanking SaslAuthenticate bodies', async () => {
    const info = brokerInfo();
    const rec = recorder();
    const sasl = { mechanism: 'SCRAM-SHA-512' as const, ...info.users.scramSha512 };
    const conn = await Connection.connect({ ...optionsFor('SASL_SSL'), sasl, captureFrames: true, onEvent: rec.onEvent });
    await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    await conn.close();
    const frames = rec.events.flatMap((e) => (e.type === 'frame' ? [e] : []));
    const written = rec.events.flatMap((e) => (e.type === 'request.written' ? [e] : []));
    const out = frames.filter((f) => f.direction === 'out');
    const inbound = frames.filter((f) => f.direction === 'in');
    expect(out.map((f) => f.correlationId)).toEqual(written.map((w) => w.correlationId));
    expect(out.map((f) => f.size)).toEqual(written.map((w) => w.bytes));
    expect(inbound.map((f) => f.correlationId)).toEqual(written.map((w) => w.correlationId));
    for (const f of frames) {
      const bytes = Buffer.from(f.data, 'base64');
      expect(bytes.length).toBe(f.size);
      expect(bytes.readInt32BE(0)).toBe(f.size - 4);
      expect(f.redacted).toBe(f.apiKey === ApiKey.SaslAuthenticate);
      if (f.redacted) expect(bytes.subarray(bytes.length - 8).every((b) => b === 0)).toBe(true);
    }
    // Two SCRAM rounds: two SaslAuthenticate requests and two replies, all blanked.
    expect(frames.filter((f) => f.apiKey === ApiKey.SaslAuthenticate)).toHaveLength(4);
    const everything = Buffer.concat(frames.map((f) => Buffer.from(f.data, 'base64'))).toString('latin1');
    expect(everything).not.toContain(sasl.password);
    expect(everything).not.toContain('n,,n=');
    expect(everything).toContain('brokerscope-test'); // client ids stay readable
  });
});
