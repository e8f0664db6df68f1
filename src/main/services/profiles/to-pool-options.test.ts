import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredProfileSchema, type StoredProfile } from '@shared/api/profile-schema';
import { ProfileConfigError, toPoolOptions } from './to-pool-options';

const dir = mkdtempSync(join(tmpdir(), 'bs-pem-'));
const caPath = join(dir, 'ca.pem');
writeFileSync(caPath, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = join(dir, 'not.pem');
writeFileSync(notPem, 'hello');

const profile = (extra: Record<string, unknown>): StoredProfile =>
  StoredProfileSchema.parse({
    id: 'p',
    name: 'p',
    bootstrapServers: ['127.0.0.1:9093'],
    securityProtocol: 'PLAINTEXT',
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  });

describe('profile → core options', () => {
  it('PLAINTEXT: no TLS, no SASL, timeouts passed on', async () => {
    const o = await toPoolOptions(
      profile({ clientId: 'me', timeouts: { connectTimeoutMs: 1234, maxIdleMs: 60000 } }),
      {},
    );
    expect(o).toMatchObject({
      bootstrap: ['127.0.0.1:9093'],
      idleMs: 60000,
      connection: { clientId: 'me', connectTimeoutMs: 1234, tls: null, sasl: null },
    });
  });

  it('SASL_SSL SCRAM: reads the CA file, takes the password from the secrets', async () => {
    const o = await toPoolOptions(
      profile({
        securityProtocol: 'SASL_SSL',
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice' },
        tls: { ca: { kind: 'file', path: caPath }, servername: 'localhost', verifyHostname: false },
      }),
      { saslPassword: 'pw' },
    );
    expect(o.connection?.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'alice', password: 'pw' });
    expect(o.connection?.tls).toMatchObject({
      servername: 'localhost',
      verifyHostname: false,
      rejectUnauthorized: true,
    });
    expect(String((o.connection?.tls as { ca: string }).ca)).toContain('BEGIN CERTIFICATE');
  });

  it('pasted PEM key from the secrets, PKCS#12 with its passphrase, OIDC', async () => {
    const keyed = await toPoolOptions(
      profile({
        securityProtocol: 'SSL',
        tls: { cert: { kind: 'pem', pem: '-----BEGIN CERTIFICATE-----x' }, key: { kind: 'pem-secret' } },
      }),
      { tlsKeyPem: '-----BEGIN PRIVATE KEY-----k', tlsKeyPassphrase: 'kp' },
    );
    expect(keyed.connection?.tls).toMatchObject({ key: '-----BEGIN PRIVATE KEY-----k', passphrase: 'kp' });
    const p12 = await toPoolOptions(profile({ securityProtocol: 'SSL', tls: { pkcs12Path: caPath } }), {
      pkcs12Passphrase: 'pp',
    });
    expect(p12.connection?.tls).toMatchObject({ passphrase: 'pp' });
    expect(Buffer.isBuffer((p12.connection?.tls as { pfx: Buffer }).pfx)).toBe(true);
    const oidc = await toPoolOptions(
      profile({
        securityProtocol: 'SASL_SSL',
        sasl: {
          mechanism: 'OAUTHBEARER',
          oauth: { mode: 'oidc', tokenEndpoint: 'https://idp/token', clientId: 'c', scope: 'kafka' },
        },
      }),
      { oidcClientSecret: 'cs' },
    );
    expect(oidc.connection?.sasl).toEqual({
      mechanism: 'OAUTHBEARER',
      oidc: { tokenEndpoint: 'https://idp/token', clientId: 'c', clientSecret: 'cs', scope: 'kafka' },
    });
  });

  it.each([
    [
      'a missing CA file',
      { securityProtocol: 'SSL', tls: { ca: { kind: 'file', path: join(dir, 'gone.pem') } } },
      {},
      `tls.ca.path: file not found: ${join(dir, 'gone.pem')}`,
    ],
    [
      'a CA file that is not PEM',
      { securityProtocol: 'SSL', tls: { ca: { kind: 'file', path: notPem } } },
      {},
      `tls.ca.path: ${notPem} is not a PEM file`,
    ],
    [
      'a folder as key file',
      {
        securityProtocol: 'SSL',
        tls: { cert: { kind: 'file', path: caPath }, key: { kind: 'file', path: dir } },
      },
      {},
      `tls.key.path: ${dir} is a folder`,
    ],
    [
      'a missing password',
      { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'PLAIN', username: 'u' } },
      {},
      'sasl.password: no password is stored',
    ],
    [
      'a missing token',
      { securityProtocol: 'SASL_PLAINTEXT', sasl: { mechanism: 'OAUTHBEARER', oauth: { mode: 'static' } } },
      {},
      'sasl.oauth.token: no OAuth token',
    ],
    [
      'a missing pasted key',
      {
        securityProtocol: 'SSL',
        tls: { cert: { kind: 'pem', pem: '-----BEGIN x' }, key: { kind: 'pem-secret' } },
      },
      {},
      'tls.key: no pasted private key',
    ],
  ])('fails clearly on %s', async (_label, extra, secrets, message) => {
    const err = await toPoolOptions(profile(extra), secrets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfileConfigError);
    expect((err as Error).message).toContain(message);
  });
});

describe('GSSAPI profiles', () => {
  it('map to the core GSSAPI options, with no secret needed', async () => {
    const o = await toPoolOptions(
      profile({
        securityProtocol: 'SASL_PLAINTEXT',
        sasl: { mechanism: 'GSSAPI', principal: 'client@EXAMPLE.TEST', keytabPath: '/etc/client.keytab', krb5ConfPath: '/etc/krb5.conf' },
      }),
      {},
    );
    expect(o.connection?.sasl).toEqual({
      mechanism: 'GSSAPI',
      serviceName: 'kafka',
      principal: 'client@EXAMPLE.TEST',
      keytab: '/etc/client.keytab',
      krb5ConfPath: '/etc/krb5.conf',
    });
  });
});
