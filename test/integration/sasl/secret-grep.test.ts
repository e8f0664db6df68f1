// Everything the SASL code produces — events, errors (message, stack, JSON), stats, and anything
// written to stdout/stderr — for every mechanism, right and wrong credentials, on both SASL
// listeners and the OIDC ones, is captured and searched for each secret: passwords, tokens, the
// OIDC client secret, and the SCRAM client proofs seen on the wire by a recording proxy.
import { afterAll, describe, expect, it } from 'vitest';
import { Connection, type ConnectionOptions, type SaslOptions } from '../../../src/main/core';
import { clearOidcCache } from '../../../src/main/core/auth/oidc-provider';
import { decodeRequest } from '../../../src/main/core/protocol';
import { brokerInfo, caPem } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { unsecuredJwt, validClaims } from '../../support/jwt';

const info = brokerInfo() as ReturnType<typeof brokerInfo> & { oidc: { tokenEndpoint: string; clientId: string; clientSecret: string; scope: string } };
const listeners = info.listeners as Record<string, { host: string; port: number; securityProtocol: string }>;
const proxies: FaultProxy[] = [];
afterAll(async () => Promise.all(proxies.map((p) => p.close())));

const produced: string[] = [];
const secrets = new Set<string>();
const proofs = new Set<string>();

/** Routes a listener through a proxy that records SCRAM client-final proofs (p=...) as they cross the wire. */
async function via(listener: string): Promise<{ host: string; port: number }> {
  const target = listeners[listener]!;
  const proxy = await startFaultProxy({
    target,
    onRequest: (frame) => {
      try {
        const r = decodeRequest(frame.subarray(4));
        const bytes = (r.body as { authBytes?: Uint8Array }).authBytes;
        const m = bytes && /,p=([A-Za-z0-9+/=]+)$/.exec(Buffer.from(bytes).toString('latin1'));
        if (m?.[1]) proofs.add(m[1]);
      } catch {
        // TLS bytes on SASL_SSL: the proofs there are covered by the plaintext runs of the same mechanisms.
      }
      return null;
    },
  });
  proxies.push(proxy);
  return { host: '127.0.0.1', port: proxy.port };
}

async function attempt(options: ConnectionOptions): Promise<void> {
  const conn = new Connection(options);
  conn.on('event', (e) => produced.push(JSON.stringify(e)));
  conn.on('close', (reason, err) => produced.push(reason, err.message, String(err.stack), JSON.stringify(err)));
  try {
    await conn.open();
    produced.push(JSON.stringify(conn.stats()), JSON.stringify(conn.inFlight()));
    await conn.close();
  } catch (err) {
    const e = err as Error;
    produced.push(e.message, String(e.stack), JSON.stringify(e), String((e as { cause?: unknown }).cause));
  }
}

describe('no secret leaves the SASL code', () => {
  it('in events, errors, stats or console output, across every mechanism and outcome', async () => {
    const wrong = 'Wr0ng-Pa55word-!x';
    const token = unsecuredJwt(validClaims('grep-user'));
    const expired = unsecuredJwt({ sub: 'grep-user', exp: 1 });
    for (const s of [info.users.plain.password, info.users.scramSha256.password, info.users.scramSha512.password, wrong, token, expired, info.oidc.clientSecret]) secrets.add(s);

    const console: string[] = [];
    const write = (orig: typeof process.stdout.write) => ((chunk: unknown, ...rest: unknown[]) => {
      console.push(String(chunk));
      return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    process.stdout.write = write(out);
    process.stderr.write = write(err);
    try {
      const cases: SaslOptions[] = [
        { mechanism: 'PLAIN', ...info.users.plain },
        { mechanism: 'PLAIN', username: info.users.plain.username, password: wrong },
        { mechanism: 'SCRAM-SHA-256', ...info.users.scramSha256 },
        { mechanism: 'SCRAM-SHA-256', username: info.users.scramSha256.username, password: wrong },
        { mechanism: 'SCRAM-SHA-512', ...info.users.scramSha512 },
        { mechanism: 'SCRAM-SHA-512', username: info.users.scramSha512.username, password: wrong },
        { mechanism: 'OAUTHBEARER', token },
        { mechanism: 'OAUTHBEARER', token: expired },
      ];
      for (const sasl of cases) {
        await attempt({ ...(await via('SASL_PLAINTEXT')), sasl, connectTimeoutMs: 8000 });
        await attempt({ ...listeners.SASL_SSL!, tls: { ca: caPem() }, sasl, connectTimeoutMs: 8000 });
      }
      const oidc = { tokenEndpoint: info.oidc.tokenEndpoint, clientId: info.oidc.clientId, clientSecret: info.oidc.clientSecret, scope: info.oidc.scope };
      clearOidcCache();
      await attempt({ ...listeners.SASL_OIDC!, sasl: { mechanism: 'OAUTHBEARER', oidc } });
      await attempt({ ...listeners.SASL_OIDC!, sasl: { mechanism: 'OAUTHBEARER', oidc: { ...oidc, clientSecret: wrong } } });
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
    }

    // The proxy saw the SCRAM proofs of the successful and failed logins: 2 mechanisms x 2 outcomes.
    expect(proofs.size).toBe(4);
    expect(produced.length).toBeGreaterThan(100);
    const haystack = produced.join('\n') + console.join('');
    for (const secret of [...secrets, ...proofs]) {
      expect(haystack.includes(secret), `a secret of length ${secret.length} leaked`).toBe(false);
      expect(haystack.includes(Buffer.from(secret).toString('base64')), 'a base64-encoded secret leaked').toBe(false);
    }
  }, 120_000);
});
