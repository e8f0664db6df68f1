// Golden frames captured from a real Apache Kafka broker (scripts/capture-golden.ts): each decodes,
// says what the broker said, and re-encodes to the very same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiKey, decodeRequest, decodeResponse, encodeRequestFrame, encodeResponseFrame } from './index';

const DIR = join(import.meta.dirname, 'golden');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  entries: { name: string; apiKey: number; apiVersion: number; request: string; response: string }[];
};

describe('golden frames from the real broker', () => {
  it('covers ApiVersions v0 and v3+, Metadata, SaslHandshake and SaslAuthenticate', () => {
    expect(manifest.entries.map((e) => e.name)).toEqual(['ApiVersions v4', 'ApiVersions v0', 'Metadata v12', 'SaslHandshake v1', 'SaslAuthenticate v2']);
  });

  describe.each(manifest.entries)('$name', ({ apiKey, apiVersion, request, response }) => {
    const req = readFileSync(join(DIR, request));
    const res = readFileSync(join(DIR, response));

    it('request: decodes and re-encodes byte for byte', () => {
      const decoded = decodeRequest(req.subarray(4));
      expect([decoded.apiKey, decoded.apiVersion, decoded.clientId, decoded.trailingBytes]).toEqual([apiKey, apiVersion, 'golden', 0]);
      expect(encodeRequestFrame(apiKey, apiVersion, decoded.correlationId, decoded.clientId, decoded.body as never).equals(req)).toBe(true);
    });

    it('response: decodes and re-encodes byte for byte', () => {
      const decoded = decodeResponse(apiKey, apiVersion, res.subarray(4));
      expect(decoded.correlationId).toBe(req.readInt32BE(8));
      expect(decoded.trailingBytes).toBe(0);
      const body = decoded.body as Record<string, unknown>;
      expect(body.errorCode ?? 0).toBe(0);
      expect(encodeResponseFrame(apiKey, apiVersion, decoded.correlationId, body as never).equals(res)).toBe(true);
    });
  });

  it('says what the broker said', () => {
    const body = (name: string) => {
      const e = manifest.entries.find((x) => x.name === name)!;
      return decodeResponse(e.apiKey, e.apiVersion, readFileSync(join(DIR, e.response)).subarray(4)).body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    expect(body('ApiVersions v4').apiKeys.find((k: { apiKey: number }) => k.apiKey === ApiKey.ApiVersions).maxVersion).toBeGreaterThanOrEqual(4);
    expect(body('ApiVersions v0').apiKeys.length).toBeGreaterThan(50);
    expect(body('Metadata v12').brokers).toHaveLength(1);
    expect(body('SaslHandshake v1').mechanisms).toContain('SCRAM-SHA-256');
    expect(Buffer.from(body('SaslAuthenticate v2').authBytes).toString()).toMatch(/^r=[^,]+,s=[^,]+,i=\d+$/);
  });
});
