/**
 * The diagnosis engine: turns the events of a failed or slow connection attempt (a live
 * session's, an imported log's, or a troubleshoot run's, plus that run's observations)
 * into findings. Pure: no I/O; the clock only for certificate dates (`now`).
 *
 * It works from what the core classified at the source (close kinds), and reads the few
 * patterns the core cannot name from one event: a SASL listener closing on the first
 * request (SASL_REQUIRED), a silent close in reply to ApiVersions (BROKER_TOO_OLD unless
 * a TLS probe found TLS), authorization errors nested in replies, throttling and timeouts
 * across connections, and advertised listeners.
 */
import { isIP } from 'node:net';
import { ApiKey, apiName, type ConnectionEvent, type PoolEvent, type PoolStreamEvent } from '../core';
import { decodeResponse, errorName } from '../core/protocol';
import {
  FINDING_CATALOG,
  sortFindings,
  type Evidence,
  type Finding,
  type FindingCode,
  type Severity,
} from './findings';
import { nestedErrors, type NestedError, type Observation } from './observations';
import { isConnectionEvent, plainMessage, summarizeEvent } from './summary';

export { plainMessage };

export interface DiagnoseContext {
  /** What the client was configured with, when known: sharpens causes and fixes. */
  securityProtocol?: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL' | null;
  saslMechanism?: string | null;
  username?: string | null;
  clientId?: string | null;
}

export interface DiagnoseInput {
  events: readonly PoolStreamEvent[];
  observations?: readonly Observation[];
  context?: DiagnoseContext;
  /** Wall clock for certificate dates (default Date.now()). */
  now?: number;
  /** Warn when a certificate of the chain expires within this many days (default 30). */
  expiryWarningDays?: number;
}

const DAY = 86_400_000;
const MAX_EVIDENCE = 12;

type ByType<T extends ConnectionEvent['type']> = Extract<ConnectionEvent, { type: T }>;

interface ConnView {
  id: string;
  broker: string;
  events: ConnectionEvent[];
  close: ByType<'close'> | null;
  usedTls: boolean;
  usedSasl: boolean;
}

// ---------------------------------------------------------------- evidence helpers

export function evidenceOf(e: PoolStreamEvent): Evidence {
  if (isConnectionEvent(e)) {
    return {
      connectionId: e.connectionId,
      seq: e.seq,
      type: e.type,
      time: e.time,
      broker: e.broker,
      summary: summarizeEvent(e),
    };
  }
  return {
    connectionId: null,
    seq: null,
    type: e.type,
    time: e.time,
    broker: null,
    summary: summarizeEvent(e),
  };
}

export function observationSummary(o: Observation): string {
  switch (o.type) {
    case 'tls-probe':
      return `TLS probe of ${o.broker}: ${o.speaksTls === true ? 'the port speaks TLS' : o.speaksTls === false ? 'no TLS on the port' : 'no answer'} (${o.detail})`;
    case 'peer-chain': {
      const leaf = o.chain[0];
      return leaf
        ? `certificate presented by ${o.broker}: ${leaf.subject}, issued by ${leaf.issuer}, names ${leaf.subjectAltNames.join(', ') || 'no SAN'}, valid ${leaf.validFrom.slice(0, 10)} to ${leaf.validTo.slice(0, 10)}${o.authorizationError ? ` (${o.authorizationError})` : ''}`
        : `${o.broker} presented no certificate`;
    }
    case 'nested-errors':
      return `${o.apiName} #${o.correlationId} from ${o.broker}: ${o.errors.map((e) => `${e.resource ?? 'entry'} ${e.name ?? e.path} ${e.errorName} (${e.errorCode})`).join('; ')}`;
    case 'advertised':
      return `advertised-listener check: ${o.check.message}`;
    case 'request-error':
      return `${o.apiName} to ${o.broker} failed before it was sent: ${o.message}`;
  }
}

export function evidenceOfObservation(o: Observation): Evidence {
  const broker = o.type === 'advertised' ? o.check.advertised : o.broker;
  const connectionId = 'connectionId' in o ? o.connectionId : null;
  return {
    connectionId,
    seq: null,
    type: `observation:${o.type}`,
    time: o.time,
    broker,
    summary: observationSummary(o),
  };
}

function hostOf(broker: string): string {
  if (broker.startsWith('[')) return broker.slice(1, broker.indexOf(']'));
  const i = broker.lastIndexOf(':');
  return i < 0 ? broker : broker.slice(0, i);
}

/** Loopback names and addresses: they only mean the machine they are used on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'ip6-localhost' || h === 'ip6-loopback')
    return true;
  const family = isIP(h);
  if (family === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (family === 6) return h === '::1' || h === '::' || /^::ffff:127\./.test(h);
  return false;
}

function days(msLeft: number): string {
  const d = Math.round(Math.abs(msLeft) / DAY);
  return `${d} day${d === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------- finding set

/** Events in time order (per connection by seq); observations after the events of their moment. */
function byTime(a: Evidence, b: Evidence): number {
  if (a.connectionId !== null && a.connectionId === b.connectionId && a.seq !== null && b.seq !== null)
    return a.seq - b.seq;
  return (a.time ?? 0) - (b.time ?? 0);
}

interface Draft {
  code: FindingCode;
  severity?: Severity;
  cause: string;
  fix?: string;
  broker: string | null;
  evidence: Evidence[];
  details?: Record<string, unknown>;
  /** Merge key; default code + broker. */
  key?: string;
}

class FindingSet {
  private readonly map = new Map<string, Finding>();

  add(d: Draft): void {
    const key = d.key ?? `${d.code}|${d.broker ?? ''}`;
    const existing = this.map.get(key);
    if (existing) {
      for (const e of d.evidence) {
        if (existing.evidence.length >= MAX_EVIDENCE) break;
        if (
          !existing.evidence.some(
            (x) =>
              x.connectionId === e.connectionId &&
              x.seq === e.seq &&
              x.type === e.type &&
              x.summary === e.summary,
          )
        )
          existing.evidence.push(e);
      }
      if (d.severity === 'error' && existing.severity !== 'error') existing.severity = 'error';
      return;
    }
    const c = FINDING_CATALOG[d.code];
    this.map.set(key, {
      code: d.code,
      severity: d.severity ?? c.severity,
      category: c.category,
      title: c.title,
      cause: d.cause,
      evidence: d.evidence.slice(0, MAX_EVIDENCE),
      fix: d.fix ?? c.doc.fix,
      broker: d.broker,
      details: d.details ?? {},
    });
  }

  list(): Finding[] {
    for (const f of this.map.values()) f.evidence.sort(byTime);
    return sortFindings([...this.map.values()]);
  }
}

// ---------------------------------------------------------------- the engine

export function diagnose(input: DiagnoseInput): Finding[] {
  const now = input.now ?? Date.now();
  const warnWithin = (input.expiryWarningDays ?? 30) * DAY;
  const ctx = input.context ?? {};
  const observations = input.observations ?? [];
  const out = new FindingSet();

  const conns = groupConnections(input.events);
  const poolEvents = input.events.filter((e): e is PoolEvent => !isConnectionEvent(e));

  // Advertised listeners first: a connection to an unreachable advertised address is that finding, not a network one.
  const advertisedAddresses = advertisedFindings(out, poolEvents, observations, conns);

  for (const c of conns.values()) {
    certificateChecks(out, c, now, warnWithin);
    versionChecks(out, c, observations);
    warningChecks(out, c);
    if (c.close) closeFinding(out, c, c.close, observations, ctx, now, advertisedAddresses);
  }
  throttling(out, input.events, ctx);
  timeouts(out, conns);
  authorization(out, conns, observations, ctx);
  return out.list();
}

function groupConnections(events: readonly PoolStreamEvent[]): Map<string, ConnView> {
  const conns = new Map<string, ConnView>();
  for (const e of events) {
    if (!isConnectionEvent(e)) continue;
    let c = conns.get(e.connectionId);
    if (!c) {
      c = { id: e.connectionId, broker: e.broker, events: [], close: null, usedTls: false, usedSasl: false };
      conns.set(e.connectionId, c);
    }
    c.events.push(e);
  }
  for (const c of conns.values()) {
    c.events.sort((a, b) => a.seq - b.seq);
    for (const e of c.events) {
      if (e.type === 'close') c.close = e;
      else if (e.type === 'tls') c.usedTls = true;
      else if (e.type === 'state' && e.to === 'TLS_HANDSHAKE') c.usedTls = true;
      else if (e.type === 'state' && (e.to === 'AUTH_HANDSHAKE' || e.to === 'AUTH')) c.usedSasl = true;
      else if (e.type.startsWith('auth.')) c.usedSasl = true;
    }
  }
  return conns;
}

function find<T extends ConnectionEvent['type']>(
  c: ConnView,
  type: T,
  pred: (e: ByType<T>) => boolean = () => true,
): ByType<T> | undefined {
  return c.events.find((e): e is ByType<T> => e.type === type && pred(e as ByType<T>));
}

function findLast<T extends ConnectionEvent['type']>(
  c: ConnView,
  type: T,
  pred: (e: ByType<T>) => boolean = () => true,
): ByType<T> | undefined {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i]!;
    if (e.type === type && pred(e as ByType<T>)) return e as ByType<T>;
  }
  return undefined;
}

function enteredState(c: ConnView, state: string): ByType<'state'> | undefined {
  return findLast(c, 'state', (e) => e.to === state);
}

function ev(...events: (PoolStreamEvent | undefined)[]): Evidence[] {
  return events.filter((e): e is PoolStreamEvent => e !== undefined).map(evidenceOf);
}

// ---------------------------------------------------------------- TLS certificates

function certificateChecks(out: FindingSet, c: ConnView, now: number, warnWithin: number): void {
  const tls = find(c, 'tls');
  if (!tls) return;
  for (const cert of tls.peerChain) {
    const to = Date.parse(cert.validTo);
    const from = Date.parse(cert.validFrom);
    const role =
      cert === tls.peerChain[0]
        ? 'broker certificate'
        : cert.selfSigned
          ? 'root CA certificate'
          : 'intermediate CA certificate';
    const details = {
      subject: cert.subject,
      issuer: cert.issuer,
      validFrom: cert.validFrom,
      validTo: cert.validTo,
      fingerprint256: cert.fingerprint256,
    };
    if (to < now || from > now) {
      out.add({
        code: 'TLS_CERT_EXPIRED',
        severity: 'warning',
        broker: c.broker,
        key: `TLS_CERT_EXPIRED|${cert.fingerprint256}`,
        cause:
          to < now
            ? `The ${role} of ${c.broker} (${cert.subject}) expired on ${cert.validTo.slice(0, 10)}, ${days(now - to)} ago; the connection went through only because verification is off.`
            : `The ${role} of ${c.broker} (${cert.subject}) is not valid before ${cert.validFrom.slice(0, 10)}; the connection went through only because verification is off.`,
        evidence: ev(
          tls,
          find(c, 'warning', (w) => w.code === 'TLS_VERIFICATION_OFF'),
        ),
        details,
      });
    } else if (to - now < warnWithin) {
      out.add({
        code: 'TLS_CERT_EXPIRING',
        broker: c.broker,
        key: `TLS_CERT_EXPIRING|${cert.fingerprint256}`,
        cause: `The ${role} of ${c.broker} (${cert.subject}) expires on ${cert.validTo.slice(0, 10)}, in ${days(to - now)}.`,
        fix: `Renew ${cert.subject} before ${cert.validTo.slice(0, 10)}; from then on clients will fail the TLS handshake with ${c.broker}.`,
        evidence: ev(tls),
        details: { ...details, daysLeft: Math.floor((to - now) / DAY) },
      });
    }
  }
}

// ---------------------------------------------------------------- versions

/** APIs a Kafka client cannot do without; no common version of these is an error. */
const ESSENTIAL = new Set<number>([ApiKey.ApiVersions, ApiKey.Metadata]);
/** APIs producers and consumers use: no common version is worth saying. */
const COMMON = new Set<number>([
  ApiKey.Produce,
  ApiKey.Fetch,
  ApiKey.ListOffsets,
  ApiKey.FindCoordinator,
  ApiKey.JoinGroup,
  ApiKey.SyncGroup,
  ApiKey.Heartbeat,
  ApiKey.LeaveGroup,
  ApiKey.OffsetCommit,
  ApiKey.OffsetFetch,
  ApiKey.SaslHandshake,
  ApiKey.SaslAuthenticate,
  ApiKey.DescribeCluster,
]);

function versionChecks(out: FindingSet, c: ConnView, observations: readonly Observation[]): void {
  const v = find(c, 'versions');
  if (!v) return;
  const broken = v.apis.filter(
    (a) =>
      a.selected === null &&
      a.clientMin !== null &&
      a.clientMax !== null &&
      a.clientMax >= a.clientMin &&
      a.brokerMax !== null &&
      (ESSENTIAL.has(a.apiKey) || COMMON.has(a.apiKey)),
  );
  if (broken.length === 0) return;
  const essential = broken.some((a) => ESSENTIAL.has(a.apiKey));
  const requestErrors = observations.filter(
    (o): o is Extract<Observation, { type: 'request-error' }> =>
      o.type === 'request-error' && o.connectionId === c.id,
  );
  const close = c.close?.kind === 'NO_COMMON_VERSION' ? c.close : undefined;
  const list = broken
    .map((a) => `${a.name} (client v${a.clientMin}–v${a.clientMax}, broker v${a.brokerMin}–v${a.brokerMax})`)
    .join('; ');
  out.add({
    code: 'NO_COMMON_VERSION',
    severity: essential || close || requestErrors.length > 0 ? 'error' : 'warning',
    broker: c.broker,
    cause: `${c.broker} and this client share no version of ${list}.`,
    fix: essential
      ? `This client cannot talk to ${c.broker}: use a client that supports the broker's versions, or upgrade the broker.`
      : `Clients built like this one cannot use ${broken.map((a) => a.name).join(', ')} with ${c.broker}: upgrade the broker or use an older client.`,
    evidence: [...ev(v, close), ...requestErrors.map(evidenceOfObservation)],
    details: { apis: broken },
  });
}

// ---------------------------------------------------------------- warnings

function warningChecks(out: FindingSet, c: ConnView): void {
  for (const w of c.events) {
    if (w.type !== 'warning') continue;
    if (w.code === 'TLS_VERIFICATION_OFF' || w.code === 'TLS_HOSTNAME_VERIFICATION_OFF') {
      out.add({
        code: 'TLS_VERIFICATION_DISABLED',
        broker: null,
        cause:
          w.code === 'TLS_VERIFICATION_OFF'
            ? 'Certificate verification is off: the brokers are not authenticated, and a man in the middle would go unnoticed.'
            : 'Host-name verification is off: any certificate from a trusted CA is accepted for any broker.',
        evidence: ev(w),
        key: `TLS_VERIFICATION_DISABLED|${w.code}`,
      });
    } else if (w.code === 'PLAIN_WITHOUT_TLS') {
      out.add({
        code: 'PLAIN_WITHOUT_TLS',
        broker: null,
        cause: 'SASL PLAIN sends the password readable over a connection without TLS.',
        evidence: ev(w),
      });
    }
  }
}

// ---------------------------------------------------------------- closes

function tlsObservation<T extends 'tls-probe' | 'peer-chain'>(
  observations: readonly Observation[],
  type: T,
  broker: string,
): Extract<Observation, { type: T }> | undefined {
  return observations.find(
    (o): o is Extract<Observation, { type: T }> => o.type === type && o.broker === broker,
  );
}

const STEP_NAMES: Record<string, string> = {
  DNS: 'the DNS lookup',
  TCP_CONNECT: 'the TCP connect',
  TLS_HANDSHAKE: 'the TLS handshake',
  APIVERSION_QUERY: 'ApiVersions',
  AUTH_HANDSHAKE: 'SaslHandshake',
  AUTH: 'SASL authentication',
  READY: 'its requests',
};

function closeFinding(
  out: FindingSet,
  c: ConnView,
  close: ByType<'close'>,
  observations: readonly Observation[],
  ctx: DiagnoseContext,
  now: number,
  advertised: ReadonlySet<string>,
): void {
  if (close.reason === 'SHUTDOWN' || close.reason === 'IDLE_DROP') return;
  const broker = c.broker;
  const msg = plainMessage(close.message);
  const causeCode = close.cause?.code;
  const entered = enteredState(c, close.state);
  const add = (code: FindingCode, cause: string, extra: Partial<Draft> = {}): void =>
    out.add({
      code,
      broker,
      cause,
      evidence: [...ev(entered, close), ...(extra.evidence ?? [])],
      ...omitEvidence(extra),
    });
  const kind = close.kind;

  // A broker that advertises an address nobody can reach: reported once, as ADVERTISED_*.
  if (
    advertised.has(broker) &&
    (kind === 'DNS_FAILURE' ||
      kind === 'CONNECTION_REFUSED' ||
      kind === 'CONNECT_TIMEOUT' ||
      kind === 'CONNECTION_RESET')
  )
    return;

  switch (kind) {
    case 'DNS_FAILURE':
      return add(
        'DNS_FAILURE',
        `The host name "${hostOf(broker)}" does not resolve from this machine${causeCode ? ` (${causeCode})` : ''}.`,
      );
    case 'CONNECTION_REFUSED':
      return add(
        'CONNECTION_REFUSED',
        `${broker} refused the connection: nothing listens on that port, or a firewall rejects it.`,
      );
    case 'CONNECT_TIMEOUT': {
      const started = c.events[0];
      const total = started ? Math.round(close.mono - started.mono) : Math.round(close.msInState);
      if (close.state === 'TCP_CONNECT' || close.state === 'DNS' || causeCode) {
        return add(
          'CONNECT_TIMEOUT',
          causeCode && causeCode !== 'ETIMEDOUT'
            ? `${broker} cannot be reached from here (${causeCode}).`
            : `The TCP connection to ${broker} did not complete within ${total} ms: packets are dropped on the way (firewall, route, wrong address).`,
          {
            fix: 'Check routes, firewalls and security groups between here and the broker, and that the address is the broker’s.',
            details: { stalledIn: close.state, ms: total },
          },
        );
      }
      return add(
        'CONNECT_TIMEOUT',
        `${broker} accepted the TCP connection but never answered ${STEP_NAMES[close.state] ?? close.state} (gave up after ${total} ms).`,
        {
          fix: 'Check that this port is a Kafka listener (not a load balancer, proxy or other service that holds connections open) and that the broker is healthy; a slow broker needs a longer connect timeout.',
          details: { stalledIn: close.state, ms: total },
          evidence: ev(findLast(c, 'request.written')),
        },
      );
    }
    case 'PLAINTEXT_TO_TLS_LISTENER':
      if (close.reason === 'OUT_OF_SYNC' || c.usedTls) {
        const alert = msg.match(/TLS alert \(([^)]*)\)/)?.[1];
        return add(
          'PLAINTEXT_TO_TLS_LISTENER',
          `${broker} answered plaintext Kafka with ${alert ? `a TLS alert (${alert})` : 'TLS bytes'}: the listener expects TLS (SSL or SASL_SSL).`,
        );
      }
      return silentCloseOnApiVersions(out, c, close, observations, entered);
    case 'CONNECTION_RESET':
      if (close.state === 'APIVERSION_QUERY' && !c.usedTls)
        return silentCloseOnApiVersions(out, c, close, observations, entered);
      if (close.state === 'AUTH' || close.state === 'AUTH_HANDSHAKE') {
        return add(
          'SASL_AUTH_FAILED',
          `${broker} closed the connection during SASL authentication: it probably rejected the credentials.`,
        );
      }
      if (close.state === 'READY' && !c.usedSasl && saslRequiredPattern(c)) {
        const first = find(c, 'request.written', (w) => w.apiKey !== ApiKey.ApiVersions);
        return add(
          'SASL_REQUIRED',
          `${broker} closed the connection on the first request after ApiVersions (${first?.apiName ?? 'a request'}) without answering: the listener requires SASL and this client sent none.`,
          {
            evidence: ev(first),
            fix:
              ctx.securityProtocol === 'SSL'
                ? 'Use SASL_SSL with a mechanism the listener enables and valid credentials.'
                : 'Use SASL_PLAINTEXT (or SASL_SSL if the listener is TLS) with a mechanism the listener enables and valid credentials.',
          },
        );
      }
      return add(
        'CONNECTION_LOST',
        `${broker} closed the connection while ${STEP_NAMES[close.state] ?? close.state} ${close.state === 'READY' ? 'were pending' : 'was under way'}: ${msg}`,
        {
          evidence: ev(findLast(c, 'request.written')),
        },
      );
    case 'TLS_TO_PLAINTEXT_LISTENER':
      return add(
        'TLS_TO_PLAINTEXT_LISTENER',
        `${broker} did not answer the TLS handshake with TLS: the listener speaks plaintext (PLAINTEXT or SASL_PLAINTEXT).`,
      );
    case 'HTTP_PORT':
    case 'FRAME_TOO_LARGE':
      return add('NOT_KAFKA_PORT', `${broker} does not answer like a Kafka broker: ${msg}`);
    case 'CORRELATION_MISMATCH':
    case 'MALFORMED_RESPONSE':
      return add('PROTOCOL_ERROR', `The byte stream from ${broker} went out of sync: ${msg}`);
    case 'TLS_UNTRUSTED_CA': {
      const chain = tlsObservation(observations, 'peer-chain', broker);
      const leaf = chain?.chain[0];
      const top = chain?.chain.at(-1);
      return add(
        'TLS_UNTRUSTED_CA',
        leaf
          ? `The certificate of ${broker} (${leaf.subject}, issued by ${top?.selfSigned ? top.subject : leaf.issuer}) is not signed by a CA this client trusts${causeCode ? ` (${causeCode})` : ''}.`
          : `The certificate of ${broker} is not signed by a CA this client trusts${causeCode ? ` (${causeCode})` : ''}.`,
        { evidence: chain ? [evidenceOfObservation(chain)] : [], details: chainDetails(chain) },
      );
    }
    case 'TLS_HOSTNAME_MISMATCH': {
      const chain = tlsObservation(observations, 'peer-chain', broker);
      const names = chain?.chain[0]?.subjectAltNames ?? [];
      const expected =
        msg.match(/Host: ([^ ]+?)\.? is not/)?.[1] ??
        msg.match(/IP: ([^ ]+) is not/)?.[1] ??
        chain?.servername ??
        hostOf(broker);
      return add(
        'TLS_HOSTNAME_MISMATCH',
        `The certificate of ${broker} does not carry the name "${expected}"${names.length ? `; it names ${names.join(', ')}` : ''}.`,
        {
          evidence: chain ? [evidenceOfObservation(chain)] : [],
          details: { expected, ...chainDetails(chain) },
          fix: names.length
            ? `Connect with a name the certificate carries (${names.map((n) => n.replace(/^(DNS|IP Address):/, '')).join(', ')}), set --servername to one of them, or reissue the certificate with "${expected}" in its SubjectAltName.`
            : undefined,
        },
      );
    }
    case 'TLS_CERT_EXPIRED': {
      const chain = tlsObservation(observations, 'peer-chain', broker);
      const bad = chain?.chain.find((x) => Date.parse(x.validTo) < now || Date.parse(x.validFrom) > now);
      const notYet =
        causeCode === 'CERT_NOT_YET_VALID' || (bad !== undefined && Date.parse(bad.validFrom) > now);
      const cause = bad
        ? notYet
          ? `The certificate ${bad.subject} presented by ${broker} is not valid before ${bad.validFrom.slice(0, 10)} (in ${days(Date.parse(bad.validFrom) - now)}): check the clock of this machine and of the CA.`
          : `The certificate ${bad.subject} presented by ${broker} expired on ${bad.validTo.slice(0, 10)}, ${days(now - Date.parse(bad.validTo))} ago.`
        : notYet
          ? `The certificate of ${broker} is not valid yet: check its dates and this machine's clock.`
          : `The certificate of ${broker} has expired.`;
      return add('TLS_CERT_EXPIRED', cause, {
        evidence: chain ? [evidenceOfObservation(chain)] : [],
        details: chainDetails(chain),
      });
    }
    case 'TLS_CLIENT_CERT_REQUIRED':
      return add(
        'TLS_CLIENT_CERT_REQUIRED',
        `${broker} requires a client certificate (mutual TLS) and this client gave none.`,
      );
    case 'TLS_CLIENT_CERT_REJECTED':
      return add(
        'TLS_CLIENT_CERT_REJECTED',
        `${broker} rejected the client certificate${causeCode ? ` (${causeCode})` : ''}.`,
      );
    case 'TLS_ALERT':
    case 'TLS_CONFIG':
      return add('TLS_HANDSHAKE_FAILED', `The TLS handshake with ${broker} failed: ${msg}`);
    case 'SASL_MECHANISM_NOT_ENABLED': {
      const hs = findLast(c, 'auth.handshake');
      const enabled = hs?.enabledMechanisms ?? [];
      const mech = hs?.mechanism ?? ctx.saslMechanism ?? 'the requested mechanism';
      return add(
        'SASL_MECHANISM_NOT_ENABLED',
        hs
          ? `${broker} does not enable SASL mechanism ${mech}; it offers ${enabled.join(', ') || 'none'}.`
          : `This client cannot use SASL mechanism ${mech}: ${msg}`,
        {
          evidence: ev(
            findLast(c, 'response', (r) => r.apiKey === ApiKey.SaslHandshake),
            hs,
          ),
          details: { requested: mech, enabledMechanisms: enabled },
          fix: enabled.length
            ? `Use one of ${enabled.join(', ')} (e.g. --sasl-mechanism ${enabled[0]}), or add ${mech} to the listener's sasl.enabled.mechanisms.`
            : undefined,
        },
      );
    }
    case 'SASL_NOT_ENABLED_ON_LISTENER':
      return add(
        'SASL_NOT_ENABLED_ON_LISTENER',
        findLast(c, 'auth.handshake', (h) => h.errorCode === 34)
          ? `${broker} is not a SASL listener: it refused the SASL handshake with ILLEGAL_SASL_STATE (34).`
          : `${broker} does not take SASL: ${msg}`,
        {
          evidence: ev(
            findLast(c, 'response', (r) => r.apiKey === ApiKey.SaslHandshake),
            findLast(c, 'auth.handshake'),
          ),
          fix:
            ctx.securityProtocol === 'SASL_SSL'
              ? 'Use SSL for this port, or the broker’s SASL_SSL listener.'
              : 'Use PLAINTEXT (or SSL) for this port, or the broker’s SASL listener.',
        },
      );
    case 'SASL_AUTH_FAILED':
    case 'SASL_REQUIRED': {
      if (kind === 'SASL_REQUIRED') return add('SASL_REQUIRED', `${broker} requires SASL: ${msg}`);
      const failure = findLast(c, 'auth.failure');
      const mech = failure?.mechanism ?? ctx.saslMechanism ?? 'SASL';
      const who = ctx.username ? ` of user "${ctx.username}"` : '';
      return add(
        'SASL_AUTH_FAILED',
        failure?.brokerMessage
          ? `${broker} rejected the ${mech} credentials${who}: ${failure.brokerMessage}`
          : `${broker} rejected the ${mech} credentials${who}: ${failure ? plainMessage(failure.message) : msg}`,
        {
          evidence: ev(
            findLast(c, 'response', (r) => r.apiKey === ApiKey.SaslAuthenticate && r.errorCode !== 0),
            failure,
          ),
          details: { mechanism: mech, errorCode: failure?.errorCode ?? null },
        },
      );
    }
    case 'SCRAM_SERVER_SIGNATURE_MISMATCH':
      return add(
        'SCRAM_SERVER_SIGNATURE_MISMATCH',
        `${broker} (or something between) could not prove it knows the password: the SCRAM server signature does not match.`,
        {
          evidence: ev(findLast(c, 'auth.info'), findLast(c, 'auth.failure')),
        },
      );
    case 'OAUTH_TOKEN_REJECTED': {
      const failure = findLast(c, 'auth.failure');
      const challenge = oauthChallenge(failure?.message ?? msg);
      const said = challenge
        ? Object.entries(challenge)
            .map(([k, v]) => `${k} "${String(v)}"`)
            .join(', ')
        : null;
      return add(
        'OAUTH_TOKEN_REJECTED',
        failure?.errorCode == null && !challenge
          ? `No OAUTHBEARER token could be had for ${broker}: ${failure ? plainMessage(failure.message) : msg}`
          : `${broker} rejected the OAUTHBEARER token${said ? `: the broker's challenge says ${said}` : `: ${failure ? plainMessage(failure.message) : msg}`}.`,
        { evidence: ev(failure), details: challenge ? { challenge } : {} },
      );
    }
    case 'BROKER_TOO_OLD':
      return add('BROKER_TOO_OLD', `${broker} is too old for this client: ${msg}`);
    case 'NO_COMMON_VERSION':
      return; // versionChecks reports it from the versions event, with this close as evidence
    case 'REQUEST_TIMEOUT':
      return; // timeouts() reports it with the request.timeout events
    case null:
    default:
      if (kind?.startsWith('GSSAPI_')) {
        return add('KERBEROS_FAILED', `${broker}: ${msg}`, {
          evidence: ev(findLast(c, 'auth.failure')),
          fix: KERBEROS_FIXES[kind] ?? FINDING_CATALOG.KERBEROS_FAILED.doc.fix,
          details: { kind },
        });
      }
      if (close.reason === 'AUTH_FAILURE')
        return add('SASL_AUTH_FAILED', `${broker} failed the SASL exchange: ${msg}`, {
          evidence: ev(findLast(c, 'auth.failure')),
        });
      if (close.reason === 'CONNECTION_TIMEOUT') return add('CONNECT_TIMEOUT', `${broker}: ${msg}`);
      if (close.state === 'APIVERSION_QUERY' && c.usedTls) {
        return silentCloseOnApiVersions(out, c, close, observations, entered);
      }
      return add('CONNECTION_FAILED', `${broker}: ${msg}`);
  }
}

/** What to do about each Kerberos failure the core classifies. */
const KERBEROS_FIXES: Record<string, string> = {
  GSSAPI_UNAVAILABLE: 'Install the optional kerberos package (npm install kerberos) with the MIT Kerberos headers present (Debian: libkrb5-dev).',
  GSSAPI_NO_CREDENTIALS: 'Run kinit for the client principal, or give a keytab in the profile.',
  GSSAPI_KDC_UNREACHABLE: 'Check the KDC address for the realm in krb5.conf ([realms] kdc = …) and that this machine can reach it (UDP/TCP 88).',
  GSSAPI_UNKNOWN_SERVICE_PRINCIPAL: 'Use the broker’s sasl.kerberos.service.name as the service name and its host name as the service host: service/host@REALM must exist in the KDC.',
  GSSAPI_UNKNOWN_CLIENT: 'Check the client principal: it must exist in the KDC, with the key that is in the keytab.',
  GSSAPI_CLOCK_SKEW: 'Synchronise this machine’s clock with the KDC (NTP): Kerberos allows 5 minutes of skew.',
  GSSAPI_WRONG_REALM: 'Map the broker’s host to its realm in krb5.conf ([domain_realm]) and use a principal of a realm krb5.conf knows.',
  GSSAPI_KEY_MISMATCH: 'The keytab is stale: export a fresh one (ktadd) for the principal.',
};

/** The JSON error challenge (RFC 7628) the core quotes in its message, when there is one. */
function oauthChallenge(message: string): Record<string, unknown> | null {
  const m =
    message.match(/the broker rejected the token: (\{.*?\})\)?$/) ?? message.match(/(\{"status".*?\})/);
  if (!m) return null;
  try {
    const v = JSON.parse(m[1]!) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function omitEvidence(d: Partial<Draft>): Partial<Draft> {
  const { evidence: _e, ...rest } = d;
  return rest;
}

function chainDetails(
  chain: Extract<Observation, { type: 'peer-chain' }> | undefined,
): Record<string, unknown> {
  if (!chain) return {};
  return {
    peerChain: chain.chain.map((x) => ({
      subject: x.subject,
      issuer: x.issuer,
      subjectAltNames: x.subjectAltNames,
      validFrom: x.validFrom,
      validTo: x.validTo,
    })),
  };
}

/** Reached READY without SASL, wrote a non-ApiVersions request, and no reply came before the broker closed. */
function saslRequiredPattern(c: ConnView): boolean {
  const ready = c.events.findIndex((e) => e.type === 'state' && e.to === 'READY');
  if (ready < 0) return false;
  const after = c.events.slice(ready);
  const wrote = after.some((e) => e.type === 'request.written' && e.apiKey !== ApiKey.ApiVersions);
  const answered = after.some((e) => e.type === 'response');
  return wrote && !answered;
}

/**
 * The broker closed the connection in reply to ApiVersions without a byte: a broker before
 * 0.10 does that, and so might a TLS listener that drops plaintext silently. A TLS probe of
 * the port (troubleshoot runner) tells them apart.
 */
function silentCloseOnApiVersions(
  out: FindingSet,
  c: ConnView,
  close: ByType<'close'>,
  observations: readonly Observation[],
  entered: ByType<'state'> | undefined,
): void {
  const broker = c.broker;
  const probe = tlsObservation(observations, 'tls-probe', broker);
  const evidence = [
    ...ev(
      entered,
      findLast(c, 'request.written', (w) => w.apiKey === ApiKey.ApiVersions),
      close,
    ),
    ...(probe ? [evidenceOfObservation(probe)] : []),
  ];
  if (!c.usedTls && probe?.speaksTls === true) {
    out.add({
      code: 'PLAINTEXT_TO_TLS_LISTENER',
      broker,
      cause: `${broker} closed the plaintext connection in reply to ApiVersions, and a TLS probe of the port got a TLS answer: the listener expects TLS (SSL or SASL_SSL).`,
      evidence,
    });
    return;
  }
  const tail = c.usedTls
    ? ' (or it wants a client certificate it did not get).'
    : probe?.speaksTls === false
      ? '; a TLS probe found no TLS on the port.'
      : ', or the listener expects TLS and drops plaintext silently.';
  out.add({
    code: 'BROKER_TOO_OLD',
    broker,
    cause: `${broker} closed the connection in reply to ApiVersions without answering: brokers older than Kafka 0.10 do this${tail}`,
    evidence,
  });
}

// ---------------------------------------------------------------- advertised listeners

function advertisedFindings(
  out: FindingSet,
  pool: readonly PoolEvent[],
  observations: readonly Observation[],
  conns: ReadonlyMap<string, ConnView>,
): Set<string> {
  const addresses = new Set<string>();
  const checks: { check: Extract<Observation, { type: 'advertised' }>['check']; evidence: Evidence[] }[] = [];
  for (const e of pool) {
    if (e.type !== 'pool.advertised-check') continue;
    for (const f of e.findings) checks.push({ check: f, evidence: [evidenceOf(e)] });
  }
  for (const o of observations) {
    if (o.type !== 'advertised') continue;
    const conn = o.connectionId ? conns.get(o.connectionId) : undefined;
    checks.push({
      check: o.check,
      evidence: [evidenceOfObservation(o), ...(conn?.close ? [evidenceOf(conn.close)] : [])],
    });
  }
  for (const { check, evidence } of checks) {
    addresses.add(check.advertised);
    const host = hostOf(check.advertised);
    const loopback = isLoopbackHost(host);
    const how =
      check.failureKind === 'DNS_FAILURE'
        ? 'does not resolve'
        : check.failureKind === 'CONNECTION_REFUSED'
          ? 'refuses connections'
          : check.failureKind === 'CONNECT_TIMEOUT'
            ? 'does not answer'
            : 'cannot be reached';
    out.add({
      code: loopback ? 'ADVERTISED_LISTENER_LOCALHOST' : 'ADVERTISED_LISTENER_UNREACHABLE',
      broker: check.advertised,
      cause: loopback
        ? `Broker ${check.nodeId} advertises ${check.advertised}, a loopback address that only works on the broker's own host: from here it ${how}, while bootstrap ${check.bootstrap} works.`
        : `Broker ${check.nodeId} advertises ${check.advertised}, which ${how} from here${check.failureKind ? ` (${check.failureKind})` : ''}, while bootstrap ${check.bootstrap} works.`,
      fix: loopback
        ? `Set advertised.listeners of broker ${check.nodeId} to its real host name or IP (not ${host}); in containers, advertise the name clients use.`
        : `Set advertised.listeners of broker ${check.nodeId} to an address clients can resolve and reach (one listener per network if clients are inside and outside), or make ${check.advertised} reachable from here.`,
      evidence,
      details: {
        nodeId: check.nodeId,
        advertised: check.advertised,
        bootstrap: check.bootstrap,
        failureKind: check.failureKind,
      },
    });
  }
  return addresses;
}

// ---------------------------------------------------------------- load

function throttling(out: FindingSet, events: readonly PoolStreamEvent[], ctx: DiagnoseContext): void {
  const throttles = events.filter((e): e is ByType<'throttle'> => e.type === 'throttle');
  if (throttles.length === 0) return;
  const max = Math.max(...throttles.map((t) => t.throttleTimeMs));
  const total = throttles.reduce((s, t) => s + t.throttleTimeMs, 0);
  const apis = [...new Set(throttles.map((t) => t.apiName))];
  const brokers = [...new Set(throttles.map((t) => t.broker))];
  const who = [
    ctx.username ? `user "${ctx.username}"` : null,
    ctx.clientId ? `client id "${ctx.clientId}"` : null,
  ]
    .filter(Boolean)
    .join(' / ');
  out.add({
    code: 'THROTTLED',
    broker: brokers.length === 1 ? brokers[0]! : null,
    cause: `The broker throttled ${throttles.length} repl${throttles.length === 1 ? 'y' : 'ies'} (${apis.join(', ')}) by up to ${max} ms: a quota applies${who ? ` to ${who}` : ''}.`,
    fix: `Check the quotas for ${who || 'this user and client id'} (kafka-configs --describe --entity-type users/clients); raise them or send fewer requests.`,
    evidence: throttles.slice(0, 5).map(evidenceOf),
    details: { count: throttles.length, maxThrottleMs: max, totalThrottleMs: total, apis, brokers },
  });
}

function timeouts(out: FindingSet, conns: ReadonlyMap<string, ConnView>): void {
  const timedOut: ByType<'request.timeout'>[] = [];
  const late: ByType<'late-reply'>[] = [];
  const dead: ByType<'close'>[] = [];
  for (const c of conns.values()) {
    for (const e of c.events) {
      if (e.type === 'request.timeout') timedOut.push(e);
      else if (e.type === 'late-reply') late.push(e);
      else if (e.type === 'close' && e.kind === 'REQUEST_TIMEOUT') dead.push(e);
    }
  }
  if (timedOut.length === 0 && dead.length === 0) return;
  const apis = [...new Set(timedOut.map((t) => t.apiName))];
  const limit = timedOut.length ? Math.max(...timedOut.map((t) => t.timeoutMs)) : null;
  const maxLate = late.length ? Math.max(...late.map((l) => l.lateByMs)) : 0;
  const brokers = [...new Set([...timedOut, ...dead].map((t) => t.broker))];
  const parts = [
    timedOut.length
      ? `${timedOut.length} request${timedOut.length === 1 ? '' : 's'} (${apis.join(', ')}) got no reply within ${limit} ms`
      : `requests to ${brokers.join(', ')} went unanswered`,
  ];
  if (late.length)
    parts.push(
      `${late.length} repl${late.length === 1 ? 'y' : 'ies'} came later, up to ${Math.round(maxLate)} ms late: the broker is slow, not gone`,
    );
  if (dead.length)
    parts.push(
      `${[...new Set(dead.map((d) => d.broker))].join(', ')} was then taken for dead and the connection closed`,
    );
  out.add({
    code: 'REQUEST_TIMEOUTS',
    broker: brokers.length === 1 ? brokers[0]! : null,
    cause: `${parts.join('; ')}.`,
    fix: late.length
      ? `Replies do arrive, ${Math.round(maxLate)} ms after the timeout: raise the request timeout above ${Math.ceil(((limit ?? 0) + maxLate) / 1000)} s, and look at broker load (GC pauses, slow disks, saturated network).`
      : undefined,
    evidence: [...timedOut.slice(0, 4), ...late.slice(0, 4), ...dead.slice(0, 2)].map(evidenceOf),
    details: {
      timeouts: timedOut.length,
      lateReplies: late.length,
      maxLateByMs: maxLate,
      timeoutMs: limit,
      apis,
      brokers,
    },
  });
}

// ---------------------------------------------------------------- authorization

const MAX_DECODED_FRAME = 1 << 20;

interface Denial {
  api: string;
  resource: string;
  name: string | null;
  errorCode: number;
  errorName: string;
  broker: string;
  evidence: Evidence;
  key: string;
}

function isAuthzCode(code: number): boolean {
  return errorName(code).endsWith('_AUTHORIZATION_FAILED');
}

function resourceOfCode(code: number): string {
  const n = errorName(code);
  return n === 'TOPIC_AUTHORIZATION_FAILED'
    ? 'topic'
    : n === 'GROUP_AUTHORIZATION_FAILED'
      ? 'group'
      : n === 'CLUSTER_AUTHORIZATION_FAILED'
        ? 'cluster'
        : n === 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED'
          ? 'transactional id'
          : n
              .replace(/_AUTHORIZATION_FAILED$/, '')
              .toLowerCase()
              .replace(/_/g, ' ');
}

function authorization(
  out: FindingSet,
  conns: ReadonlyMap<string, ConnView>,
  observations: readonly Observation[],
  ctx: DiagnoseContext,
): void {
  const denials: Denial[] = [];
  const seen = new Set<string>();
  const push = (d: Denial): void => {
    if (seen.has(d.key)) return;
    seen.add(d.key);
    denials.push(d);
  };
  for (const c of conns.values()) {
    for (const e of c.events) {
      if (e.type === 'response' && e.errorCode !== 0 && isAuthzCode(e.errorCode)) {
        push({
          api: e.apiName,
          resource: resourceOfCode(e.errorCode),
          name: null,
          errorCode: e.errorCode,
          errorName: errorName(e.errorCode),
          broker: c.broker,
          evidence: evidenceOf(e),
          key: `${c.id}|${e.correlationId}|`,
        });
      } else if (
        e.type === 'frame' &&
        e.direction === 'in' &&
        e.apiKey !== null &&
        e.apiVersion !== null &&
        !e.redacted &&
        e.size <= MAX_DECODED_FRAME
      ) {
        for (const n of decodeNested(e.apiKey, e.apiVersion, e.data)) {
          if (!isAuthzCode(n.errorCode)) continue;
          push(
            nestedDenial(
              apiName(e.apiKey),
              n,
              c.broker,
              evidenceOf(e),
              `${c.id}|${e.correlationId}|${n.path}`,
            ),
          );
        }
      }
    }
  }
  for (const o of observations) {
    if (o.type !== 'nested-errors') continue;
    for (const n of o.errors) {
      if (!isAuthzCode(n.errorCode)) continue;
      push(
        nestedDenial(
          o.apiName,
          n,
          o.broker,
          evidenceOfObservation(o),
          `${o.connectionId}|${o.correlationId}|${n.path}`,
        ),
      );
    }
  }
  if (denials.length === 0) return;
  const onlyDescribeCluster = denials.every((d) => d.api === 'DescribeCluster');
  const principal = ctx.username ? `User:${ctx.username}` : null;
  const list = denials.map(
    (d) => `${d.api}: ${d.resource}${d.name ? ` "${d.name}"` : ''} ${d.errorName} (${d.errorCode})`,
  );
  const uniqueList = [...new Set(list)];
  const topics = [...new Set(denials.filter((d) => d.resource === 'topic' && d.name).map((d) => d.name!))];
  const groups = [...new Set(denials.filter((d) => d.resource === 'group' && d.name).map((d) => d.name!))];
  const acl = (op: string, what: string): string =>
    `kafka-acls --bootstrap-server … --add --allow-principal ${principal ?? 'User:NAME'} --operation ${op} ${what}`;
  const fixes = [
    ...topics.map((t) => acl('Describe', `--topic ${t}`)),
    ...groups.map((g) => acl('Read', `--group ${g}`)),
    ...(denials.some((d) => d.resource === 'cluster') ? [acl('Describe', '--cluster')] : []),
  ];
  out.add({
    code: 'AUTHORIZATION_FAILED',
    severity: onlyDescribeCluster ? 'warning' : 'error',
    broker: null,
    cause: `${principal ? `The principal ${principal}` : 'This client'} is not authorized: ${uniqueList.slice(0, 6).join('; ')}${uniqueList.length > 6 ? ` and ${uniqueList.length - 6} more` : ''}.`,
    fix: fixes.length
      ? `Ask the cluster admin for the ACLs (e.g. ${fixes.slice(0, 3).join('; ')}), or use a principal that has them.`
      : undefined,
    evidence: denials.slice(0, MAX_EVIDENCE).map((d) => d.evidence),
    details: {
      denied: denials.map(({ api, resource, name, errorCode, errorName: n, broker }) => ({
        api,
        resource,
        name,
        errorCode,
        errorName: n,
        broker,
      })),
    },
  });
}

function nestedDenial(api: string, n: NestedError, broker: string, evidence: Evidence, key: string): Denial {
  return {
    api,
    resource: n.resource ?? resourceOfCode(n.errorCode),
    name: n.name,
    errorCode: n.errorCode,
    errorName: n.errorName,
    broker,
    evidence,
    key,
  };
}

function decodeNested(apiKey: number, apiVersion: number, data: string): NestedError[] {
  try {
    const bytes = Buffer.from(data, 'base64');
    return nestedErrors(decodeResponse(apiKey, apiVersion, bytes.subarray(4)).body);
  } catch {
    return [];
  }
}
