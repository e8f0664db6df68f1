// OAUTHBEARER with the OIDC client-credentials provider, against a broker listener that validates
// tokens with Kafka's JWT validator and the harness's local JWKS.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiKey, CloseReason, Connection, KafkaConnectionError } from '../../../src/main/core';
import { clearOidcCache } from '../../../src/main/core/auth/oidc-provider';
import { brokerInfo, caPem, recorder } from '../../support/connect-options';
import { unsecuredJwt, validClaims } from '../../support/jwt';

const info = brokerInfo() as ReturnType<typeof brokerInfo> & {
  oidc: { tokenEndpoint: string; clientId: string; clientSecret: string; scope: string; shortLived: { clientId: string; clientSecret: string; lifetimeSeconds: number } };
};
const listeners = info.listeners as Record<string, { host: string; port: number }>;
const listener = listeners.SASL_OIDC!;
const oidc = { tokenEndpoint: info.oidc.tokenEndpoint, clientId: info.oidc.clientId, clientSecret: info.oidc.clientSecret, scope: info.oidc.scope };

function tokenSources(events: ReturnType<typeof recorder>['events']): unknown[] {
  return events.flatMap((e) => (e.type === 'auth.info' && e.detail.tokenSource === 'oidc' ? [e.detail.fromCache] : []));
}

beforeEach(() => clearOidcCache());

describe('OAUTHBEARER with OIDC client credentials', () => {
  it('gets a token from the endpoint, authenticates, and reuses the cached token', async () => {
    const rec = recorder();
    for (let i = 0; i < 2; i++) {
      const conn = await Connection.connect({ host: listener.host, port: listener.port, sasl: { mechanism: 'OAUTHBEARER', oidc }, onEvent: rec.onEvent });
      const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(md.brokers.length).toBeGreaterThan(0);
      await conn.close();
    }
    expect(tokenSources(rec.events)).toEqual([false, true]);
    const everything = JSON.stringify(rec.events);
    expect(everything).not.toContain(oidc.clientSecret);
  });

  it('authenticates over TLS too (SASL_SSL)', async () => {
    const tlsListener = listeners.SASL_SSL_OIDC!;
    const rec = recorder();
    const conn = await Connection.connect({
      host: tlsListener.host,
      port: tlsListener.port,
      tls: { ca: caPem() },
      sasl: { mechanism: 'OAUTHBEARER', oidc },
      onEvent: rec.onEvent,
    });
    const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    expect(md.brokers.length).toBeGreaterThan(0);
    expect(rec.types()).toEqual(expect.arrayContaining(['tls', 'auth.success']));
    await conn.close();
  });

  it('refreshes a token before it expires', async () => {
    const short = { ...oidc, clientId: info.oidc.shortLived.clientId, clientSecret: info.oidc.shortLived.clientSecret };
    const rec = recorder();
    const connect = async (): Promise<void> => {
      const conn = await Connection.connect({ host: listener.host, port: listener.port, sasl: { mechanism: 'OAUTHBEARER', oidc: short }, onEvent: rec.onEvent });
      await conn.close();
    };
    await connect();
    await connect(); // well within the lifetime: cached
    await new Promise((r) => setTimeout(r, info.oidc.shortLived.lifetimeSeconds * 1000 * 0.85));
    await connect(); // past 80% of the lifetime: fetched again, before the old token expired
    expect(tokenSources(rec.events)).toEqual([false, true, false]);
  }, 20_000);

  it('a wrong client secret fails AUTH_FAILURE with the endpoint refusal', async () => {
    const err = (await Connection.connect({
      host: listener.host,
      port: listener.port,
      sasl: { mechanism: 'OAUTHBEARER', oidc: { ...oidc, clientSecret: 'not-the-secret' } },
    }).catch((e: unknown) => e)) as KafkaConnectionError;
    expect(err).toBeInstanceOf(KafkaConnectionError);
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.kind).toBe('OAUTH_TOKEN_REJECTED');
    expect(err.message).toContain('refused the client credentials (HTTP 401');
    expect(err.message).not.toContain('not-the-secret');
  });

  it('an unsigned token is rejected by the validating listener, with the JSON challenge decoded', async () => {
    const err = (await Connection.connect({
      host: listener.host,
      port: listener.port,
      sasl: { mechanism: 'OAUTHBEARER', token: unsecuredJwt(validClaims('mallory')) },
    }).catch((e: unknown) => e)) as KafkaConnectionError;
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.kind).toBe('OAUTH_TOKEN_REJECTED');
    expect(err.message).toContain('invalid_token');
  });
});
