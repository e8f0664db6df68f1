import { describe, expect, it } from 'vitest';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { escapeUsername, scramMechanism } from './scram';
import type { SaslContext } from './mechanism';

const ctx = (infos: Record<string, unknown>[] = []): SaslContext => ({ tls: true, host: 'h', warn: () => undefined, info: (d) => infos.push(d) });

/** A SCRAM server per RFC 5802, to check the client end to end. */
function server(password: string, hash: 'sha256' | 'sha512', iterations = 4096) {
  const salt = Buffer.from('0123456789abcdef');
  const salted = pbkdf2Sync(password, salt, iterations, hash === 'sha256' ? 32 : 64, hash);
  const hmac = (k: Buffer, d: string) => createHmac(hash, k).update(d).digest();
  let first = '';
  let serverFirst = '';
  return {
    first(clientFirst: string, nonceSuffix = 'SRV') {
      first = clientFirst.slice(3);
      const cnonce = /r=([^,]+)/.exec(first)![1];
      serverFirst = `r=${cnonce}${nonceSuffix},s=${salt.toString('base64')},i=${iterations}`;
      return serverFirst;
    },
    final(clientFinal: string) {
      const withoutProof = clientFinal.slice(0, clientFinal.indexOf(',p='));
      const proof = Buffer.from(clientFinal.slice(clientFinal.indexOf(',p=') + 3), 'base64');
      const authMessage = `${first},${serverFirst},${withoutProof}`;
      const clientKey = hmac(salted, 'Client Key');
      const storedKey = createHash(hash).update(clientKey).digest();
      const sig = hmac(storedKey, authMessage);
      const recovered = Buffer.from(proof.map((b, i) => b ^ sig[i]!));
      const ok = createHash(hash).update(recovered).digest().equals(storedKey);
      return { ok, serverFinal: `v=${hmac(hmac(salted, 'Server Key'), authMessage).toString('base64')}` };
    },
  };
}

describe('SCRAM client', () => {
  it.each([
    ['SCRAM-SHA-256', 'sha256'],
    ['SCRAM-SHA-512', 'sha512'],
  ] as const)('%s completes against an RFC 5802 server and verifies its signature', async (mechanism, hash) => {
    const infos: Record<string, unknown>[] = [];
    const s = server('pencil', hash);
    const c = scramMechanism({ mechanism, username: 'user', password: 'pencil' }, ctx(infos));
    const first = (await c.step(null))!.toString();
    expect(first).toMatch(/^n,,n=user,r=[A-Za-z0-9+/=]{32}$/);
    const final = (await c.step(Buffer.from(s.first(first))))!.toString();
    const verdict = s.final(final);
    expect(verdict.ok).toBe(true);
    expect(await c.step(Buffer.from(verdict.serverFinal))).toBeNull();
    expect(infos).toEqual([{ step: 'server-first', saltBytes: 16, iterations: 4096 }]);
  });

  it('rejects a wrong server signature', async () => {
    const s = server('pencil', 'sha256');
    const c = scramMechanism({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'pencil' }, ctx());
    const first = (await c.step(null))!.toString();
    await c.step(Buffer.from(s.first(first)));
    await expect(c.step(Buffer.from(`v=${Buffer.alloc(32, 1).toString('base64')}`))).rejects.toMatchObject({
      kind: 'SCRAM_SERVER_SIGNATURE_MISMATCH',
      message: expect.stringContaining('The server could not prove it knows the password'),
    });
  });

  it('rejects a server nonce that does not extend the client nonce', async () => {
    const c = scramMechanism({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' }, ctx());
    await c.step(null);
    await expect(c.step(Buffer.from('r=someoneelse,s=AAAA,i=4096'))).rejects.toThrow('does not extend the client nonce');
  });

  it('refuses fewer than 4096 iterations', async () => {
    const s = server('p', 'sha256', 1000);
    const c = scramMechanism({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' }, ctx());
    const first = (await c.step(null))!.toString();
    await expect(c.step(Buffer.from(s.first(first)))).rejects.toThrow('at least 4096 are required');
  });

  it('reports a server-final e= error as its text', async () => {
    const s = server('p', 'sha256');
    const c = scramMechanism({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' }, ctx());
    const first = (await c.step(null))!.toString();
    await c.step(Buffer.from(s.first(first)));
    await expect(c.step(Buffer.from('e=invalid-proof'))).rejects.toThrow('The broker rejected the SCRAM proof: invalid-proof');
  });

  it('escapes , and = in the username', () => {
    expect(escapeUsername('a,b=c')).toBe('a=2Cb=3Dc');
  });

  it('applies SASLprep to the password (non-ASCII space maps to space)', async () => {
    const s = server('pen cil', 'sha256');
    const c = scramMechanism({ mechanism: 'SCRAM-SHA-256', username: 'u', password: 'pen\u00A0cil' }, ctx());
    const first = (await c.step(null))!.toString();
    const final = (await c.step(Buffer.from(s.first(first))))!.toString();
    expect(s.final(final).ok).toBe(true);
  });
});
