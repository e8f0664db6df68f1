import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGssapiMechanism, krb5EnvFor } from './gssapi';
import { requireKerberos, type KerberosClient, type KerberosModule } from './gssapi/loader';
import { SaslAuthenticationError, type SaslContext } from './mechanism';
import type { GssapiSaslOptions } from './sasl-options';

const ENV_NAMES = ['KRB5_CONFIG', 'KRB5_CLIENT_KTNAME', 'KRB5CCNAME'] as const;
const envNow = () => Object.fromEntries(ENV_NAMES.map((n) => [n, process.env[n]]));

const dir = mkdtempSync(join(tmpdir(), 'brokerscope-gssapi-unit-'));
const krb5Conf = join(dir, 'krb5.conf');
const keytab = join(dir, 'client.keytab');
writeFileSync(krb5Conf, '[libdefaults]\n default_realm = EXAMPLE.COM\n');
writeFileSync(keytab, Buffer.from([5, 2]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AP_REQ = Buffer.from('fake-ap-req-token-bytes-0123456789');
const AP_REP = Buffer.from('fake-ap-rep');
const WRAPPED_OFFER = Buffer.from('wrapped-offer');
const WRAPPED_REPLY = Buffer.from('wrapped-reply-xyz');

interface Call {
  name: string;
  arg?: string;
  options?: unknown;
  env: Record<string, string | undefined>;
}

/** A stand-in for the `kerberos` package: a two-round context, then the RFC 4752 layer exchange. */
function fakeKerberos(behaviour: { offer?: number[]; failAt?: string; error?: string } = {}) {
  const calls: Call[] = [];
  const maybeFail = (at: string) => {
    if (behaviour.failAt === at) throw new Error(behaviour.error ?? 'boom');
  };
  const mod: KerberosModule = {
    GSS_MECH_OID_KRB5: 9,
    version: 'fake',
    async initializeClient(service, options) {
      calls.push({ name: 'initializeClient', arg: service, options, env: envNow() });
      maybeFail('init');
      let steps = 0;
      const client: KerberosClient = {
        contextComplete: false,
        username: 'alice@EXAMPLE.COM',
        async step(challenge) {
          calls.push({ name: 'step', arg: challenge, env: envNow() });
          steps++;
          maybeFail(`step${steps}`);
          if (steps === 1) return AP_REQ.toString('base64');
          client.contextComplete = true;
          return null;
        },
        async unwrap(challenge) {
          calls.push({ name: 'unwrap', arg: challenge, env: envNow() });
          maybeFail('unwrap');
          return Buffer.from(behaviour.offer ?? [0x07, 0x01, 0x00, 0x00]).toString('base64');
        },
        async wrap(challenge, options) {
          calls.push({ name: 'wrap', arg: challenge, options, env: envNow() });
          maybeFail('wrap');
          return WRAPPED_REPLY.toString('base64');
        },
      };
      return client;
    },
  };
  return { mod, calls };
}

function context(host = 'broker1.example.com') {
  const infos: Record<string, string | number | boolean>[] = [];
  const warnings: { code: string; message: string }[] = [];
  const ctx: SaslContext = {
    tls: false,
    host,
    warn: (code, message) => warnings.push({ code, message }),
    info: (d) => infos.push(d),
  };
  return { ctx, infos, warnings };
}

const options = (extra: Partial<GssapiSaslOptions> = {}): GssapiSaslOptions => ({
  mechanism: 'GSSAPI',
  principal: 'alice@EXAMPLE.COM',
  keytab,
  krb5ConfPath: krb5Conf,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<SaslAuthenticationError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SaslAuthenticationError);
  return err as SaslAuthenticationError;
}

describe('GSSAPI mechanism (fake kerberos module)', () => {
  it('steps the context, then answers the security-layer offer with no layer, max buffer 0 and the authzid', async () => {
    const { mod, calls } = fakeKerberos();
    const { ctx, infos } = context();
    const session = createGssapiMechanism({ load: async () => mod })(options({ authzid: 'bob' }), ctx);
    const before = envNow();

    expect(Buffer.from((await session.step(null))!)).toEqual(AP_REQ);
    expect((await session.step(AP_REP))!.length).toBe(0); // context complete: an empty token
    expect(Buffer.from((await session.step(WRAPPED_OFFER))!)).toEqual(WRAPPED_REPLY);
    expect(await session.step(new Uint8Array(0))).toBeNull();

    expect(calls.map((c) => c.name)).toEqual(['initializeClient', 'step', 'step', 'unwrap', 'wrap']);
    expect(calls[0]!.arg).toBe('kafka@broker1.example.com');
    expect(calls[0]!.options).toEqual({ mechOID: 9, principal: 'alice@EXAMPLE.COM' });
    expect(calls[1]!.arg).toBe('');
    expect(calls[2]!.arg).toBe(AP_REP.toString('base64'));
    expect(calls[3]!.arg).toBe(WRAPPED_OFFER.toString('base64'));
    // wrap() gets the preamble [0x01, 0, 0, 0] (padded to 8 octets) and the authzid as user.
    expect([...Buffer.from(calls[4]!.arg!, 'base64')]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(calls[4]!.options).toEqual({ user: 'bob' });

    // Every native call ran with this connection's environment; it is restored after.
    for (const c of calls) {
      expect(c.env.KRB5_CONFIG).toBe(krb5Conf);
      expect(c.env.KRB5_CLIENT_KTNAME).toBe(keytab);
      expect(c.env.KRB5CCNAME).toMatch(/^MEMORY:brokerscope-[0-9a-f]{16}$/);
    }
    expect(envNow()).toEqual(before);

    expect(infos.map((i) => i.step)).toEqual([
      'start',
      'context',
      'context',
      'context-established',
      'security-layer-offer',
      'security-layer-reply',
    ]);
    expect(infos[1]).toMatchObject({ round: 1, receivedBytes: 0, sentBytes: AP_REQ.length, complete: false });
    expect(infos[2]).toMatchObject({ round: 2, receivedBytes: AP_REP.length, sentBytes: 0, complete: true });
    expect(infos[3]).toMatchObject({ clientPrincipal: 'alice@EXAMPLE.COM' });
    expect(infos[4]).toMatchObject({
      offeredQop: 'auth,auth-int,auth-conf',
      offeredBitmask: 7,
      serverMaxBuffer: 0x010000,
    });
    expect(infos[5]).toMatchObject({
      chosenQop: 'auth',
      clientMaxBuffer: 0,
      authzid: 'bob',
      sentBytes: WRAPPED_REPLY.length,
    });
    const text = JSON.stringify(infos);
    for (const token of [AP_REQ, AP_REP, WRAPPED_OFFER, WRAPPED_REPLY]) {
      expect(text).not.toContain(token.toString('base64'));
      expect(text).not.toContain(token.toString('hex'));
      expect(text).not.toContain(token.toString('latin1'));
    }
  });

  it('uses the service name and host given, and no principal when none is', async () => {
    const { mod, calls } = fakeKerberos();
    const session = createGssapiMechanism({ load: async () => mod })(
      { mechanism: 'GSSAPI', serviceName: 'kfk', serviceHost: 'b.example.com' },
      context('10.0.0.1').ctx,
    );
    await session.step(null);
    expect(calls[0]!.arg).toBe('kfk@b.example.com');
    expect(calls[0]!.options).toEqual({ mechOID: 9 });
  });

  it('warns when the host is an IP address and no service host is given', async () => {
    const { mod } = fakeKerberos();
    const { ctx, warnings } = context('10.0.0.1');
    await createGssapiMechanism({ load: async () => mod })({ mechanism: 'GSSAPI' }, ctx).step(null);
    expect(warnings.map((w) => w.code)).toEqual(['GSSAPI_HOST_IS_IP']);
  });

  it('fails GSSAPI_SECURITY_LAYER when the broker does not offer "no security layer"', async () => {
    const { mod, calls } = fakeKerberos({ offer: [0x06, 0x00, 0x10, 0x00] });
    const session = createGssapiMechanism({ load: async () => mod })(options(), context().ctx);
    await session.step(null);
    await session.step(AP_REP);
    const err = await failure(session.step(WRAPPED_OFFER));
    expect(err.kind).toBe('GSSAPI_SECURITY_LAYER');
    expect(err.message).toContain('auth-int, auth-conf');
    expect(calls.map((c) => c.name)).not.toContain('wrap');
  });

  it('fails GSSAPI_SECURITY_LAYER when the offer is not 4 octets', async () => {
    const { mod } = fakeKerberos({ offer: [0x01, 0, 0, 0, 0] });
    const session = createGssapiMechanism({ load: async () => mod })(options(), context().ctx);
    await session.step(null);
    await session.step(AP_REP);
    expect((await failure(session.step(WRAPPED_OFFER))).kind).toBe('GSSAPI_SECURITY_LAYER');
  });

  it('sends an empty token once if the broker answers the established context with an empty one', async () => {
    const { mod } = fakeKerberos();
    const session = createGssapiMechanism({ load: async () => mod })(options(), context().ctx);
    await session.step(null);
    await session.step(AP_REP);
    expect((await session.step(new Uint8Array(0)))!.length).toBe(0);
    expect((await failure(session.step(new Uint8Array(0)))).kind).toBe('GSSAPI_SECURITY_LAYER');
  });

  it.each([
    [
      'init',
      "No credentials were supplied, or the credentials were unavailable or inaccessible: Client 'ghost@EXAMPLE.COM' not found in Kerberos database",
      'GSSAPI_UNKNOWN_CLIENT',
    ],
    [
      'step1',
      'Unspecified GSS failure.  Minor code may provide more information: Server kafka/broker1.example.com@EXAMPLE.COM not found in Kerberos database',
      'GSSAPI_UNKNOWN_SERVICE_PRINCIPAL',
    ],
    [
      'step1',
      "No credentials were supplied, or the credentials were unavailable or inaccessible: Cannot contact any KDC for realm 'EXAMPLE.COM'",
      'GSSAPI_KDC_UNREACHABLE',
    ],
    [
      'step2',
      'Unspecified GSS failure.  Minor code may provide more information: Clock skew too great',
      'GSSAPI_CLOCK_SKEW',
    ],
    ['unwrap', 'A token had an invalid Message Integrity Check (MIC): ', 'SASL_AUTH_FAILED'],
  ])('a native error in %s is diagnosed (%s)', async (at, error, kind) => {
    const { mod } = fakeKerberos({ failAt: at, error });
    const session = createGssapiMechanism({ load: async () => mod })(options(), context().ctx);
    const before = envNow();
    const run = async () => {
      await session.step(null);
      await session.step(AP_REP);
      await session.step(WRAPPED_OFFER);
    };
    const err = await failure(run());
    expect(err.kind).toBe(kind);
    expect(envNow()).toEqual(before);
  });

  it('reports why the broker refused, by phase', async () => {
    const { mod } = fakeKerberos();
    const session = createGssapiMechanism({ load: async () => mod })(
      options({ authzid: 'bob' }),
      context().ctx,
    );
    expect(session.rejection!()).toBeNull();
    await session.step(null);
    expect(session.rejection!()!.detail).toContain(
      'did not accept the Kerberos ticket for kafka/broker1.example.com',
    );
    await session.step(AP_REP);
    expect(session.rejection!()!.detail).toContain('after it had accepted the Kerberos ticket');
    await session.step(WRAPPED_OFFER);
    expect(session.rejection!()!.detail).toContain('authorization id "bob"');
  });
});

describe('GSSAPI settings, checked before any Kerberos call', () => {
  it.each([
    [{ krb5ConfPath: join(dir, 'nope.conf') }, 'GSSAPI_CONFIG', 'nope.conf does not exist'],
    [{ keytab: join(dir, 'nope.keytab') }, 'GSSAPI_NO_CREDENTIALS', 'nope.keytab does not exist'],
    [{ keytab: `FILE:${join(dir, 'nope.keytab')}` }, 'GSSAPI_NO_CREDENTIALS', 'nope.keytab does not exist'],
    [{ serviceName: '' }, 'GSSAPI_CONFIG', 'service name'],
    [{ serviceName: 'kafka/x' }, 'GSSAPI_CONFIG', 'service name'],
    [{ authzid: 'a\0b' }, 'GSSAPI_CONFIG', 'NUL'],
  ] as const)('%o fails %s', async (extra, kind, text) => {
    const { mod, calls } = fakeKerberos();
    const err = await failure(
      createGssapiMechanism({ load: async () => mod })(options(extra), context().ctx).step(null),
    );
    expect(err.kind).toBe(kind);
    expect(err.message).toContain(text);
    expect(calls).toHaveLength(0);
  });
});

describe('GSSAPI without the kerberos package', () => {
  it('fails GSSAPI_UNAVAILABLE, saying how to install it, when the module cannot be found', async () => {
    // Resolved from a directory with no node_modules: the real "Cannot find module" path.
    const load = async () => requireKerberos(`file://${join(dir, 'x.js')}`);
    const err = await failure(createGssapiMechanism({ load })(options(), context().ctx).step(null));
    expect(err.kind).toBe('GSSAPI_UNAVAILABLE');
    expect(err.message).toContain("Cannot find module 'kerberos'");
    expect(err.message).toContain('npm install kerberos');
    expect(err.message).toContain('libkrb5-dev');
  });

  it('fails GSSAPI_UNAVAILABLE when the native part does not load', async () => {
    const load = async (): Promise<KerberosModule> => {
      throw new Error(
        'libgssapi_krb5.so.2: cannot open shared object file: No such file or directory\nRequire stack: …',
      );
    };
    const err = await failure(createGssapiMechanism({ load })(options(), context().ctx).step(null));
    expect(err.kind).toBe('GSSAPI_UNAVAILABLE');
    expect(err.message).toContain('libgssapi_krb5.so.2');
    expect(err.message).toContain('npm install kerberos');
  });
});

describe('krb5EnvFor', () => {
  it('keytab without ticket cache: client keytab and a private memory cache, stable per settings', () => {
    const a = krb5EnvFor(options());
    expect(a).toEqual({
      KRB5_CONFIG: krb5Conf,
      KRB5_CLIENT_KTNAME: keytab,
      KRB5CCNAME: expect.stringMatching(/^MEMORY:brokerscope-/),
    });
    expect(krb5EnvFor(options()).KRB5CCNAME).toBe(a.KRB5CCNAME);
    expect(krb5EnvFor(options({ principal: 'other@EXAMPLE.COM' })).KRB5CCNAME).not.toBe(a.KRB5CCNAME);
    expect(krb5EnvFor(options({ krb5ConfPath: '/elsewhere' })).KRB5CCNAME).not.toBe(a.KRB5CCNAME);
  });

  it('a ticket cache is used as given; nothing set is left to the environment', () => {
    expect(krb5EnvFor({ mechanism: 'GSSAPI', ticketCache: 'FILE:/tmp/cc', keytab: '/k' })).toEqual({
      KRB5_CLIENT_KTNAME: '/k',
      KRB5CCNAME: 'FILE:/tmp/cc',
    });
    expect(krb5EnvFor({ mechanism: 'GSSAPI' })).toEqual({});
  });
});
