import { describe, expect, it } from 'vitest';
import { sniffBytes } from './sniff';

describe('sniffBytes', () => {
  it('decodes a TLS alert', () => {
    const s = sniffBytes(Uint8Array.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]));
    expect(s.kind).toBe('PLAINTEXT_TO_TLS_LISTENER');
    expect(s.description).toContain('fatal: handshake_failure');
  });
  it('recognises a TLS handshake record', () => {
    expect(sniffBytes(Uint8Array.from([0x16, 0x03, 0x01, 0x02, 0x00])).description).toContain('the listener speaks TLS');
  });
  it('recognises an HTTP response', () => {
    const s = sniffBytes(Buffer.from('HTTP/1.1 400 Bad Request'));
    expect(s.kind).toBe('HTTP_PORT');
  });
  it('shows the bytes of anything else', () => {
    expect(sniffBytes(Uint8Array.from([0x7f, 0xff, 0xff, 0xff, 0, 1])).description).toBe('the first bytes are 7f ff ff ff 00 01');
  });
});
