/**
 * One reproduction per finding code against the real test broker, as `brokerscope probe`
 * arguments. The in-process tests (troubleshoot.test.ts) turn the same arguments into a
 * troubleshoot config through the CLI's own parser, and the CLI tests (cli.test.ts) run
 * them in a child process: one table, two paths. A TCP proxy (test/support/fault-proxy.ts)
 * or a local server is used only where the broker cannot produce the fault.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiKey, Connection } from '../../../src/main/core';
import { decodeRequest, decodeResponse, encodeResponseFrame } from '../../../src/main/core/protocol';
import type { FindingCode } from '../../../src/main/diagnose';
import { brokerInfo, optionsFor } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy, type FrameHook } from '../../support/fault-proxy';
import { unsecuredJwt } from '../../support/jwt';

export interface Prepared {
  args: string[];
  /** Extra environment (secrets travel here, via --password-env). */
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

export interface Scenario {
  name: string;
  /** The finding the run must report; null: healthy, no finding at all. */
  code: FindingCode | null;
  severity: 'error' | 'warning' | null;
  exitCode: 0 | 1;
  prepare(variant: string): Promise<Prepared>;
}

export const SECRET_ENV = 'BS_TEST_SECRET';
const info = brokerInfo();
const L = info.listeners;
const noop = async (): Promise<void> => undefined;

function prepared(
  args: string[],
  env: Record<string, string> = {},
  cleanup: () => Promise<void> = noop,
): Prepared {
  return { args, env, cleanup };
}

const sasl = (
  listener: string,
  mechanism: string,
  username: string,
  secret: string,
  extra: string[] = [],
): Prepared =>
  prepared(
    [
      '-b',
      listener,
      '--security-protocol',
      'SASL_PLAINTEXT',
      '--sasl-mechanism',
      mechanism,
      '--username',
      username,
      '--password-env',
      SECRET_ENV,
      ...extra,
    ],
    {
      [SECRET_ENV]: secret,
    },
  );

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
}

/** Accepts TCP connections and never says a word. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  return { port: await listen(server), close: closer(server, sockets) };
}

/** A proxy that knows each reply's request (API key, version) and may rewrite, delay or cut. */
async function kafkaProxy(
  target: { host: string; port: number },
  hooks: {
    onRequest?: (apiKey: number, link: Parameters<FrameHook>[2]) => void;
    onResponse?: (
      apiKey: number,
      version: number,
      body: Record<string, unknown>,
    ) => Promise<Record<string, unknown> | null> | Record<string, unknown> | null;
  },
): Promise<FaultProxy> {
  const sent = new Map<number, { apiKey: number; apiVersion: number }>();
  return startFaultProxy({
    target,
    onRequest: (frame, _i, link) => {
      try {
        const r = decodeRequest(frame.subarray(4));
        sent.set(r.correlationId, r);
        hooks.onRequest?.(r.apiKey, link);
      } catch {
        // a raw SASL token
      }
      return null;
    },
    onResponse: async (frame) => {
      if (!hooks.onResponse || frame.length < 8) return null;
      const correlationId = frame.readInt32BE(4);
      const req = sent.get(correlationId);
      if (!req) return null;
      const body = decodeResponse(req.apiKey, req.apiVersion, frame.subarray(4)).body as Record<
        string,
        unknown
      >;
      const replaced = await hooks.onResponse(req.apiKey, req.apiVersion, body);
      return replaced ? encodeResponseFrame(req.apiKey, req.apiVersion, correlationId, replaced) : null;
    },
  });
}

/**
 * A TLS server with a certificate (signed by the harness CA) that expires in `days` days,
 * forwarding the decrypted bytes to the PLAINTEXT listener: a real TLS endpoint in front of Kafka.
 */
async function expiringTlsFront(days: number): Promise<{ port: number; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bs-expiring-'));
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'csr.pem');
  const cert = join(dir, 'cert.pem');
  const ext = join(dir, 'ext.cnf');
  writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-subj',
      '/CN=localhost',
      '-out',
      csr,
    ],
    { stdio: 'ignore' },
  );
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      info.tls.caCertPath,
      '-CAkey',
      info.tls.caKeyPath,
      '-CAcreateserial',
      '-CAserial',
      join(dir, 'ca.srl'),
      '-days',
      String(days),
      '-extfile',
      ext,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (client) => {
    const upstream = netConnect(L.PLAINTEXT.port, L.PLAINTEXT.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await listen(server as unknown as Server);
  const close = closer(server as unknown as Server, sockets);
  return {
    port,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function setQuota(clientId: string, value: number | null): Promise<void> {
  const admin = await Connection.connect(optionsFor('PLAINTEXT'));
  try {
    const r = await admin.send(ApiKey.AlterClientQuotas, {
      entries: [
        {
          entity: [{ entityType: 'client-id', entityName: clientId }],
          ops: [{ key: 'request_percentage', value: value ?? 0, remove: value === null }],
        },
      ],
      validateOnly: false,
    });
    if (r.entries[0].errorCode !== 0) throw new Error(`AlterClientQuotas failed: ${r.entries[0].errorCode}`);
  } finally {
    await admin.close();
  }
}

/** Sets a tiny request quota on a client id and waits until the broker enforces it. */
async function throttledClientId(clientId: string): Promise<() => Promise<void>> {
  await setQuota(clientId, 0.01);
  const conn = await Connection.connect({ ...optionsFor('PLAINTEXT'), clientId });
  try {
    for (let i = 0; i < 200; i++) {
      const r = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      if (r.throttleTimeMs > 0) break;
      await sleep(20);
    }
  } finally {
    await conn.close();
  }
  return () => setQuota(clientId, null);
}

const caArgs = ['--ca', info.tls.caCertPath];

export const SCENARIOS: Scenario[] = [
  {
    name: 'healthy SASL_SSL SCRAM-SHA-512',
    code: null,
    severity: null,
    exitCode: 0,
    prepare: async () =>
      prepared(
        [
          '-b',
          L.SASL_SSL.bootstrap,
          '--security-protocol',
          'SASL_SSL',
          ...caArgs,
          '--sasl-mechanism',
          'SCRAM-SHA-512',
          '--username',
          info.users.scramSha512.username,
          '--password-env',
          SECRET_ENV,
        ],
        { [SECRET_ENV]: info.users.scramSha512.password },
      ),
  },
  // ---------------------------------------------------------------- network
  {
    name: 'a host name that does not resolve',
    code: 'DNS_FAILURE',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', 'no-such-broker.invalid:9092']),
  },
  {
    name: 'a port nothing listens on',
    code: 'CONNECTION_REFUSED',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', `127.0.0.1:${await unusedPort()}`]),
  },
  {
    name: 'a server that accepts and never answers',
    code: 'CONNECT_TIMEOUT',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      const s = await silentServer();
      return prepared(['-b', `127.0.0.1:${s.port}`, '--timeout', '1000'], {}, s.close);
    },
  },
  // ---------------------------------------------------------------- protocol mismatch
  {
    name: 'PLAINTEXT to the SSL listener',
    code: 'PLAINTEXT_TO_TLS_LISTENER',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.SSL.bootstrap, '--security-protocol', 'PLAINTEXT']),
  },
  {
    name: 'SSL to the PLAINTEXT listener',
    code: 'TLS_TO_PLAINTEXT_LISTENER',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.PLAINTEXT.bootstrap, '--security-protocol', 'SSL', ...caArgs]),
  },
  // ---------------------------------------------------------------- TLS
  {
    name: 'SSL without the CA',
    code: 'TLS_UNTRUSTED_CA',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.SSL.bootstrap, '--security-protocol', 'SSL']),
  },
  {
    name: 'SSL expecting another name',
    code: 'TLS_HOSTNAME_MISMATCH',
    severity: 'error',
    exitCode: 1,
    prepare: async () =>
      prepared([
        '-b',
        L.SSL.bootstrap,
        '--security-protocol',
        'SSL',
        ...caArgs,
        '--servername',
        'kafka.wrong.example',
      ]),
  },
  {
    name: 'the SSL_EXPIRED listener',
    code: 'TLS_CERT_EXPIRED',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.SSL_EXPIRED.bootstrap, '--security-protocol', 'SSL', ...caArgs]),
  },
  {
    name: 'a TLS front whose certificate expires in 10 days',
    code: 'TLS_CERT_EXPIRING',
    severity: 'warning',
    exitCode: 0,
    prepare: async () => {
      const front = await expiringTlsFront(10);
      // Metadata advertises the plaintext listener behind the front: broker checks would only test that.
      return prepared(
        ['-b', `127.0.0.1:${front.port}`, '--security-protocol', 'SSL', ...caArgs, '--skip-brokers'],
        {},
        front.close,
      );
    },
  },
  {
    name: 'mTLS without a client certificate',
    code: 'TLS_CLIENT_CERT_REQUIRED',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.MTLS.bootstrap, '--security-protocol', 'SSL', ...caArgs]),
  },
  // ---------------------------------------------------------------- SASL
  {
    name: 'no SASL to the SASL_PLAINTEXT listener',
    code: 'SASL_REQUIRED',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.SASL_PLAINTEXT.bootstrap, '--security-protocol', 'PLAINTEXT']),
  },
  {
    name: 'SASL to the PLAINTEXT listener',
    code: 'SASL_NOT_ENABLED_ON_LISTENER',
    severity: 'error',
    exitCode: 1,
    prepare: async () =>
      sasl(L.PLAINTEXT.bootstrap, 'PLAIN', info.users.plain.username, info.users.plain.password),
  },
  {
    name: 'PLAIN to the OAUTHBEARER-only listener',
    code: 'SASL_MECHANISM_NOT_ENABLED',
    severity: 'error',
    exitCode: 1,
    prepare: async () =>
      sasl(L.SASL_OIDC.bootstrap, 'PLAIN', info.users.plain.username, info.users.plain.password),
  },
  {
    name: 'a wrong PLAIN password',
    code: 'SASL_AUTH_FAILED',
    severity: 'error',
    exitCode: 1,
    prepare: async () =>
      sasl(L.SASL_PLAINTEXT.bootstrap, 'PLAIN', info.users.plain.username, 'not-the-password-4711'),
  },
  {
    name: 'a forged SCRAM server signature (proxy)',
    code: 'SCRAM_SERVER_SIGNATURE_MISMATCH',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      let authenticates = 0;
      const proxy = await kafkaProxy(L.SASL_PLAINTEXT, {
        onResponse: (apiKey, _v, body) =>
          apiKey === ApiKey.SaslAuthenticate && ++authenticates === 2
            ? { ...body, authBytes: Buffer.from(`v=${Buffer.alloc(64, 7).toString('base64')}`) }
            : null,
      });
      const p = sasl(
        `127.0.0.1:${proxy.port}`,
        'SCRAM-SHA-512',
        info.users.scramSha512.username,
        info.users.scramSha512.password,
      );
      return { ...p, cleanup: () => proxy.close() };
    },
  },
  {
    name: 'an expired OAuth token',
    code: 'OAUTH_TOKEN_REJECTED',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = unsecuredJwt({ sub: 'bs-expired', iat: now - 7200, exp: now - 3600 });
      return prepared(
        [
          '-b',
          L.SASL_PLAINTEXT.bootstrap,
          '--security-protocol',
          'SASL_PLAINTEXT',
          '--sasl-mechanism',
          'OAUTHBEARER',
          '--password-env',
          SECRET_ENV,
        ],
        {
          [SECRET_ENV]: token,
        },
      );
    },
  },
  // ---------------------------------------------------------------- versions
  {
    name: 'a broker that closes on ApiVersions (proxy)',
    code: 'BROKER_TOO_OLD',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      const proxy = await kafkaProxy(L.PLAINTEXT, {
        onRequest: (apiKey, link) => (apiKey === ApiKey.ApiVersions ? link.cut() : undefined),
      });
      return prepared(['-b', `127.0.0.1:${proxy.port}`, '--timeout', '1500'], {}, () => proxy.close());
    },
  },
  {
    name: 'Metadata versions rewritten out of reach (proxy)',
    code: 'NO_COMMON_VERSION',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      const proxy = await kafkaProxy(L.PLAINTEXT, {
        onResponse: (apiKey, _v, body) =>
          apiKey === ApiKey.ApiVersions
            ? {
                ...body,
                apiKeys: (body.apiKeys as { apiKey: number }[]).map((k) =>
                  k.apiKey === ApiKey.Metadata ? { ...k, minVersion: 100, maxVersion: 110 } : k,
                ),
              }
            : null,
      });
      return prepared(['-b', `127.0.0.1:${proxy.port}`], {}, () => proxy.close());
    },
  },
  // ---------------------------------------------------------------- advertised listeners
  {
    name: 'ADVERTISED_BAD (advertises an unresolvable host)',
    code: 'ADVERTISED_LISTENER_UNREACHABLE',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.ADVERTISED_BAD.bootstrap]),
  },
  {
    name: 'ADVERTISED_LOCALHOST (advertises localhost on a dead port)',
    code: 'ADVERTISED_LISTENER_LOCALHOST',
    severity: 'error',
    exitCode: 1,
    prepare: async () => prepared(['-b', L.ADVERTISED_LOCALHOST.bootstrap]),
  },
  // ---------------------------------------------------------------- authorization
  {
    name: 'the restricted user asks for the denied topic',
    code: 'AUTHORIZATION_FAILED',
    severity: 'error',
    exitCode: 1,
    prepare: async () =>
      sasl(
        L.SASL_PLAINTEXT.bootstrap,
        'SCRAM-SHA-512',
        info.users.restricted.username,
        info.users.restricted.password,
        ['--topic', info.acl.deniedTopic],
      ),
  },
  // ---------------------------------------------------------------- load
  {
    name: 'a request quota on the client id',
    code: 'THROTTLED',
    severity: 'warning',
    exitCode: 0,
    prepare: async (variant) => {
      const clientId = `bs-diagnose-throttled-${variant}`;
      const cleanup = await throttledClientId(clientId);
      return prepared(['-b', L.PLAINTEXT.bootstrap, '--client-id', clientId], {}, cleanup);
    },
  },
  {
    name: 'Metadata replies delayed past the request timeout (proxy)',
    code: 'REQUEST_TIMEOUTS',
    severity: 'error',
    exitCode: 1,
    prepare: async () => {
      const proxy = await kafkaProxy(L.PLAINTEXT, {
        onResponse: async (apiKey) => {
          if (apiKey === ApiKey.Metadata) await sleep(1500);
          return null;
        },
      });
      return prepared(['-b', `127.0.0.1:${proxy.port}`, '--timeout', '1000'], {}, () => proxy.close());
    },
  },
];
