/**
 * `brokerscope probe` flags and --profile files, turned into probe settings. Everything
 * wrong with the command line is a UsageError (exit code 2) that says what and how to fix it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { BootstrapParseError, parseBootstrap } from '../main/core';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER', 'GSSAPI'] as const;
export type SecurityProtocolName = (typeof SECURITY_PROTOCOLS)[number];
export type SaslMechanismName = (typeof SASL_MECHANISMS)[number];

/** Where the secret (password, bearer token or OIDC client secret) comes from. */
export type SecretSource =
  | { kind: 'env'; name: string }
  | { kind: 'stdin' }
  | { kind: 'argv'; value: string }
  | { kind: 'prompt' }
  | { kind: 'none' };

export interface ProbeSettings {
  bootstrap: string[];
  securityProtocol: SecurityProtocolName;
  saslMechanism: SaslMechanismName | null;
  username: string | null;
  secret: SecretSource;
  oauth: { tokenEndpoint: string; clientId: string; scope: string | null } | null;
  /** GSSAPI (Kerberos): no secret; tickets from a keytab or a ticket cache. */
  kerberos: {
    serviceName: string;
    serviceHost: string | null;
    principal: string | null;
    keytab: string | null;
    ticketCache: string | null;
    krb5Conf: string | null;
  } | null;
  ca: string | null;
  cert: string | null;
  key: string | null;
  servername: string | null;
  insecureSkipVerify: boolean;
  /** False only from a profile that turned host-name verification off. */
  verifyHostname: boolean;
  timeoutMs: number;
  clientId: string;
  topics: string[];
  checkBrokers: boolean;
  json: boolean;
  color: boolean | null;
  exports: {
    jsonl: string | null;
    log: string | null;
    pcapng: string | null;
    keylog: string | null;
    maskHosts: boolean;
  };
  /** Warnings to print on stderr before running (e.g. a password on the command line). */
  warnings: string[];
}

export const PROBE_OPTIONS = {
  bootstrap: { type: 'string', short: 'b' },
  'security-protocol': { type: 'string' },
  'sasl-mechanism': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'oauth-token-endpoint': { type: 'string' },
  'oauth-client-id': { type: 'string' },
  'oauth-scope': { type: 'string' },
  'kerberos-service-name': { type: 'string' },
  'kerberos-service-host': { type: 'string' },
  'kerberos-principal': { type: 'string' },
  keytab: { type: 'string' },
  'ticket-cache': { type: 'string' },
  'krb5-conf': { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  servername: { type: 'string' },
  'insecure-skip-verify': { type: 'boolean' },
  profile: { type: 'string' },
  timeout: { type: 'string' },
  'client-id': { type: 'string' },
  topic: { type: 'string', multiple: true },
  'skip-brokers': { type: 'boolean' },
  json: { type: 'boolean' },
  jsonl: { type: 'string' },
  log: { type: 'string' },
  pcapng: { type: 'string' },
  keylog: { type: 'string' },
  'mask-hosts': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const PROBE_USAGE = `Usage: brokerscope probe --bootstrap HOST:PORT[,HOST:PORT…] [options]

Walks the connection handshake step by step (DNS, TCP, TLS, ApiVersions, SASL, Metadata,
every advertised broker) and says what is wrong and how to fix it.

Connection:
  -b, --bootstrap LIST          bootstrap servers, comma separated (host:port, [v6]:port)
      --security-protocol P     PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL
      --profile FILE            JSON profile with the same settings (flags override it)
      --client-id ID            client id to send (default brokerscope-probe)
      --timeout DURATION        per-step timeout, e.g. 5000, 5000ms or 5s (default 10s)
      --topic NAME              also look up this topic in Metadata (repeatable)
      --skip-brokers            do not dial every advertised broker

SASL:
      --sasl-mechanism M        PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or GSSAPI
      --username NAME           user name (PLAIN, SCRAM)
      --password-env VAR        read the password (OAUTHBEARER: the token, or the OIDC
                                client secret) from environment variable VAR
      --password-stdin          read it from standard input
      --password VALUE          give it on the command line (visible to other users: avoid)
                                without any of these, a terminal prompts for it
      --oauth-token-endpoint U  OAUTHBEARER via OIDC client credentials: the token endpoint
      --oauth-client-id ID      … the client id (the secret comes as the password)
      --oauth-scope SCOPE       … the scope
      --kerberos-service-name N GSSAPI: the broker's Kerberos service name (default kafka)
      --kerberos-service-host H … host part of its principal (default: the broker's host)
      --kerberos-principal P    … the client principal (default: the keytab's or cache's)
      --keytab FILE             … get tickets from this keytab (no kinit needed)
      --ticket-cache CCNAME     … or use this credential cache (default: KRB5CCNAME)
      --krb5-conf FILE          … krb5.conf to use instead of KRB5_CONFIG or /etc/krb5.conf

TLS:
      --ca FILE                 PEM CA certificate(s) to trust instead of the system store
      --cert FILE, --key FILE   client certificate and key (mutual TLS)
      --servername NAME         name to send (SNI) and to expect in the broker certificate
      --insecure-skip-verify    do not verify the broker certificate (diagnosis only)

Output:
      --json                    machine-readable report on stdout (schema: brokerscope schema)
      --jsonl FILE              export the run as JSON Lines (docs/export-format.md)
      --log FILE                export a readable text log
      --pcapng FILE             export the Kafka frames as pcapng (opens in Wireshark)
      --keylog FILE             export the TLS key log (SSLKEYLOGFILE; secret material)
      --mask-hosts              mask host names and IPs in the exports
      --no-color                no colours (also when NO_COLOR is set or output is not a terminal)

Exit codes: 0 healthy (warnings allowed), 1 a finding of error severity, 2 usage error,
3 the probe could not run (internal error, unwritable export file).
`;

const CertPath = z.union([
  z.string().min(1),
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('pem'), pem: z.string().min(1) }),
]);

/** A --profile file: the flags' names in camelCase, or the desktop app's profile fields. */
const ProfileFileSchema = z
  .object({
    name: z.string().optional(),
    bootstrap: z.union([z.string(), z.array(z.string())]).optional(),
    bootstrapServers: z.array(z.string()).optional(),
    securityProtocol: z.enum(SECURITY_PROTOCOLS).optional(),
    saslMechanism: z.enum(SASL_MECHANISMS).optional(),
    username: z.string().optional(),
    passwordEnv: z.string().optional(),
    oauth: z
      .object({ tokenEndpoint: z.string(), clientId: z.string(), scope: z.string().nullable().optional() })
      .optional(),
    sasl: z
      .object({
        mechanism: z.enum(SASL_MECHANISMS),
        username: z.string().optional(),
        oauth: z
          .object({
            mode: z.string(),
            tokenEndpoint: z.string().optional(),
            clientId: z.string().optional(),
            scope: z.string().nullable().optional(),
          })
          .optional(),
      })
      .nullable()
      .optional(),
    ca: z.string().optional(),
    cert: z.string().optional(),
    key: z.string().optional(),
    servername: z.string().optional(),
    insecureSkipVerify: z.boolean().optional(),
    tls: z
      .object({
        ca: CertPath.nullable().optional(),
        cert: CertPath.nullable().optional(),
        key: z
          .union([CertPath, z.object({ kind: z.literal('pem-secret') })])
          .nullable()
          .optional(),
        servername: z.string().nullable().optional(),
        verifyCertificate: z.boolean().optional(),
        verifyHostname: z.boolean().optional(),
      })
      .nullable()
      .optional(),
    timeout: z.union([z.number(), z.string()]).optional(),
    timeouts: z
      .object({ connectTimeoutMs: z.number().optional(), requestTimeoutMs: z.number().optional() })
      .optional(),
    clientId: z.string().optional(),
    topics: z.array(z.string()).optional(),
  })
  .loose()
  .superRefine((p, ctx) => {
    for (const k of ['password', 'token', 'secret', 'clientSecret'] as const) {
      if (k in p)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `a profile must not hold secrets: remove "${k}" and use passwordEnv or --password-env`,
        });
    }
  });

type ProfileFile = z.output<typeof ProfileFileSchema>;

export function parseDuration(text: string, flag: string): number {
  const m = text.trim().match(/^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/);
  if (!m) throw new UsageError(`${flag}: "${text}" is not a duration (e.g. 5000, 5000ms, 5s)`);
  const n = Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1);
  if (n < 1 || n > 3_600_000) throw new UsageError(`${flag}: ${text} is out of range (1 ms – 1 h)`);
  return Math.round(n);
}

function loadProfile(path: string): { profile: ProfileFile; dir: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `--profile: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--profile: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const r = ProfileFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UsageError(`--profile: ${path}: ${issues}`);
  }
  return { profile: r.data, dir: dirname(resolve(path)) };
}

function certPath(
  v: z.output<typeof CertPath> | { kind: 'pem-secret' } | null | undefined,
  dir: string,
  what: string,
): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return resolve(dir, v);
  if (v.kind === 'file') return resolve(dir, v.path);
  throw new UsageError(
    `--profile: tls.${what} holds ${v.kind === 'pem' ? 'pasted PEM' : 'a key kept in the app secret store'}: the probe needs a file path`,
  );
}

/** Parses `probe` arguments (after the subcommand). Throws UsageError. */
export function parseProbeArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ProbeSettings | 'help' {
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: PROBE_OPTIONS,
      strict: true,
      allowPositionals: true,
    }) as {
      values: Record<string, string | boolean | string[] | undefined>;
      positionals: string[];
    });
  } catch (err) {
    // Node's message goes on about positionals after '--': the first sentence is what matters.
    const message = (err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '');
    throw new UsageError(message.split(/\. (?=To specify)/)[0]!);
  }
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const str = (k: string): string | undefined => values[k] as string | undefined;
  const warnings: string[] = [];
  const { profile, dir } = str('profile')
    ? loadProfile(str('profile')!)
    : { profile: {} as ProfileFile, dir: process.cwd() };
  const cwd = process.cwd();

  // Bootstrap
  const rawBootstrap =
    str('bootstrap') ??
    (Array.isArray(profile.bootstrap) ? profile.bootstrap.join(',') : profile.bootstrap) ??
    profile.bootstrapServers?.join(',');
  if (!rawBootstrap) throw new UsageError('missing --bootstrap (e.g. --bootstrap kafka-1.example.com:9092)');
  let bootstrap: string[];
  try {
    bootstrap = parseBootstrap(rawBootstrap).map((a) =>
      a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`,
    );
  } catch (err) {
    if (err instanceof BootstrapParseError) throw new UsageError(`--bootstrap: ${err.message}`);
    throw err;
  }

  // Security protocol and SASL
  const sp = str('security-protocol') ?? profile.securityProtocol ?? 'PLAINTEXT';
  const securityProtocol = sp.toUpperCase() as SecurityProtocolName;
  if (!SECURITY_PROTOCOLS.includes(securityProtocol))
    throw new UsageError(`--security-protocol: "${sp}" is not one of ${SECURITY_PROTOCOLS.join(', ')}`);
  const sasl = securityProtocol === 'SASL_PLAINTEXT' || securityProtocol === 'SASL_SSL';
  const tls = securityProtocol === 'SSL' || securityProtocol === 'SASL_SSL';
  const mechText = str('sasl-mechanism') ?? profile.saslMechanism ?? profile.sasl?.mechanism ?? null;
  const saslMechanism = mechText === null ? null : (mechText.toUpperCase() as SaslMechanismName);
  if (saslMechanism !== null && !SASL_MECHANISMS.includes(saslMechanism))
    throw new UsageError(`--sasl-mechanism: "${mechText}" is not one of ${SASL_MECHANISMS.join(', ')}`);
  if (sasl && saslMechanism === null)
    throw new UsageError(`${securityProtocol} needs --sasl-mechanism (${SASL_MECHANISMS.join(', ')})`);
  if (!sasl && str('sasl-mechanism'))
    throw new UsageError(
      `--sasl-mechanism needs --security-protocol SASL_PLAINTEXT or SASL_SSL (it is ${securityProtocol})`,
    );
  const username = str('username') ?? profile.username ?? profile.sasl?.username ?? null;
  const oauthEndpoint =
    str('oauth-token-endpoint') ?? profile.oauth?.tokenEndpoint ?? profile.sasl?.oauth?.tokenEndpoint ?? null;
  const oauthClientId =
    str('oauth-client-id') ?? profile.oauth?.clientId ?? profile.sasl?.oauth?.clientId ?? null;
  const oauthScope = str('oauth-scope') ?? profile.oauth?.scope ?? profile.sasl?.oauth?.scope ?? null;
  let oauth: ProbeSettings['oauth'] = null;
  if (sasl && saslMechanism === 'OAUTHBEARER' && (oauthEndpoint || oauthClientId)) {
    if (!oauthEndpoint || !oauthClientId)
      throw new UsageError('OIDC needs both --oauth-token-endpoint and --oauth-client-id');
    if (!/^https?:\/\//.test(oauthEndpoint))
      throw new UsageError(`--oauth-token-endpoint: "${oauthEndpoint}" is not an http(s) URL`);
    oauth = { tokenEndpoint: oauthEndpoint, clientId: oauthClientId, scope: oauthScope };
  }
  const gssapi = sasl && saslMechanism === 'GSSAPI';
  const kerberosFlags = ['kerberos-service-name', 'kerberos-service-host', 'kerberos-principal', 'keytab', 'ticket-cache', 'krb5-conf'] as const;
  if (!gssapi) {
    const stray = kerberosFlags.find((f) => str(f) !== undefined);
    if (stray) throw new UsageError(`--${stray} is for --sasl-mechanism GSSAPI`);
  }
  const kerberos: ProbeSettings['kerberos'] = gssapi
    ? {
        serviceName: str('kerberos-service-name') ?? 'kafka',
        serviceHost: str('kerberos-service-host') ?? null,
        principal: str('kerberos-principal') ?? null,
        keytab: str('keytab') !== undefined ? resolve(cwd, str('keytab')!) : null,
        ticketCache: str('ticket-cache') ?? null,
        krb5Conf: str('krb5-conf') !== undefined ? resolve(cwd, str('krb5-conf')!) : null,
      }
    : null;
  if (sasl && saslMechanism !== 'OAUTHBEARER' && !gssapi && !username)
    throw new UsageError(`${saslMechanism} needs --username`);

  // Secret
  const given = [
    str('password-env') !== undefined,
    values['password-stdin'] === true,
    str('password') !== undefined,
  ].filter(Boolean).length;
  if (given > 1)
    throw new UsageError('give the password one way: --password-env, --password-stdin or --password');
  let secret: SecretSource = { kind: 'none' };
  if (gssapi && given > 0) throw new UsageError('GSSAPI takes no password: it uses a keytab or a ticket cache');
  if (sasl && !gssapi) {
    if (str('password-env') !== undefined) secret = { kind: 'env', name: str('password-env')! };
    else if (values['password-stdin']) secret = { kind: 'stdin' };
    else if (str('password') !== undefined) {
      secret = { kind: 'argv', value: str('password')! };
      warnings.push(
        '--password puts the password in the process list and shell history: prefer --password-env VAR or --password-stdin',
      );
    } else if (profile.passwordEnv) secret = { kind: 'env', name: profile.passwordEnv };
    else secret = { kind: 'prompt' };
    if (secret.kind === 'env' && env[secret.name] === undefined)
      throw new UsageError(`--password-env: environment variable ${secret.name} is not set`);
  } else if (given > 0) {
    throw new UsageError(`a password is only used with SASL (--security-protocol is ${securityProtocol})`);
  }

  // TLS
  const fileFlag = (flag: 'ca' | 'cert' | 'key'): string | null => {
    const v = str(flag);
    if (v !== undefined) return resolve(cwd, v);
    if (profile[flag] !== undefined) return resolve(dir, profile[flag]!);
    return certPath(profile.tls?.[flag], dir, flag);
  };
  const ca = fileFlag('ca');
  const cert = fileFlag('cert');
  const key = fileFlag('key');
  const servername = str('servername') ?? profile.servername ?? profile.tls?.servername ?? null;
  const insecureSkipVerify =
    values['insecure-skip-verify'] === true ||
    profile.insecureSkipVerify === true ||
    profile.tls?.verifyCertificate === false;
  if (
    !tls &&
    (str('ca') || str('cert') || str('key') || str('servername') || values['insecure-skip-verify'])
  ) {
    throw new UsageError(`TLS options need --security-protocol SSL or SASL_SSL (it is ${securityProtocol})`);
  }
  if ((cert === null) !== (key === null))
    throw new UsageError('a client certificate needs both --cert and --key');
  for (const [flag, path] of [
    ['--ca', ca],
    ['--cert', cert],
    ['--key', key],
  ] as const) {
    if (path === null || !tls) continue;
    try {
      readFileSync(path);
    } catch (err) {
      throw new UsageError(
        `${flag}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  if (insecureSkipVerify)
    warnings.push(
      '--insecure-skip-verify: the broker certificate is not verified; use it to diagnose, not to connect for real',
    );

  // Timeouts and the rest
  const timeoutText = str('timeout') ?? (profile.timeout !== undefined ? String(profile.timeout) : undefined);
  const timeoutMs =
    timeoutText !== undefined
      ? parseDuration(timeoutText, '--timeout')
      : (profile.timeouts?.connectTimeoutMs ?? 10_000);
  const topics = [...((values.topic as string[] | undefined) ?? profile.topics ?? [])];
  const out = (flag: string): string | null => (str(flag) !== undefined ? resolve(cwd, str(flag)!) : null);
  const noColor = values['no-color'] === true || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');

  return {
    bootstrap,
    securityProtocol,
    saslMechanism: sasl ? saslMechanism : null,
    username: sasl ? username : null,
    kerberos,
    secret,
    oauth,
    ca: tls ? ca : null,
    cert: tls ? cert : null,
    key: tls ? key : null,
    servername: tls ? servername : null,
    insecureSkipVerify: tls && insecureSkipVerify,
    verifyHostname: !(tls && profile.tls?.verifyHostname === false),
    timeoutMs,
    clientId: str('client-id') ?? profile.clientId ?? 'brokerscope-probe',
    topics,
    checkBrokers: values['skip-brokers'] !== true,
    json: values.json === true,
    color: noColor ? false : null,
    exports: {
      jsonl: out('jsonl'),
      log: out('log'),
      pcapng: out('pcapng'),
      keylog: out('keylog'),
      maskHosts: values['mask-hosts'] === true,
    },
    warnings,
  };
}
