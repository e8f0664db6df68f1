// The real test broker (harness/broker) exposes every listener the harness promises:
// each answers ApiVersions v0 (raw bytes, no codecs), mTLS refuses certificate-less
// clients, SASL listeners advertise exactly the configured mechanisms, the users in the info
// JSON can actually authenticate, and the special listeners do what their names say: OIDC
// tokens checked by Kafka's JWKS validator, short re-auth sessions, an expired certificate,
// unreachable advertised hosts, ACL denials for the restricted user, and (where a KDC is
// installed) GSSAPI.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import {
  readBrokerInfo,
  readBrokerInfoFile,
  type ListenerInfo,
  type ListenerName,
} from '../../harness/broker/info';
import { LISTENERS, REAUTH_MS, UNRESOLVABLE_HOST } from '../../harness/broker/listeners';
import { resolveClasspath } from '../../harness/broker/resolve-jars';
import { javaBin } from '../../harness/broker/tools';
import { signRs256 } from '../../harness/broker/oidc-server';
import { tcpAccepts } from '../../harness/broker/wait';
import { tlsOptions, targetFor } from '../support/broker-targets';
import {
  AclOperation,
  AclPatternType,
  AclPermission,
  AclResourceType,
  ApiKey,
  decodeApiVersionsV0,
  decodeDescribeAclsV1,
  decodeMetadataV12,
  describeAclsV1Body,
  ErrorCode,
  metadataV12Body,
  type MetadataResponse,
} from '../support/kafka-wire';
import { RawConnection, withConnection } from '../support/raw-connection';
import {
  decodeJwt,
  fetchOidcToken,
  oauthBearerMessage,
  plainMessage,
  saslAuthenticate,
  saslAuthenticateV2,
  saslHandshake,
  scramAuthenticate,
  unsecuredOAuthBearerMessage,
} from '../support/sasl';

const info = readBrokerInfoFile(inject('brokerInfoPath'));
const listeners = Object.values(info.listeners);
const listener = (name: ListenerName): ListenerInfo => info.listeners[name];

/** What the harness is asked to configure (listeners.ts); the info JSON must say (and the broker do) the same. */
const CONFIGURED_SASL = new Map(
  LISTENERS.filter((l) => l.saslMechanisms.length > 0).map((l) => [l.name as string, [...l.saslMechanisms]]),
);
const saslListeners = listeners.filter((l) => l.saslMechanisms.length > 0);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('broker info JSON', () => {
  it('is what readBrokerInfo() finds too (global setup exports $BROKERSCOPE_BROKER_INFO)', () => {
    expect(readBrokerInfo().infoPath).toBe(inject('brokerInfoPath'));
    expect(readBrokerInfo(info.version).clusterId).toBe(info.clusterId);
  });

  it('describes every configured client listener on distinct loopback ports', () => {
    const expected = LISTENERS.filter((l) => l.needs !== 'kerberos' || info.kerberos !== undefined).map(
      (l) => l.name,
    );
    expect(sorted(Object.keys(info.listeners))).toEqual(sorted(expected));
    for (const name of ['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'MTLS', 'SASL_SSL'])
      expect(Object.keys(info.listeners)).toContain(name);
    expect(new Set(listeners.map((l) => l.port)).size).toBe(listeners.length);
    for (const l of listeners) expect(l.host).toBe('127.0.0.1');
    expect(listener('MTLS').clientAuthRequired).toBe(true);
    expect(listener('SSL').clientAuthRequired).toBe(false);
    for (const [name, mechs] of CONFIGURED_SASL) {
      const l = info.listeners[name as ListenerName] as ListenerInfo | undefined;
      if (l) expect(l.saslMechanisms).toEqual(mechs);
    }
    expect(listener('SASL_SSL').saslMechanisms).toEqual([
      'PLAIN',
      'SCRAM-SHA-256',
      'SCRAM-SHA-512',
      'OAUTHBEARER',
    ]);
    expect(info.users.scramSha256.username).toBeTruthy();
    expect(info.users.restricted.username).toBe('restricted-user');
    expect(readFileSync(info.tls.clientP12Path).length).toBeGreaterThan(0);
  });

  it('describes the OIDC server, the ACLs and the advertised addresses', () => {
    expect(info.oidc.tokenEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token$/);
    expect(info.oidc.jwksUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jwks$/);
    expect(info.oidc.clientSecret).toBeTruthy();
    expect(info.oidc.shortLived.lifetimeSeconds).toBeLessThanOrEqual(10);
    expect(info.acl.deniedTopic).toBe('forbidden-topic');
    expect(info.acl.superUsers).toContain('User:ANONYMOUS');
    expect(listener('ADVERTISED_BAD').advertisedHost).toBe(UNRESOLVABLE_HOST);
    expect(listener('ADVERTISED_BAD').advertisedPort).toBe(listener('ADVERTISED_BAD').port);
    expect(listener('ADVERTISED_LOCALHOST').advertisedHost).toBe('localhost');
    expect(listener('ADVERTISED_LOCALHOST').advertisedPort).not.toBe(listener('ADVERTISED_LOCALHOST').port);
    expect(listener('SASL_REAUTH').connectionsMaxReauthMs).toBe(REAUTH_MS);
    expect(listener('PLAINTEXT').advertisedHost).toBeUndefined();
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
  const configured = (): string[] => {
    const mechs = CONFIGURED_SASL.get(l.name);
    if (!mechs) throw new Error(`${l.name} is not a configured SASL listener`);
    return mechs;
  };

  it('lists the configured mechanisms in its SaslHandshake v1 reply', async () => {
    const first = l.saslMechanisms[0] ?? 'PLAIN';
    const ok = await withConnection(targetFor(l), (c) => saslHandshake(c, first));
    expect(ok.errorCode).toBe(ErrorCode.NONE);
    expect(sorted(ok.mechanisms)).toEqual(sorted(configured()));
  });

  it('rejects an unsupported mechanism with UNSUPPORTED_SASL_MECHANISM (33)', async () => {
    const res = await withConnection(targetFor(l), (c) => saslHandshake(c, 'NOPE'));
    expect(res.errorCode).toBe(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
    expect(sorted(res.mechanisms)).toEqual(sorted(configured()));
  });
});

type Auth = (
  c: RawConnection,
) => Promise<{ errorCode: number; errorMessage: string | null; sessionLifetimeMs: bigint }>;

/** Handshake + auth on a listener, then ApiVersions; returns the final SaslAuthenticate reply. */
async function authThenApiVersions(name: ListenerName, mechanism: string, auth: Auth) {
  return withConnection(targetFor(listener(name)), async (c) => {
    expect((await saslHandshake(c, mechanism)).errorCode).toBe(ErrorCode.NONE);
    const res = await auth(c);
    expect(res.errorCode, `error message: ${res.errorMessage}`).toBe(ErrorCode.NONE);
    const api = await c.request(ApiKey.ApiVersions, 0);
    expect(decodeApiVersionsV0(api.body).errorCode).toBe(ErrorCode.NONE);
    return res;
  });
}

const plain = (c: RawConnection) =>
  saslAuthenticate(c, plainMessage(info.users.plain.username, info.users.plain.password));
const scram256 = (c: RawConnection) =>
  scramAuthenticate(c, 'sha256', info.users.scramSha256.username, info.users.scramSha256.password);
const scram512 = (c: RawConnection) =>
  scramAuthenticate(c, 'sha512', info.users.scramSha512.username, info.users.scramSha512.password);

describe('SASL users from the info JSON authenticate', () => {
  it('PLAIN on SASL_PLAINTEXT', () => authThenApiVersions('SASL_PLAINTEXT', 'PLAIN', plain));

  it('PLAIN with a wrong password fails with SASL_AUTHENTICATION_FAILED (58)', async () => {
    const res = await withConnection(targetFor(listener('SASL_PLAINTEXT')), async (c) => {
      await saslHandshake(c, 'PLAIN');
      return saslAuthenticate(c, plainMessage(info.users.plain.username, 'wrong'));
    });
    expect(res.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED);
  });

  it('SCRAM-SHA-256 on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'SCRAM-SHA-256', scram256));
  it('SCRAM-SHA-512 on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'SCRAM-SHA-512', scram512));
  it('OAUTHBEARER (unsecured JWS) on SASL_PLAINTEXT', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'OAUTHBEARER', (c) =>
      saslAuthenticate(c, unsecuredOAuthBearerMessage('harness-test')),
    ));

  it('PLAIN on SASL_SSL', () => authThenApiVersions('SASL_SSL', 'PLAIN', plain));
  it('SCRAM-SHA-256 on SASL_SSL', () => authThenApiVersions('SASL_SSL', 'SCRAM-SHA-256', scram256));
  it('SCRAM-SHA-512 on SASL_SSL', () => authThenApiVersions('SASL_SSL', 'SCRAM-SHA-512', scram512));
  it('OAUTHBEARER (unsecured JWS) on SASL_SSL', () =>
    authThenApiVersions('SASL_SSL', 'OAUTHBEARER', (c) =>
      saslAuthenticate(c, unsecuredOAuthBearerMessage('harness-test')),
    ));

  it('SCRAM-SHA-512 as the restricted user (authentication is not what ACLs deny)', () =>
    authThenApiVersions('SASL_PLAINTEXT', 'SCRAM-SHA-512', (c) =>
      scramAuthenticate(c, 'sha512', info.users.restricted.username, info.users.restricted.password),
    ));
});

describe('OIDC server and the SASL_OIDC listener (Kafka JWKS validator)', () => {
  const oidc = info.oidc;

  it('serves its RSA key as a JWK with the kid its tokens carry', async () => {
    const jwks = (await (await fetch(oidc.jwksUrl)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const tok = await fetchOidcToken(oidc);
    const { header, claims } = decodeJwt(tok.body.access_token ?? '');
    expect(header).toMatchObject({ alg: 'RS256', kid: jwks.keys[0]?.kid });
    expect(claims).toMatchObject({
      iss: oidc.issuer,
      aud: oidc.audience,
      sub: oidc.clientId,
      scope: oidc.scope,
    });
  });

  it('issues client-credentials tokens, honouring scope and lifetime', async () => {
    const tok = await fetchOidcToken(oidc);
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({ token_type: 'Bearer', expires_in: oidc.lifetimeSeconds });
    expect(tok.body.access_token?.split('.')).toHaveLength(3);

    const scoped = await fetchOidcToken(oidc, { scope: 'kafka.read kafka.write' });
    expect(decodeJwt(scoped.body.access_token ?? '').claims.scope).toBe('kafka.read kafka.write');

    const short = await fetchOidcToken(oidc, { clientId: oidc.shortLived.clientId });
    expect(short.body.expires_in).toBe(oidc.shortLived.lifetimeSeconds);
    const custom = await fetchOidcToken(oidc, { lifetimeSeconds: 7 });
    const c = decodeJwt(custom.body.access_token ?? '').claims;
    expect(custom.body.expires_in).toBe(7);
    expect(Number(c.exp) - Number(c.iat)).toBe(7);
  });

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    const wrong = await fetchOidcToken(oidc, { clientSecret: 'not-the-secret' });
    expect(wrong).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_client' }) });
    const unknown = await fetchOidcToken(oidc, { clientId: 'nobody', clientSecret: 'x' });
    expect(unknown.status).toBe(401);
  });

  it('its token authenticates on SASL_OIDC (SaslHandshake v1 + SaslAuthenticate v2); the session lasts as long as the token', async () => {
    const tok = await fetchOidcToken(oidc);
    const res = await authThenApiVersions('SASL_OIDC', 'OAUTHBEARER', (c) =>
      saslAuthenticateV2(c, oauthBearerMessage(tok.body.access_token ?? '')),
    );
    const lifetime = Number(res.sessionLifetimeMs);
    expect(lifetime).toBeGreaterThan((oidc.lifetimeSeconds - 60) * 1000);
    expect(lifetime).toBeLessThanOrEqual(oidc.lifetimeSeconds * 1000);
  });

  it('a short-lived token gives a session of a few seconds (re-authentication due)', async () => {
    const tok = await fetchOidcToken(oidc, { clientId: oidc.shortLived.clientId });
    const res = await authThenApiVersions('SASL_OIDC', 'OAUTHBEARER', (c) =>
      saslAuthenticateV2(c, oauthBearerMessage(tok.body.access_token ?? '')),
    );
    expect(Number(res.sessionLifetimeMs)).toBeGreaterThan(0);
    expect(Number(res.sessionLifetimeMs)).toBeLessThanOrEqual(oidc.shortLived.lifetimeSeconds * 1000);
  });

  it('rejects an unsecured (alg none) token and a token signed by another key', async () => {
    // RFC 7628 3.2.2: the broker first answers with an error challenge ({"status":"invalid_token"}),
    // the client acknowledges with %x01, then the broker fails the exchange.
    const authWith = (message: Buffer) =>
      withConnection(targetFor(listener('SASL_OIDC')), async (c) => {
        expect((await saslHandshake(c, 'OAUTHBEARER')).errorCode).toBe(ErrorCode.NONE);
        const first = await saslAuthenticateV2(c, message);
        expect(first.errorCode).toBe(ErrorCode.NONE);
        expect(JSON.parse(first.authBytes.toString('utf8'))).toMatchObject({ status: 'invalid_token' });
        return saslAuthenticateV2(c, Buffer.from([0x01]));
      });
    expect((await authWith(unsecuredOAuthBearerMessage('mallory'))).errorCode).toBe(
      ErrorCode.SASL_AUTHENTICATION_FAILED,
    );
    const real = decodeJwt((await fetchOidcToken(oidc)).body.access_token ?? '');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signRs256(real.header, real.claims, privateKey);
    expect((await authWith(oauthBearerMessage(forged))).errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED);
  });
});

describe('SASL_REAUTH listener (connections.max.reauth.ms)', () => {
  const lifetime = listener('SASL_REAUTH').connectionsMaxReauthMs ?? 0;

  it.each([
    ['PLAIN', plain],
    ['SCRAM-SHA-256', scram256],
    ['SCRAM-SHA-512', scram512],
  ] as const)(
    '%s: SaslAuthenticate returns a session lifetime of at most connections.max.reauth.ms',
    async (mech, auth) => {
      const res = await authThenApiVersions('SASL_REAUTH', mech, auth);
      expect(Number(res.sessionLifetimeMs)).toBeGreaterThan(0);
      expect(Number(res.sessionLifetimeMs)).toBeLessThanOrEqual(lifetime);
    },
  );

  it('SASL_PLAINTEXT (no re-auth configured) returns session lifetime 0', async () => {
    const res = await authThenApiVersions('SASL_PLAINTEXT', 'PLAIN', plain);
    expect(res.sessionLifetimeMs).toBe(0n);
  });
});

describe('SSL_EXPIRED listener', () => {
  const l = listener('SSL_EXPIRED');

  it('presents a certificate from the harness CA whose notAfter is in the past', async () => {
    const cert = await new Promise<{ validTo: string; subject: string }>((resolve, reject) => {
      // Verification off only to read the certificate this test proves is unusable.
      const sock = tlsConnect({
        host: l.host,
        port: l.port,
        servername: 'localhost',
        rejectUnauthorized: false,
      });
      sock.once('secureConnect', () => {
        const peer = sock.getPeerCertificate();
        sock.destroy();
        resolve({ validTo: peer.valid_to, subject: String(peer.subject.CN ?? '') });
      });
      sock.once('error', reject);
    });
    expect(new Date(cert.validTo).getTime()).toBeLessThan(Date.now());
    expect(cert.subject).toBe('localhost');
    expect(l.tls?.serverCertExpired).toBe(true);
    expect(new Date(l.tls?.serverCertNotAfter ?? 0).getTime()).toBe(new Date(cert.validTo).getTime());
  });

  it('fails verification with CERT_HAS_EXPIRED for a client that trusts the CA', async () => {
    const err = await RawConnection.open({ host: l.host, port: l.port, tls: tlsOptions(l, false) }).then(
      (c) => {
        c.close();
        return undefined;
      },
      (e: NodeJS.ErrnoException) => e,
    );
    expect(err?.code).toBe('CERT_HAS_EXPIRED');
  });
});

async function metadataV12(
  name: ListenerName,
  topics: string[] | null,
  auth?: Auth,
): Promise<MetadataResponse> {
  return withConnection(targetFor(listener(name)), async (c) => {
    if (auth) {
      await saslHandshake(c, 'SCRAM-SHA-512');
      const res = await auth(c);
      expect(res.errorCode, `error message: ${res.errorMessage}`).toBe(ErrorCode.NONE);
    }
    const res = await c.request(ApiKey.Metadata, 12, metadataV12Body(topics), { flexible: true });
    return decodeMetadataV12(res.body);
  });
}

describe('advertised-listener listeners: bootstrap works, Metadata points elsewhere', () => {
  it('ADVERTISED_BAD advertises an unresolvable host on the bound port', async () => {
    const l = listener('ADVERTISED_BAD');
    const md = await metadataV12('ADVERTISED_BAD', []);
    expect(md.brokers).toEqual([{ nodeId: info.nodeId, host: UNRESOLVABLE_HOST, port: l.port, rack: null }]);
    expect(md.clusterId).toBe(info.clusterId);
  });

  it('ADVERTISED_LOCALHOST advertises localhost on a port nothing listens on', async () => {
    const l = listener('ADVERTISED_LOCALHOST');
    const md = await metadataV12('ADVERTISED_LOCALHOST', []);
    expect(md.brokers).toEqual([
      { nodeId: info.nodeId, host: 'localhost', port: l.advertisedPort, rack: null },
    ]);
    expect(await tcpAccepts('127.0.0.1', l.advertisedPort ?? 0)).toBe(false);
  });

  it('PLAINTEXT advertises exactly its bootstrap address', async () => {
    const md = await metadataV12('PLAINTEXT', []);
    expect(md.brokers.map((b) => `${b.host}:${b.port}`)).toEqual([listener('PLAINTEXT').bootstrap]);
  });
});

describe('authorization (StandardAuthorizer + harness ACLs)', () => {
  const restricted = (c: RawConnection) =>
    scramAuthenticate(c, 'sha512', info.users.restricted.username, info.users.restricted.password);
  const topic = info.acl.deniedTopic;

  it('the restricted user gets TOPIC_AUTHORIZATION_FAILED (29) for the denied topic', async () => {
    const md = await metadataV12('SASL_PLAINTEXT', [topic], restricted);
    expect(md.topics).toEqual([
      expect.objectContaining({ name: topic, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED }),
    ]);
  });

  it('the restricted user does not see the topic in a list-all Metadata', async () => {
    const md = await metadataV12('SASL_PLAINTEXT', null, restricted);
    expect(md.topics.map((t) => t.name)).not.toContain(topic);
  });

  it('other users (SCRAM, ANONYMOUS super user) see the topic', async () => {
    const asScram = await metadataV12('SASL_PLAINTEXT', [topic], scram512);
    expect(asScram.topics[0]).toMatchObject({ name: topic, errorCode: ErrorCode.NONE });
    const anonymous = await metadataV12('PLAINTEXT', [topic]);
    expect(anonymous.topics[0]?.errorCode).toBe(ErrorCode.NONE);
  });

  it('the restricted user may not Describe the cluster (DescribeAcls: CLUSTER_AUTHORIZATION_FAILED 31)', async () => {
    const filter = describeAclsV1Body({
      resourceType: AclResourceType.ANY,
      resourceName: null,
      patternType: AclPatternType.ANY,
      principal: null,
      host: null,
      operation: AclOperation.ANY,
      permission: AclPermission.ANY,
    });
    const res = await withConnection(targetFor(listener('SASL_PLAINTEXT')), async (c) => {
      await saslHandshake(c, 'SCRAM-SHA-512');
      await restricted(c);
      return decodeDescribeAclsV1((await c.request(ApiKey.DescribeAcls, 1, filter)).body);
    });
    expect(res.errorCode).toBe(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
    // ... while ANONYMOUS (a super user) on PLAINTEXT sees the harness's bindings.
    const asSuper = await withConnection(targetFor(listener('PLAINTEXT')), async (c) =>
      decodeDescribeAclsV1((await c.request(ApiKey.DescribeAcls, 1, filter)).body),
    );
    expect(asSuper.errorCode).toBe(ErrorCode.NONE);
    expect(asSuper.bindings.length).toBeGreaterThanOrEqual(info.acl.bindings.length);
  });
});

describe.runIf(info.kerberos !== undefined)('SASL_GSSAPI listener and the harness KDC', () => {
  const krb = info.kerberos;
  const l = info.listeners.SASL_GSSAPI;
  const krbTool = (bin: string, args: string[], ccache: string) =>
    spawnSync(bin, args, {
      encoding: 'utf8',
      env: { ...process.env, KRB5_CONFIG: krb?.krb5ConfPath, KRB5CCNAME: `FILE:${ccache}` },
    });

  it('lists GSSAPI in its SaslHandshake reply', async () => {
    if (!l) throw new Error('no SASL_GSSAPI listener');
    const res = await withConnection(targetFor(l), (c) => saslHandshake(c, 'GSSAPI'));
    expect(res).toEqual({ errorCode: ErrorCode.NONE, mechanisms: ['GSSAPI'] });
  });

  it.runIf(spawnSync('kinit', ['--version']).error === undefined)(
    'the client keytab gets a TGT and a service ticket for the broker principal (MIT kinit/kvno)',
    () => {
      if (!krb) throw new Error('no kerberos info');
      const dir = mkdtempSync(join(tmpdir(), 'brokerscope-krb-'));
      try {
        const ccache = join(dir, 'ccache');
        const kinit = krbTool('kinit', ['-kt', krb.clientKeytab, krb.clientPrincipal], ccache);
        expect(kinit.status, kinit.stderr).toBe(0);
        const kvno = krbTool('kvno', [krb.servicePrincipal], ccache);
        expect(kvno.status, kvno.stderr).toBe(0);
        const klist = krbTool('klist', [], ccache);
        expect(klist.stdout).toContain(krb.servicePrincipal);
        expect(readFileSync(info.logPath, 'utf8')).toContain(
          `[Principal=${krb.servicePrincipal}]: TGT valid starting`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('a real Kafka Java client authenticates with the client keytab (GssapiProbe, Admin describeCluster)', () => {
    if (!krb) throw new Error('no kerberos info');
    const probe = fileURLToPath(new URL('../../harness/broker/probes/GssapiProbe.java', import.meta.url));
    const classpath = resolveClasspath(info.version).jars.join(delimiter);
    const r = spawnSync(
      javaBin(),
      [
        '-Xmx256m',
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        `-Djava.security.krb5.conf=${krb.krb5ConfPath}`,
        '-cp',
        classpath,
        probe,
        krb.bootstrap,
        krb.clientKeytab,
        krb.clientPrincipal,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stdout, `${r.stdout}\n${r.stderr}`).toContain(`OK cluster=${info.clusterId} nodes=1`);
    expect(readFileSync(info.logPath, 'utf8')).toContain(
      `Successfully authenticated client: authenticationID=${krb.clientPrincipal}`,
    );
  }, 60_000);
});
