// SASL GSSAPI against the harness's real MIT KDC and the broker's SASL_GSSAPI listener
// (service principal kafka/localhost: connect to "localhost"). No skipping: without the
// harness's Kerberos or the `kerberos` package this file fails, loudly.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KerberosInfo } from '../../../harness/broker/info';
import {
  ApiKey,
  CloseReason,
  Connection,
  KafkaConnectionError,
  type ConnectionOptions,
} from '../../../src/main/core';
import { requireKerberos } from '../../../src/main/core/auth/gssapi/loader';
import type { GssapiSaslOptions } from '../../../src/main/core/auth/sasl-options';
import { brokerInfo, recorder } from '../../support/connect-options';

const info = brokerInfo();

function kerberosSetup(): { krb: KerberosInfo; port: number } {
  const krb = info.kerberos;
  const listener = info.listeners.SASL_GSSAPI;
  if (!krb || !listener) {
    throw new Error(
      `The test broker (${info.infoPath}) has no Kerberos KDC / SASL_GSSAPI listener: install krb5-kdc, krb5-admin-server and ` +
        'krb5-user, then restart it with BROKERSCOPE_BROKER_KERBEROS=1 npm run broker:start (npm run broker:stop first).',
    );
  }
  return { krb, port: Number(krb.bootstrap.slice(krb.bootstrap.lastIndexOf(':') + 1)) };
}

const { krb, port } = kerberosSetup();
// Loads the native module now: a broken install fails this file here, not as a skip.
requireKerberos();

const ENV_NAMES = ['KRB5_CONFIG', 'KRB5_CLIENT_KTNAME', 'KRB5CCNAME'] as const;
const envNow = () => Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));
const envBefore = envNow();

const dir = mkdtempSync(join(tmpdir(), 'brokerscope-gssapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A krb5.conf for the harness realm, with the KDC (and the realm localhost maps to) as given. */
function writeKrb5Conf(name: string, opts: { kdcPort?: number; localhostRealm?: string } = {}): string {
  const kdc = `${krb.kdcHost}:${opts.kdcPort ?? krb.kdcPort}`;
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      '[libdefaults]',
      ` default_realm = ${krb.realm}`,
      ' dns_lookup_realm = false',
      ' dns_lookup_kdc = false',
      ' rdns = false',
      ' dns_canonicalize_hostname = false',
      ' udp_preference_limit = 1',
      '[realms]',
      ` ${krb.realm} = {`,
      `  kdc = ${kdc}`,
      ' }',
      ' OTHER.REALM = {',
      `  kdc = ${kdc}`,
      ' }',
      '[domain_realm]',
      ` localhost = ${opts.localhostRealm ?? krb.realm}`,
      '',
    ].join('\n'),
  );
  return path;
}

/** A keytab (MIT format 0x0502) with one random aes256 key for a principal the KDC doesn't have. */
function writeKeytab(name: string, principal: string): string {
  const [names, realm] = principal.split('@') as [string, string];
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    return Buffer.concat([len, b]);
  };
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  const components = names.split('/');
  const entry = Buffer.concat([
    u16(components.length),
    str(realm),
    ...components.map(str),
    u32(1), // KRB5_NT_PRINCIPAL
    u32(Math.floor(Date.now() / 1000)),
    Buffer.from([1]), // kvno
    u16(18), // aes256-cts-hmac-sha1-96
    u16(32),
    randomBytes(32),
    u32(1),
  ]);
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from([0x05, 0x02]), u32(entry.length), entry]));
  return path;
}

/** A loopback port with nothing listening (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return p;
}

const gssapi = (extra: Partial<GssapiSaslOptions> = {}): GssapiSaslOptions => ({
  mechanism: 'GSSAPI',
  principal: krb.clientPrincipal,
  keytab: krb.clientKeytab,
  krb5ConfPath: krb.krb5ConfPath,
  ...extra,
});

const options = (sasl: GssapiSaslOptions): ConnectionOptions => ({
  host: 'localhost',
  port,
  clientId: 'brokerscope-gssapi-test',
  connectTimeoutMs: 15_000,
  sasl,
});

async function connectFails(sasl: GssapiSaslOptions) {
  const rec = recorder();
  const err = await Connection.connect({ ...options(sasl), onEvent: rec.onEvent }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KafkaConnectionError);
  const e = err as KafkaConnectionError;
  expect(e.reason).toBe(CloseReason.AUTH_FAILURE);
  const failure = rec.events.find((ev) => ev.type === 'auth.failure');
  expect(failure?.type === 'auth.failure' && failure.mechanism).toBe('GSSAPI');
  return { err: e, rec };
}

/** Records every token the kerberos module hands out or takes in (to prove events carry none). */
function spyOnTokens(): { tokens: string[]; restore: () => void } {
  const mod = createRequire(import.meta.url)('kerberos') as {
    initializeClient: (...args: unknown[]) => Promise<Record<string, (...a: unknown[]) => Promise<unknown>>>;
  };
  const original = mod.initializeClient;
  const tokens: string[] = [];
  mod.initializeClient = async (...args) => {
    const client = await original(...args);
    for (const method of ['step', 'wrap', 'unwrap'] as const) {
      const call = client[method]!.bind(client);
      client[method] = async (...a: unknown[]) => {
        if (typeof a[0] === 'string' && a[0]) tokens.push(a[0]);
        const out = await call(...a);
        if (typeof out === 'string' && out) tokens.push(out);
        return out;
      };
    }
    return client;
  };
  return { tokens, restore: () => void (mod.initializeClient = original) };
}

beforeAll(() => {
  expect(readFileSync(krb.clientKeytab).length).toBeGreaterThan(0);
});

afterAll(() => {
  // Kerberos settings are set around each native call only: the process environment is as it was.
  expect(envNow()).toEqual(envBefore);
});

describe('SASL GSSAPI (real MIT KDC)', () => {
  it('authenticates with a keytab; Metadata works; the events show every step and no token bytes', async () => {
    const spy = spyOnTokens();
    const rec = recorder();
    try {
      const conn = await Connection.connect({ ...options(gssapi()), onEvent: rec.onEvent });
      const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
      expect(md.brokers).toHaveLength(1);
      expect(md.brokers[0]).toMatchObject({ host: 'localhost', port });
      await conn.close();
    } finally {
      spy.restore();
    }
    const steps = rec.events.flatMap((e) => (e.type === 'auth.info' ? [e.detail] : []));
    expect(steps.map((d) => d.step)).toEqual([
      'start',
      'context',
      'context',
      'context-established',
      'security-layer-offer',
      'security-layer-reply',
    ]);
    expect(steps[0]).toMatchObject({
      service: 'kafka@localhost',
      clientPrincipal: krb.clientPrincipal,
      kerberosPackage: '7.0.0',
    });
    expect(steps[1]).toMatchObject({ round: 1, receivedBytes: 0, complete: false });
    expect(steps[1]!.sentBytes).toBeGreaterThan(100); // the AP-REQ with the service ticket
    expect(steps[2]).toMatchObject({ round: 2, sentBytes: 0, complete: true }); // after the AP-REP
    expect(steps[3]).toMatchObject({ clientPrincipal: krb.clientPrincipal });
    expect(steps[4]).toMatchObject({ offeredQop: 'auth', offeredBitmask: 1 });
    expect(steps[5]).toMatchObject({ chosenQop: 'auth', clientMaxBuffer: 0 });
    const rounds = rec.events.filter((e) => e.type === 'auth.round');
    expect(rounds).toHaveLength(6); // three tokens each way: AP-REQ/AP-REP, empty/offer, reply/empty
    const success = rec.events.find((e) => e.type === 'auth.success');
    expect(success?.type === 'auth.success' && success.rounds).toBe(3);

    expect(spy.tokens.length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(rec.events);
    for (const token of spy.tokens) {
      const bytes = Buffer.from(token, 'base64');
      expect(text).not.toContain(token);
      expect(text).not.toContain(bytes.toString('hex'));
      expect(text).not.toContain(bytes.subarray(0, 12).toString('base64'));
    }
  });

  it('sends the authorization id in the last message (the broker logs it)', async () => {
    const authzid = `brokerscope-authz-${randomBytes(4).toString('hex')}`;
    const conn = await Connection.connect(options(gssapi({ authzid })));
    await conn.close();
    const deadline = Date.now() + 10_000;
    let log = '';
    while (Date.now() < deadline) {
      log = readFileSync(info.logPath, 'utf8');
      if (log.includes(`authorizationID=${authzid}.`)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(log).toContain(`authenticationID=${krb.clientPrincipal}; authorizationID=${authzid}.`);
  });

  it('uses the keytab first principal when no principal is given', async () => {
    const rec = recorder();
    const conn = await Connection.connect({
      ...options(gssapi({ principal: undefined })),
      onEvent: rec.onEvent,
    });
    await conn.close();
    const established = rec.events.find(
      (e) => e.type === 'auth.info' && e.detail.step === 'context-established',
    );
    expect(established?.type === 'auth.info' && established.detail.clientPrincipal).toBe(krb.clientPrincipal);
  });

  it('fails GSSAPI_UNKNOWN_SERVICE_PRINCIPAL for a service name the KDC does not know', async () => {
    const { err } = await connectFails(gssapi({ serviceName: 'nosuch' }));
    expect(err.kind).toBe('GSSAPI_UNKNOWN_SERVICE_PRINCIPAL');
    expect(err.message).toContain(`nosuch/localhost@${krb.realm} (Server not found in Kerberos database)`);
    expect(err.message).toContain('service name (now "nosuch"');
  });

  it('fails GSSAPI_UNKNOWN_CLIENT for a client whose key the KDC does not have', async () => {
    const ghost = `ghost@${krb.realm}`;
    const { err } = await connectFails(
      gssapi({ principal: ghost, keytab: writeKeytab('ghost.keytab', ghost) }),
    );
    expect(err.kind).toBe('GSSAPI_UNKNOWN_CLIENT');
    expect(err.message).toContain(
      `The KDC does not know the client principal ${ghost} (Client not found in Kerberos database)`,
    );
  });

  it('fails GSSAPI_KDC_UNREACHABLE when the KDC in krb5.conf does not answer', async () => {
    const conf = writeKrb5Conf('dead-kdc.conf', { kdcPort: await deadPort() });
    const started = Date.now();
    const { err } = await connectFails(gssapi({ krb5ConfPath: conf }));
    expect(err.kind).toBe('GSSAPI_KDC_UNREACHABLE');
    expect(err.message).toContain(`No KDC of realm ${krb.realm} could be reached`);
    expect(err.message).toContain(conf);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails GSSAPI_WRONG_REALM when the broker host maps to a realm without trust', async () => {
    const conf = writeKrb5Conf('other-realm.conf', { localhostRealm: 'OTHER.REALM' });
    const { err } = await connectFails(gssapi({ krb5ConfPath: conf }));
    expect(err.kind).toBe('GSSAPI_WRONG_REALM');
    expect(err.message).toContain(
      `maps to Kerberos realm OTHER.REALM, but the client's realm ${krb.realm} has no trust with it`,
    );
  });

  it('fails GSSAPI_WRONG_REALM for a principal in a realm krb5.conf does not know', async () => {
    const stranger = 'stranger@UNKNOWN.REALM';
    const { err } = await connectFails(
      gssapi({ principal: stranger, keytab: writeKeytab('stranger.keytab', stranger) }),
    );
    expect(err.kind).toBe('GSSAPI_WRONG_REALM');
    expect(err.message).toContain('names no KDC for realm "UNKNOWN.REALM"');
  });

  it('fails GSSAPI_NO_CREDENTIALS with no keytab and an empty ticket cache: kinit needed', async () => {
    const { err } = await connectFails(
      gssapi({ keytab: undefined, ticketCache: `FILE:${join(dir, 'no-such-ccache')}` }),
    );
    expect(err.kind).toBe('GSSAPI_NO_CREDENTIALS');
    expect(err.message).toContain(
      `No Kerberos ticket for ${krb.clientPrincipal}: run kinit ${krb.clientPrincipal} first`,
    );
  });

  it('keeps each connection’s krb5.conf apart when they authenticate at the same time', async () => {
    const dead = writeKrb5Conf('dead-kdc-2.conf', { kdcPort: await deadPort() });
    const attempts = Array.from({ length: 6 }, (_, i) =>
      Connection.connect(options(gssapi(i % 2 === 0 ? {} : { krb5ConfPath: dead }))).then(
        async (conn) => {
          await conn.close();
          return 'ok';
        },
        (e: KafkaConnectionError) => e.kind,
      ),
    );
    expect(await Promise.all(attempts)).toEqual([
      'ok',
      'GSSAPI_KDC_UNREACHABLE',
      'ok',
      'GSSAPI_KDC_UNREACHABLE',
      'ok',
      'GSSAPI_KDC_UNREACHABLE',
    ]);
  });
});
