/**
 * SASL GSSAPI (Kerberos v5, RFC 4752) through the optional `kerberos` package, loaded at
 * first use. The exchange: the client's AP-REQ, the broker's AP-REP (mutual
 * authentication), an empty client token once the context is established, then the
 * security-layer negotiation (the broker's wrapped 4-octet offer, the client's wrapped
 * choice: no security layer, max buffer 0, authorization id).
 *
 * MIT Kerberos reads its settings from the environment; each native call runs with this
 * connection's KRB5_CONFIG / KRB5_CLIENT_KTNAME / KRB5CCNAME set, one call at a time
 * process-wide (gssapi/env.ts). Events carry round numbers, sizes and the negotiated layer,
 * never token contents.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isIP } from 'node:net';
import { classifyGssapiError, type GssapiSetting } from './gssapi/classify';
import { withKrb5Env, type Krb5Env } from './gssapi/env';
import {
  firstLine,
  KerberosUnavailableError,
  loadKerberos,
  type KerberosClient,
  type KerberosLoader,
  type KerberosModule,
} from './gssapi/loader';
import { authzidProblem, LAYER_NONE, parseServerLayers, wrapInput } from './gssapi/security-layer';
import {
  SaslAuthenticationError,
  type MechanismFactory,
  type SaslContext,
  type SaslSession,
} from './mechanism';
import type { GssapiSaslOptions } from './sasl-options';

export const DEFAULT_SERVICE_NAME = 'kafka';

export interface GssapiDeps {
  /** Loads the `kerberos` module (tests inject a fake or a failing one). */
  load: KerberosLoader;
  /** Throws when a file can't be read (tests may inject). */
  canRead: (path: string) => Promise<void>;
}

const defaultDeps: GssapiDeps = {
  load: loadKerberos,
  canRead: (path) => access(path, fsConstants.R_OK),
};

/** Keytab and cache names may carry a type ("FILE:/x", "MEMORY:y"); only files can be checked. */
function filePath(name: string): string | null {
  const m = /^([A-Za-z]+):(.*)$/.exec(name);
  if (!m) return name;
  return m[1]!.toUpperCase() === 'FILE' || m[1]!.toUpperCase() === 'WRFILE' ? m[2]! : null;
}

/**
 * The environment a connection's native calls run with. With a keytab and no ticket cache,
 * tickets go to an in-memory cache private to these settings: MIT gets the TGT from the
 * keytab itself (KRB5_CLIENT_KTNAME, MIT ≥ 1.11), no kinit, and the user's own ticket cache
 * is neither read nor written. Connections with the same settings share it (and its tickets).
 */
export function krb5EnvFor(o: GssapiSaslOptions): Krb5Env {
  const env: Krb5Env = {};
  if (o.krb5ConfPath) env.KRB5_CONFIG = o.krb5ConfPath;
  if (o.keytab) env.KRB5_CLIENT_KTNAME = o.keytab;
  if (o.ticketCache) env.KRB5CCNAME = o.ticketCache;
  else if (o.keytab) {
    const key = createHash('sha256')
      .update(JSON.stringify([o.keytab, o.principal ?? '', o.krb5ConfPath ?? process.env.KRB5_CONFIG ?? '']))
      .digest('hex')
      .slice(0, 16);
    env.KRB5CCNAME = `MEMORY:brokerscope-${key}`;
  }
  return env;
}

function credentialSource(o: GssapiSaslOptions): string {
  if (o.keytab && o.ticketCache) return 'keytab, into the given ticket cache';
  if (o.keytab) return 'keytab, private in-memory ticket cache';
  if (o.ticketCache) return 'ticket cache';
  return 'environment defaults (KRB5CCNAME or the system ticket cache)';
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string | null | undefined): Buffer => Buffer.from(text ?? '', 'base64');

type Phase = 'start' | 'context' | 'layer' | 'final' | 'done';

export function createGssapiMechanism(overrides: Partial<GssapiDeps> = {}): MechanismFactory {
  const deps: GssapiDeps = { ...defaultDeps, ...overrides };
  return (options, ctx) => gssapiSession(options as GssapiSaslOptions, ctx, deps);
}

export const gssapiMechanism: MechanismFactory = createGssapiMechanism();

function gssapiSession(o: GssapiSaslOptions, ctx: SaslContext, deps: GssapiDeps): SaslSession {
  const serviceName = o.serviceName ?? DEFAULT_SERVICE_NAME;
  const serviceHost = o.serviceHost ?? ctx.host;
  const authzid = o.authzid ?? '';
  const setting: GssapiSetting = {
    servicePrincipal: `${serviceName}/${serviceHost}`,
    serviceName,
    serviceHost,
    ...(o.principal ? { principal: o.principal } : {}),
    ...(o.keytab ? { keytab: o.keytab } : {}),
    ...(o.ticketCache ? { ticketCache: o.ticketCache } : {}),
    ...(o.krb5ConfPath ? { krb5ConfPath: o.krb5ConfPath } : {}),
  };
  const env = krb5EnvFor(o);
  let phase: Phase = 'start';
  let client: KerberosClient | null = null;
  let round = 0;
  let ackedContext = false;

  const fail = (message: string, kind: SaslAuthenticationError['kind']): never => {
    throw new SaslAuthenticationError(message, kind);
  };

  /** One native call, with this connection's Kerberos environment; its errors diagnosed. */
  const native = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await withKrb5Env(env, call);
    } catch (err) {
      const d = classifyGssapiError(err instanceof Error ? err.message : String(err), setting);
      throw new SaslAuthenticationError(d.message, d.kind);
    }
  };

  async function checkSettings(): Promise<void> {
    if (!serviceName || /[\s@/]/.test(serviceName))
      fail(
        `The Kerberos service name "${serviceName}" is not valid: give the broker's sasl.kerberos.service.name (usually "kafka").`,
        'GSSAPI_CONFIG',
      );
    if (!serviceHost || /[\s@/]/.test(serviceHost))
      fail(
        `The host name for the broker's service principal ("${serviceHost}") is not valid.`,
        'GSSAPI_CONFIG',
      );
    const badAuthzid = authzidProblem(authzid);
    if (badAuthzid) fail(`GSSAPI: ${badAuthzid}.`, 'GSSAPI_CONFIG');
    if (o.krb5ConfPath) {
      await deps
        .canRead(o.krb5ConfPath)
        .catch(() =>
          fail(`The krb5.conf file ${o.krb5ConfPath} does not exist or cannot be read.`, 'GSSAPI_CONFIG'),
        );
    }
    const keytabFile = o.keytab ? filePath(o.keytab) : null;
    if (keytabFile) {
      await deps
        .canRead(keytabFile)
        .catch(() =>
          fail(
            `The keytab ${o.keytab} does not exist or cannot be read, so there are no Kerberos credentials to use.`,
            'GSSAPI_NO_CREDENTIALS',
          ),
        );
    }
    if (o.serviceHost === undefined && isIP(serviceHost) !== 0) {
      ctx.warn(
        'GSSAPI_HOST_IS_IP',
        `Connecting to ${serviceHost} by IP address: Kerberos needs the broker's host name for its service principal (${serviceName}/<host>). Give serviceHost, or connect by name.`,
      );
    }
  }

  async function load(): Promise<KerberosModule> {
    try {
      return await deps.load();
    } catch (err) {
      const e = err instanceof KerberosUnavailableError ? err : new KerberosUnavailableError(firstLine(err));
      return fail(e.message, 'GSSAPI_UNAVAILABLE');
    }
  }

  function contextStep(received: number, sent: Buffer, c: KerberosClient): Buffer {
    round++;
    ctx.info({
      step: 'context',
      round,
      receivedBytes: received,
      sentBytes: sent.length,
      complete: c.contextComplete,
    });
    if (c.contextComplete) {
      phase = 'layer';
      ctx.info({
        step: 'context-established',
        rounds: round,
        clientPrincipal: c.username || o.principal || 'unknown',
      });
    } else phase = 'context';
    return sent;
  }

  return {
    rejection() {
      if (phase === 'layer')
        return {
          kind: 'SASL_AUTH_FAILED',
          detail: `the broker failed after it had accepted the Kerberos ticket for ${setting.servicePrincipal}, before the security-layer negotiation (RFC 4752)`,
        };
      if (phase === 'context')
        return {
          kind: 'SASL_AUTH_FAILED',
          detail:
            `the broker did not accept the Kerberos ticket for ${setting.servicePrincipal}: its keytab may not hold the current key of that ` +
            `principal (re-keyed: kvno mismatch), it may run as another principal, or its clock may be off; the broker log says which`,
        };
      if (phase === 'final')
        return {
          kind: 'SASL_AUTH_FAILED',
          detail: `the broker refused the last GSSAPI message${authzid ? ` (is authorization id "${authzid}" allowed?)` : ''}, or could not map the principal to a user (sasl.kerberos.principal.to.local.rules)`,
        };
      return null;
    },

    async step(server) {
      const received = server?.length ?? 0;
      switch (phase) {
        case 'start': {
          await checkSettings();
          const kerberos = await load();
          const service = `${serviceName}@${serviceHost}`;
          ctx.info({
            step: 'start',
            service,
            servicePrincipal: setting.servicePrincipal,
            clientPrincipal: o.principal ?? 'default',
            credentials: credentialSource(o),
            krb5Conf: o.krb5ConfPath ?? 'environment (KRB5_CONFIG or /etc/krb5.conf)',
            kerberosPackage: kerberos.version ?? 'unknown',
          });
          const c = await native(() =>
            kerberos.initializeClient(service, {
              mechOID: kerberos.GSS_MECH_OID_KRB5,
              ...(o.principal ? { principal: o.principal } : {}),
            }),
          );
          client = c;
          const out = await native(() => c.step(''));
          return contextStep(0, fromB64(out), c);
        }
        case 'context': {
          const c = client!;
          if (received === 0)
            fail(
              'The broker sent an empty GSSAPI token before the Kerberos context was established.',
              'SASL_AUTH_FAILED',
            );
          const out = await native(() => c.step(b64(server!)));
          return contextStep(received, fromB64(out), c);
        }
        case 'layer': {
          const c = client!;
          if (received === 0) {
            // The broker has more to say once the context is established: say we're done too.
            if (ackedContext)
              fail(
                'The broker sent no security-layer offer (RFC 4752) after the Kerberos context was established.',
                'GSSAPI_SECURITY_LAYER',
              );
            ackedContext = true;
            return Buffer.alloc(0);
          }
          const message = fromB64(await native(() => c.unwrap(b64(server!))));
          const layers = parseServerLayers(message);
          if (!layers)
            return fail(
              `The broker's security-layer offer is ${message.length} octets after unwrapping; RFC 4752 says 4.`,
              'GSSAPI_SECURITY_LAYER',
            );
          ctx.info({
            step: 'security-layer-offer',
            offeredQop: layers.offered.join(',') || 'none',
            offeredBitmask: layers.bitmask,
            serverMaxBuffer: layers.maxBuffer,
          });
          if (!(layers.bitmask & LAYER_NONE))
            fail(
              `The broker insists on a SASL security layer (it offers ${layers.offered.join(', ') || 'none'}, not "auth"): this client ` +
                'only does authentication without a security layer (Kafka brokers offer it unless javax.security.sasl.qop was changed).',
              'GSSAPI_SECURITY_LAYER',
            );
          const reply = fromB64(await native(() => c.wrap(wrapInput(), { user: authzid })));
          ctx.info({
            step: 'security-layer-reply',
            chosenQop: 'auth',
            clientMaxBuffer: 0,
            authzid: authzid || 'none',
            sentBytes: reply.length,
          });
          phase = 'final';
          return reply;
        }
        case 'final':
          phase = 'done';
          if (received > 0) ctx.info({ step: 'final', receivedBytes: received });
          return null;
        default:
          return null;
      }
    },
  };
}
