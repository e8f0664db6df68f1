import { describe, expect, it } from 'vitest';
import { authzidProblem, clientReply, parseServerLayers, qopNames, wrapInput } from './security-layer';

describe('RFC 4752 security layer', () => {
  it('parses the server offer: bit mask and 3-octet max buffer, network order', () => {
    expect(parseServerLayers(Uint8Array.from([0x01, 0x01, 0x00, 0x00]))).toEqual({
      bitmask: 1,
      offered: ['auth'],
      maxBuffer: 65536,
    });
    expect(parseServerLayers(Uint8Array.from([0x07, 0xff, 0xff, 0xff]))).toEqual({
      bitmask: 7,
      offered: ['auth', 'auth-int', 'auth-conf'],
      maxBuffer: 0xffffff,
    });
    expect(parseServerLayers(Uint8Array.from([0x01, 0, 0]))).toBeNull();
    expect(qopNames(0)).toEqual([]);
  });

  it('the client reply is no security layer, max buffer 0, then the UTF-8 authzid', () => {
    expect([...clientReply('')]).toEqual([1, 0, 0, 0]);
    expect([...clientReply('é')]).toEqual([1, 0, 0, 0, 0xc3, 0xa9]);
    // What the kerberos package's wrap() is given: the same preamble, padded to 8 octets.
    expect([...Buffer.from(wrapInput(), 'base64')]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses authzids the native wrap would truncate', () => {
    expect(authzidProblem('alice')).toBeNull();
    expect(authzidProblem('a\0b')).toMatch(/NUL/);
    expect(authzidProblem('x'.repeat(4001))).toMatch(/longer/);
  });
});
