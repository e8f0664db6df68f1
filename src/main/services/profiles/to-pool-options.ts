/**
 * A profile (and its secrets) as the core's PoolOptions. PEM and PKCS#12 files are read
 * here, at connect time; a missing or unreadable file, or a secret the settings need but
 * the store lacks, fails with a ProfileConfigError naming the field and the path.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { parseBootstrap, type PoolOptions, type SaslOptions, type TlsOptions } from '../../core';
import type { ProfileSecrets, StoredProfile, TlsSettings } from '@shared/api/profile-schema';

export class ProfileConfigError extends Error {
  override readonly name = 'ProfileConfigError';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

export type ReadFile = (path: string) => Promise<Buffer>;

async function readConfigFile(field: string, path: string, read: ReadFile): Promise<Buffer> {
  try {
    return await read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ProfileConfigError(field, `file not found: ${path}`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new ProfileConfigError(field, `permission denied reading ${path}`);
    if (code === 'EISDIR') throw new ProfileConfigError(field, `${path} is a folder, not a file`);
    throw new ProfileConfigError(field, `cannot read ${path} (${(err as Error).message})`);
  }
}

async function readPem(field: string, path: string, read: ReadFile): Promise<string> {
  const text = (await readConfigFile(field, path, read)).toString('utf8');
  if (!text.includes('-----BEGIN'))
    throw new ProfileConfigError(field, `${path} is not a PEM file (no "-----BEGIN" line)`);
  return text;
}

function need(secrets: ProfileSecrets, field: keyof ProfileSecrets, where: string, what: string): string {
  const v = secrets[field];
  if (!v) throw new ProfileConfigError(where, `no ${what} is stored for this profile (secrets.${field})`);
  return v;
}

async function tlsOptions(
  tls: TlsSettings | null,
  secrets: ProfileSecrets,
  read: ReadFile,
): Promise<TlsOptions> {
  const out: TlsOptions = {};
  if (!tls) return out;
  if (tls.ca) out.ca = tls.ca.kind === 'file' ? await readPem('tls.ca.path', tls.ca.path, read) : tls.ca.pem;
  if (tls.cert)
    out.cert = tls.cert.kind === 'file' ? await readPem('tls.cert.path', tls.cert.path, read) : tls.cert.pem;
  if (tls.key) {
    out.key =
      tls.key.kind === 'file'
        ? await readPem('tls.key.path', tls.key.path, read)
        : need(secrets, 'tlsKeyPem', 'tls.key', 'pasted private key');
    if (secrets.tlsKeyPassphrase) out.passphrase = secrets.tlsKeyPassphrase;
  }
  if (tls.pkcs12Path) {
    out.pfx = await readConfigFile('tls.pkcs12Path', tls.pkcs12Path, read);
    if (secrets.pkcs12Passphrase) out.passphrase = secrets.pkcs12Passphrase;
  }
  if (tls.servername) out.servername = tls.servername;
  out.verifyHostname = tls.verifyHostname;
  out.rejectUnauthorized = tls.verifyCertificate;
  return out;
}

function saslOptions(p: StoredProfile, secrets: ProfileSecrets): SaslOptions {
  const sasl = p.sasl;
  if (!sasl) throw new ProfileConfigError('sasl', `${p.securityProtocol} needs a SASL mechanism`);
  if (sasl.mechanism === 'GSSAPI') {
    return {
      mechanism: 'GSSAPI',
      serviceName: sasl.serviceName,
      ...(sasl.serviceHost ? { serviceHost: sasl.serviceHost } : {}),
      ...(sasl.principal ? { principal: sasl.principal } : {}),
      ...(sasl.keytabPath ? { keytab: sasl.keytabPath } : {}),
      ...(sasl.ticketCache ? { ticketCache: sasl.ticketCache } : {}),
      ...(sasl.krb5ConfPath ? { krb5ConfPath: sasl.krb5ConfPath } : {}),
    };
  }
  if (sasl.mechanism !== 'OAUTHBEARER') {
    return {
      mechanism: sasl.mechanism,
      username: sasl.username,
      password: need(secrets, 'saslPassword', 'sasl.password', 'password'),
    };
  }
  if (sasl.oauth.mode === 'static')
    return {
      mechanism: 'OAUTHBEARER',
      token: need(secrets, 'oauthToken', 'sasl.oauth.token', 'OAuth token'),
    };
  return {
    mechanism: 'OAUTHBEARER',
    oidc: {
      tokenEndpoint: sasl.oauth.tokenEndpoint,
      clientId: sasl.oauth.clientId,
      clientSecret: need(secrets, 'oidcClientSecret', 'sasl.oauth.clientSecret', 'OIDC client secret'),
      ...(sasl.oauth.scope ? { scope: sasl.oauth.scope } : {}),
    },
  };
}

export async function toPoolOptions(
  p: StoredProfile,
  secrets: ProfileSecrets,
  read: ReadFile = fsReadFile,
): Promise<PoolOptions> {
  try {
    parseBootstrap(p.bootstrapServers);
  } catch (err) {
    throw new ProfileConfigError('bootstrapServers', (err as Error).message);
  }
  const usesTls = p.securityProtocol === 'SSL' || p.securityProtocol === 'SASL_SSL';
  const usesSasl = p.securityProtocol === 'SASL_PLAINTEXT' || p.securityProtocol === 'SASL_SSL';
  return {
    bootstrap: p.bootstrapServers,
    connection: {
      clientId: p.clientId,
      ...(p.timeouts.connectTimeoutMs ? { connectTimeoutMs: p.timeouts.connectTimeoutMs } : {}),
      ...(p.timeouts.requestTimeoutMs ? { requestTimeoutMs: p.timeouts.requestTimeoutMs } : {}),
      tls: usesTls ? await tlsOptions(p.tls, secrets, read) : null,
      sasl: usesSasl ? saslOptions(p, secrets) : null,
    },
    ...(p.timeouts.maxIdleMs ? { idleMs: p.timeouts.maxIdleMs } : {}),
  };
}
