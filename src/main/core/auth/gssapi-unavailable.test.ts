// Selecting GSSAPI where the `kerberos` package can't be loaded: the SASL driver fails with
// GSSAPI_UNAVAILABLE and install instructions (the connection then closes AUTH_FAILURE, as
// for every SaslAuthenticationError).
import { describe, expect, it, vi } from 'vitest';
import { ApiKey } from '../protocol';
import { SaslAuthenticationError } from './mechanism';
import { authenticate, type AuthLink } from './sasl-handshake';

vi.mock('./gssapi/loader', async (importOriginal) => {
  const real = await importOriginal<typeof import('./gssapi/loader')>();
  return {
    ...real,
    // The real require, from a place with no node_modules: "Cannot find module 'kerberos'".
    loadKerberos: async () => real.requireKerberos('file:///nonexistent-brokerscope-dir/x.js'),
  };
});

describe('GSSAPI without the kerberos package', () => {
  it('fails the SASL exchange with GSSAPI_UNAVAILABLE and how to install it, after the handshake', async () => {
    const sent: number[] = [];
    const link: AuthLink = {
      tls: false,
      host: 'localhost',
      enterHandshake: () => undefined,
      enterAuth: () => undefined,
      versionOf: () => 1,
      request: async (apiKey) => {
        sent.push(apiKey);
        return { errorCode: 0, mechanisms: ['GSSAPI'] };
      },
      rawExchange: async () => new Uint8Array(0),
      emit: () => undefined,
      warn: () => undefined,
    };
    const err = await authenticate(link, { mechanism: 'GSSAPI' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaslAuthenticationError);
    const e = err as SaslAuthenticationError;
    expect(e.kind).toBe('GSSAPI_UNAVAILABLE');
    expect(e.message).toContain("Cannot find module 'kerberos'");
    expect(e.message).toMatch(/npm install kerberos.*libkrb5-dev/);
    expect(sent).toEqual([ApiKey.SaslHandshake]); // no token went out
  });
});
