// The real test broker (harness/broker) exposes every listener the harness promises:
// each answers ApiVersions v0 (raw bytes, no codecs), mTLS refuses certificate-less
// clients, SASL listeners advertise exactly the configured mechanisms, and the users in
// the info JSON can actually authenticate.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import {
  readBrokerInfo,
  readBrokerInfoFile,
  type ListenerInfo,
  type ListenerName,
} from '../../harness/broker/info';
import { tlsOptions, targetFor } from '../support/broker-targets';
import { ApiKey, decodeApiVersionsV0, ErrorCode } from '../support/kafka-wire';
import { RawConnection, withConnection } from '../support/raw-connection';
import {
  plainMessage,
  saslAuthenticate,
  saslHandshake,
  scramAuthenticate,
  unsecuredOAuthBearerMessage,
} from '../support/sasl';

const info = readBrokerInfoFile(inject('brokerInfoPath'));
const listeners = Object.values(info.listeners);
const listener = (name: ListenerName): ListenerInfo => info.listeners[name];

/** What the harness is asked to configure; the info JSON must say (and the broker do) the same. */
const EXPECTED_SASL: Partial<Record<ListenerName, string[]>> = {
  SASL_PLAINTEXT: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'],
  SASL_SSL: ['SCRAM-SHA-512'],
};
const saslListeners = listeners.filter((l) => l.saslMechanisms.length > 0);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('broker info JSON', () => {
  it('is what readBrokerInfo() finds too (global setup exports $BROKERSCOPE_BROKER_INFO)', () => {
    expect(readBrokerInfo().infoPath).toBe(inject('brokerInfoPath'));
    expect(readBrokerInfo(info.version).clusterId).toBe(info.clusterId);
  });

  it('describes the five client listeners on distinct loopback ports', () => {
    expect(sorted(Object.keys(info.listeners))).toEqual(
      sorted(['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'MTLS', 'SASL_SSL']),
    );
    expect(new Set(listeners.map((l) => l.port)).size).toBe(5);
    for (const l of listeners) expect(l.host).toBe('127.0.0.1');
    expect(listener('MTLS').clientAuthRequired).toBe(true);
    expect(listener('SSL').clientAuthRequired).toBe(false);
    for (const [name, mechs] of Object.entries(EXPECTED_SASL))
      expect(listener(name as ListenerName).saslMechanisms).toEqual(mechs);
    expect(info.users.scramSha256.username).toBeTruthy();
    expect(readFileSync(info.tls.clientP12Path).length).toBeGreaterThan(0);
  });
});

describe.each(listeners)('listener $name ($securityProtocol)', (l) => {
  it('answers a raw ApiVersions v0 request', async () => {
    const res = await withConnection(targetFor(l), (c) =>
      c.request(ApiKey.ApiVersions, 0, undefined, { clientId: 'harness-test' }),
    );
    expect(res.correlationId).toBe(1);
    const body = decodeApiVersionsV0(res.body);
    expect(body.errorCode).toBe(ErrorCode.NONE);
    expect(body.apiKeys.map((k) => k.apiKey)).toContain(ApiKey.ApiVersions);
    expect(body.apiKeys.length).toBeGreaterThan(20);
  });
});

describe('mTLS listener', () => {
  it('refuses a TLS client without a certificate', async () => {
    const l = listener('MTLS');
    // With TLS 1.3 the client may finish its handshake before the broker checks for a client
    // certificate; the refusal then arrives as an alert / reset on the first read.
    const outcome = await RawConnection.open({ host: l.host, port: l.port, tls: tlsOptions(l, false) }).then(
      async (c) => {
        try {
          const res = await c.request(ApiKey.ApiVersions, 0, undefined, { timeoutMs: 10_000 });
          return `unexpected response (correlation id ${res.correlationId})`;
        } catch (e) {
          return `refused after handshake: ${(e as Error).message}`;
        } finally {
          c.close();
        }
      },
      (e: Error) => `refused during handshake: ${e.message}`,
    );
    expect(outcome).toMatch(/^refused/);
    expect(outcome).not.toMatch(/no response within/); // an actual refusal, not a hang
  });

  it('accepts the harness client certificate from the PKCS#12 file', async () => {
    const l = listener('MTLS');
    if (!l.tls) throw new Error('MTLS listener has no tls info');
    const target = {
      host: l.host,
      port: l.port,
      tls: {
        ca: readFileSync(l.tls.caPath),
        pfx: readFileSync(l.tls.p12Path),
        passphrase: l.tls.p12Password,
      },
    };
    const res = await withConnection(target, (c) => c.request(ApiKey.ApiVersions, 0));
    expect(decodeApiVersionsV0(res.body).errorCode).toBe(ErrorCode.NONE);
  });
});

describe.each(saslListeners)('SASL listener $name', (l) => {
  it('lists the configured mechanisms in its SaslHandshake v1 reply', async () => {
    const expected = EXPECTED_SASL[l.name];
    expect(expected).toBeDefined();
    const first = l.saslMechanisms[0] ?? 'PLAIN';
    const ok = await withConnection(targetFor(l), (c) => saslHandshake(c, first));
    expect(ok.errorCode).toBe(ErrorCode.NONE);
    expect(sorted(ok.mechanisms)).toEqual(sorted(expected ?? []));
  });

  it('rejects an unsupported mechanism with UNSUPPORTED_SASL_MECHANISM (33)', async () => {
    const res = await withConnection(targetFor(l), (c) => saslHandshake(c, 'NOPE'));
    expect(res.errorCode).toBe(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    expect(sorted(res.mechanisms)).toEqual(sorted(EXPECTED_SASL[l.name] ?? []));
  });
});

describe('SASL users from the info JSON authenticate', () => {
  const authThenApiVersions = async (
    name: ListenerName,
    mechanism: string,
    auth: (c: RawConnection) => Promise<{ errorCode: number; errorMessage: string | null }>,
  ): Promise<void> => {
    await withConnection(targetFor(listener(name)), async (c) => {
      expect((await saslHandshake(c, mechanism)).errorCode).toBe(ErrorCode.NONE);
      const res = await auth(c);
      expect(res.errorCode, `error message: ${res.errorMessage}`).toBe(ErrorCode.NONE);
      const api = await c.request(ApiKey.ApiVersions, 0);
      expect(decodeApiVersionsV0(api.body).errorCode).toBe(ErrorCode.NONE);
    });
  };

  it('PLAIN on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'PLAIN', (c) =>
      saslAuthenticate(c, plainMessage(info.users.plain.username, info.users.plain.password)),
    ));

  it('PLAIN with a wrong password fails with SASL_AUTHENTICATION_FAILED (58)', async () => {
    const res = await withConnection(targetFor(listener('SASL_PLAINTEXT')), async (c) => {
      await saslHandshake(c, 'PLAIN');
      return saslAuthenticate(c, plainMessage(info.users.plain.username, 'wrong'));
    });
    expect(res.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED);
  });

  it('SCRAM-SHA-256 on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'SCRAM-SHA-256', (c) =>
      scramAuthenticate(c, 'sha256', info.users.scramSha256.username, info.users.scramSha256.password),
    ));

  it('SCRAM-SHA-512 on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'SCRAM-SHA-512', (c) =>
      scramAuthenticate(c, 'sha512', info.users.scramSha512.username, info.users.scramSha512.password),
    ));

  it('SCRAM-SHA-512 on SASL_SSL', () =>
    authThenApiVersions('SASL_SSL', 'SCRAM-SHA-512', (c) =>
      scramAuthenticate(c, 'sha512', info.users.scramSha512.username, info.users.scramSha512.password),
    ));

  it('OAUTHBEARER (unsecured JWS) on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'OAUTHBEARER', (c) =>
      saslAuthenticate(c, unsecuredOAuthBearerMessage('harness-test')),
    ));
});
