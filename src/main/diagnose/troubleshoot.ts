/**
 * The troubleshoot runner: walks the handshake step by step for a profile-like config —
 * DNS → TCP → TLS → ApiVersions → SaslHandshake → SaslAuthenticate → Metadata → each
 * advertised broker — reporting each step (status, timing, details) as it goes, then the
 * findings of the diagnosis engine. Steps are read from the core's state and auth events;
 * after a failure it runs the probes that tell look-alike causes apart (TLS probe, peer chain).
 *
 * Progress: pass `onUpdate`, or iterate `troubleshootUpdates(config)`.
 */
import {
  ApiKey,
  Connection,
  KafkaConnectionError,
  parseBootstrap,
  RequestTimeoutError,
  UnsupportedVersionError,
  type BootstrapAddress,
  type BrokerNode,
  type CertSummary,
  type ConnectionEvent,
  type ConnectionOptions,
  type NegotiatedApi,
  type SaslOptions,
  type TlsOptions,
} from '../core';
import { advertisedFinding } from '../core/pool/advertised-check';
import { errorName } from '../core/protocol';
import { diagnose, plainMessage, type DiagnoseContext } from './engine';
import { hasErrors, type Finding } from './findings';
import { nestedErrors, type Observation } from './observations';
import { inspectPeerChain, probeTls } from './probes';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

export interface TroubleshootConfig {
  /** "host:port, host2:port" or a list of entries (parseBootstrap syntax). */
  bootstrap: string | readonly string[];
  securityProtocol: SecurityProtocol;
  /** Required with SASL_PLAINTEXT / SASL_SSL; ignored otherwise. Secrets stay here, never in events. */
  sasl?: SaslOptions | null;
  /** Used with SSL / SASL_SSL. */
  tls?: TlsOptions | null;
  clientId?: string;
  /** Setup budget of each connection (default 10 s). */
  connectTimeoutMs?: number;
  /** Timeout of each request (default 10 s); a late reply is waited for as long again. */
  requestTimeoutMs?: number;
  /** Topics to look up in Metadata (their per-topic errors show authorization problems). */
  topics?: readonly string[];
  /** Dial every broker Metadata advertises (default true). */
  checkBrokers?: boolean;
  /** Emit `frame` events (for the pcapng export). */
  captureFrames?: boolean;
  /** Keep TLS key log lines (for the SSLKEYLOGFILE export). */
  keyLog?: boolean;
  /** Follow-up probes after a failure (default true). */
  probes?: boolean;
  /** Expiry warning horizon for certificates, days (default 30). */
  expiryWarningDays?: number;
  /** Clock for certificate dates (tests). */
  now?: () => number;
}

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
export type HandshakeStepId = 'dns' | 'tcp' | 'tls' | 'apiVersions' | 'saslHandshake' | 'saslAuthenticate';
export type StepId = HandshakeStepId | 'metadata' | `broker:${number}`;

export interface Step {
  id: StepId;
  label: string;
  status: StepStatus;
  /** Which bootstrap address this step belongs to (handshake steps); null for the rest. */
  address: string | null;
  /** 0-based bootstrap attempt. */
  attempt: number;
  /** Wall clock when it started, ms. */
  startedAt: number | null;
  ms: number | null;
  /** One line: what it found, or why it failed / was skipped. */
  detail: string | null;
  /** Plain JSON facts (addresses, TLS details, mechanisms, versions…). */
  data: Record<string, unknown>;
}

export interface TlsSummary {
  protocol: string | null;
  cipher: string | null;
  servername: string | null;
  authorized: boolean;
  authorizationError: string | null;
  hostnameVerified: boolean;
  peerChain: CertSummary[];
}

export interface BrokerCheck {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
  isController: boolean;
  status: 'ok' | 'failed' | 'skipped';
  ms: number | null;
  error: string | null;
  failureKind: string | null;
  connectionId: string | null;
  tls: TlsSummary | null;
  /** Negotiated API versions (only APIs both sides know). */
  versions: NegotiatedApi[] | null;
}

export interface TopicCheck {
  name: string;
  errorCode: number;
  errorName: string | null;
}

export interface BootstrapAttempt {
  address: string;
  ok: boolean;
  connectionId: string | null;
  steps: Step[];
}

export interface TroubleshootResult {
  startedAt: number;
  finishedAt: number;
  ms: number;
  target: {
    bootstrap: string[];
    securityProtocol: SecurityProtocol;
    saslMechanism: string | null;
    username: string | null;
    clientId: string;
    tls: {
      caGiven: boolean;
      clientCert: boolean;
      servername: string | null;
      verifyCertificate: boolean;
      verifyHostname: boolean;
    } | null;
    topics: string[];
  };
  attempts: BootstrapAttempt[];
  /** The handshake steps of the last attempt, then Metadata, then one step per broker. */
  steps: Step[];
  /** What the bootstrap connection negotiated. */
  bootstrap: {
    address: string;
    connectionId: string;
    tls: TlsSummary | null;
    versions: NegotiatedApi[] | null;
    saslMechanism: string | null;
    sessionLifetimeMs: number | null;
  } | null;
  cluster: { clusterId: string | null; controllerId: number | null; brokers: BrokerNode[] } | null;
  brokers: BrokerCheck[];
  topics: TopicCheck[];
  events: ConnectionEvent[];
  observations: Observation[];
  findings: Finding[];
  /** SSLKEYLOGFILE lines of every TLS connection, when keyLog was on. */
  keyLog: string[];
  healthy: boolean;
}

export type TroubleshootUpdate =
  | { type: 'step'; step: Step }
  | { type: 'event'; event: ConnectionEvent }
  | { type: 'done'; result: TroubleshootResult };

export interface TroubleshootOptions {
  onUpdate?: (update: TroubleshootUpdate) => void;
  signal?: AbortSignal;
}

const HANDSHAKE: { id: HandshakeStepId; label: string }[] = [
  { id: 'dns', label: 'DNS lookup' },
  { id: 'tcp', label: 'TCP connect' },
  { id: 'tls', label: 'TLS handshake' },
  { id: 'apiVersions', label: 'ApiVersions' },
  { id: 'saslHandshake', label: 'SaslHandshake' },
  { id: 'saslAuthenticate', label: 'SaslAuthenticate' },
];

const STATE_STEP: Partial<Record<string, HandshakeStepId>> = {
  DNS: 'dns',
  TCP_CONNECT: 'tcp',
  TLS_HANDSHAKE: 'tls',
  APIVERSION_QUERY: 'apiVersions',
  AUTH_HANDSHAKE: 'saslHandshake',
  AUTH: 'saslAuthenticate',
};

const usesTls = (p: SecurityProtocol): boolean => p === 'SSL' || p === 'SASL_SSL';
const usesSasl = (p: SecurityProtocol): boolean => p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';

function addressOf(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

function tlsSummary(e: Extract<ConnectionEvent, { type: 'tls' }>): TlsSummary {
  return {
    protocol: e.protocol,
    cipher: e.cipherStandardName ?? e.cipher,
    servername: e.servername,
    authorized: e.authorized,
    authorizationError: e.authorizationError,
    hostnameVerified: e.hostnameVerified,
    peerChain: e.peerChain,
  };
}

/** APIs both sides implement (the client implements none of an API whose versions are all unstable). */
const usable = (apis: NegotiatedApi[]): NegotiatedApi[] =>
  apis.filter(
    (a) => a.clientMin !== null && a.clientMax !== null && a.clientMax >= a.clientMin && a.brokerMax !== null,
  );

/** Steps of one connection's handshake, driven by its events. */
class HandshakeTracker {
  readonly steps: Step[];
  private readonly startMono = new Map<HandshakeStepId, number>();

  constructor(
    readonly address: string,
    readonly attempt: number,
    tls: boolean,
    sasl: boolean,
    private readonly emit: (s: Step) => void,
  ) {
    this.steps = HANDSHAKE.map(({ id, label }) => ({
      id,
      label,
      status: 'pending',
      address,
      attempt,
      startedAt: null,
      ms: null,
      detail: null,
      data: {},
    }));
    if (!tls) this.set('tls', { status: 'skipped', detail: 'not a TLS security protocol' }, false);
    if (!sasl) {
      this.set('saslHandshake', { status: 'skipped', detail: 'not a SASL security protocol' }, false);
      this.set('saslAuthenticate', { status: 'skipped', detail: 'not a SASL security protocol' }, false);
    }
  }

  step(id: HandshakeStepId): Step {
    return this.steps.find((s) => s.id === id)!;
  }

  private set(id: HandshakeStepId, patch: Partial<Step>, emit = true): void {
    const s = this.step(id);
    Object.assign(s, patch);
    if (emit) this.emit({ ...s, data: { ...s.data } });
  }

  private start(id: HandshakeStepId, e: ConnectionEvent): void {
    this.startMono.set(id, e.mono);
    this.set(id, { status: 'running', startedAt: e.time });
  }

  private finish(
    id: HandshakeStepId,
    e: ConnectionEvent,
    status: 'ok' | 'failed',
    detail: string,
    data: Record<string, unknown> = {},
  ): void {
    const s = this.step(id);
    if (s.status !== 'running' && s.status !== 'pending') return;
    const started = this.startMono.get(id);
    this.set(id, {
      status,
      ms: started === undefined ? null : e.mono - started,
      detail,
      data: { ...s.data, ...data },
      startedAt: s.startedAt ?? e.time,
    });
  }

  private running(): HandshakeStepId | null {
    return this.steps.find((s) => s.status === 'running')?.id as HandshakeStepId | null;
  }

  on(e: ConnectionEvent): void {
    switch (e.type) {
      case 'state': {
        const id = STATE_STEP[e.to];
        if (id) this.start(id, e);
        if (e.to === 'READY') this.skipPending('not needed');
        return;
      }
      case 'dns':
        return this.finish('dns', e, 'ok', `${e.host} → ${e.addresses.map((a) => a.address).join(', ')}`, {
          host: e.host,
          addresses: e.addresses,
        });
      case 'tcp.connected':
        return this.finish(
          'tcp',
          e,
          'ok',
          `${e.localAddress}:${e.localPort} → ${e.remoteAddress}:${e.remotePort}`,
          {
            localAddress: e.localAddress,
            localPort: e.localPort,
            remoteAddress: e.remoteAddress,
            remotePort: e.remotePort,
          },
        );
      case 'tls': {
        const leaf = e.peerChain[0];
        return this.finish(
          'tls',
          e,
          'ok',
          `${e.protocol ?? 'TLS'} ${e.cipherStandardName ?? e.cipher ?? ''}; ${leaf ? `${leaf.subject}, valid until ${leaf.validTo.slice(0, 10)}` : 'no certificate'}${e.authorized ? '' : ` (not verified${e.authorizationError ? `: ${e.authorizationError}` : ''})`}`,
          { ...tlsSummary(e) },
        );
      }
      case 'versions': {
        const apis = usable(e.apis);
        return this.finish(
          'apiVersions',
          e,
          'ok',
          e.source === 'hint'
            ? `versions from hint ${e.hint}`
            : `ApiVersions v${e.requestVersion}: the broker lists ${apis.length} APIs this client knows`,
          { requestVersion: e.requestVersion, attempts: e.attempts, apiCount: apis.length },
        );
      }
      case 'auth.handshake':
        return this.finish(
          'saslHandshake',
          e,
          e.errorCode === 0 ? 'ok' : 'failed',
          e.errorCode === 0
            ? `${e.mechanism} accepted (v${e.handshakeVersion}); the listener enables ${e.enabledMechanisms.join(', ')}`
            : `${e.mechanism} refused (error ${e.errorCode}); the listener enables ${e.enabledMechanisms.join(', ') || 'none'}`,
          {
            mechanism: e.mechanism,
            handshakeVersion: e.handshakeVersion,
            enabledMechanisms: e.enabledMechanisms,
            errorCode: e.errorCode,
          },
        );
      case 'auth.success':
        return this.finish(
          'saslAuthenticate',
          e,
          'ok',
          `authenticated with ${e.mechanism} in ${e.rounds} round(s)${e.sessionLifetimeMs ? `; session lifetime ${Math.round(e.sessionLifetimeMs / 1000)} s` : ''}`,
          { mechanism: e.mechanism, rounds: e.rounds, sessionLifetimeMs: e.sessionLifetimeMs },
        );
      case 'auth.failure': {
        const id = this.running() ?? 'saslAuthenticate';
        return this.finish(id, e, 'failed', plainMessage(e.message), {
          errorCode: e.errorCode,
          brokerMessage: e.brokerMessage,
        });
      }
      case 'close': {
        const id = this.running();
        if (id) this.finish(id, e, 'failed', plainMessage(e.message), { kind: e.kind, reason: e.reason });
        this.skipPending('an earlier step failed');
        return;
      }
      default:
        return;
    }
  }

  skipPending(why: string): void {
    for (const s of this.steps)
      if (s.status === 'pending') this.set(s.id as HandshakeStepId, { status: 'skipped', detail: why });
  }
}

/** Runs the troubleshooting walk; resolves with every step, event, observation and finding. */
export async function troubleshoot(
  config: TroubleshootConfig,
  options: TroubleshootOptions = {},
): Promise<TroubleshootResult> {
  const run = new Run(config, options);
  return run.execute();
}

/** The same walk as an async iterator of updates; the last one is `{ type: 'done' }`. */
export async function* troubleshootUpdates(
  config: TroubleshootConfig,
  signal?: AbortSignal,
): AsyncGenerator<TroubleshootUpdate> {
  const queue: TroubleshootUpdate[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  let finished = false;
  const push = (u: TroubleshootUpdate): void => {
    queue.push(u);
    wake?.();
  };
  void troubleshoot(config, { onUpdate: push, ...(signal ? { signal } : {}) }).then(
    () => {
      finished = true;
      wake?.();
    },
    (err: unknown) => {
      failure = err;
      finished = true;
      wake?.();
    },
  );
  for (;;) {
    while (queue.length > 0) yield queue.shift()!;
    if (finished) {
      if (failure) throw failure;
      return;
    }
    await new Promise<void>((r) => (wake = r));
    wake = null;
  }
}

class Run {
  private readonly events: ConnectionEvent[] = [];
  private readonly observations: Observation[] = [];
  private readonly live = new Set<Connection>();
  private readonly keyLog: string[] = [];
  private readonly addresses: BootstrapAddress[];
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly config: TroubleshootConfig,
    private readonly options: TroubleshootOptions,
  ) {
    if (usesSasl(config.securityProtocol) && !config.sasl)
      throw new TypeError(`${config.securityProtocol} needs SASL settings (mechanism and credentials)`);
    this.addresses = parseBootstrap(config.bootstrap);
    this.connectTimeoutMs = config.connectTimeoutMs ?? 10_000;
    this.requestTimeoutMs = config.requestTimeoutMs ?? 10_000;
    this.now = config.now ?? Date.now;
  }

  private update(u: TroubleshootUpdate): void {
    try {
      this.options.onUpdate?.(u);
    } catch {
      // a failing progress display must not break the run
    }
  }

  private emitStep(s: Step): void {
    this.update({ type: 'step', step: { ...s, data: { ...s.data } } });
  }

  private connectionOptions(host: string, port: number, nodeId: number | null): ConnectionOptions {
    const c = this.config;
    const tls = usesTls(c.securityProtocol)
      ? { ...(c.tls ?? {}), ...(c.keyLog ? { keyLog: true } : {}) }
      : null;
    return {
      host,
      port,
      nodeId,
      clientId: c.clientId ?? 'brokerscope-probe',
      connectTimeoutMs: this.connectTimeoutMs,
      requestTimeoutMs: this.requestTimeoutMs,
      tls,
      sasl: usesSasl(c.securityProtocol) ? (c.sasl ?? null) : null,
      captureFrames: c.captureFrames ?? false,
    };
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  /** Connects, recording every event; resolves with the connection or the failure. */
  private async dial(
    host: string,
    port: number,
    nodeId: number | null,
    onEvent?: (e: ConnectionEvent) => void,
  ): Promise<{ conn: Connection; error: null } | { conn: Connection; error: KafkaConnectionError }> {
    const conn = new Connection(this.connectionOptions(host, port, nodeId));
    conn.on('event', (e) => {
      this.events.push(e);
      onEvent?.(e);
      this.update({ type: 'event', event: e });
    });
    this.live.add(conn);
    const onAbort = (): void => void conn.close();
    this.options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await conn.open();
      return { conn, error: null };
    } catch (err) {
      return { conn, error: err as KafkaConnectionError };
    } finally {
      this.options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async execute(): Promise<TroubleshootResult> {
    const startedAt = Date.now();
    const c = this.config;
    const attempts: BootstrapAttempt[] = [];
    let bootstrapConn: Connection | null = null;
    let bootstrapAddress: string | null = null;

    for (let i = 0; i < this.addresses.length && !bootstrapConn && !this.aborted; i++) {
      const a = this.addresses[i]!;
      const address = addressOf(a);
      const tracker = new HandshakeTracker(
        address,
        i,
        usesTls(c.securityProtocol),
        usesSasl(c.securityProtocol),
        (s) => this.emitStep(s),
      );
      for (const s of tracker.steps) this.emitStep(s);
      const { conn, error } = await this.dial(a.host, a.port, null, (e) => tracker.on(e));
      tracker.skipPending(error ? 'an earlier step failed' : 'not needed');
      attempts.push({ address, ok: !error, connectionId: conn.id, steps: tracker.steps });
      if (error) {
        await this.followUp(a.host, a.port, error);
        this.live.delete(conn);
        this.collectKeyLog(conn);
      } else {
        bootstrapConn = conn;
        bootstrapAddress = address;
      }
    }

    const finalSteps: Step[] = [...(attempts.at(-1)?.steps ?? [])];
    const metadataStep = this.newStep('metadata', 'Metadata', null);
    finalSteps.push(metadataStep);
    let cluster: TroubleshootResult['cluster'] = null;
    let topics: TopicCheck[] = [];
    const brokers: BrokerCheck[] = [];

    if (!bootstrapConn) {
      this.patch(metadataStep, {
        status: 'skipped',
        detail: this.aborted ? 'aborted' : 'no bootstrap address could be reached',
      });
    } else {
      const md = await this.metadata(bootstrapConn, metadataStep);
      cluster = md?.cluster ?? null;
      topics = md?.topics ?? [];
    }

    if (cluster && (c.checkBrokers ?? true) && !this.aborted) {
      const steps = cluster.brokers.map((b) =>
        this.newStep(`broker:${b.nodeId}`, `Broker ${b.nodeId} at ${addressOf(b)}`, null),
      );
      finalSteps.push(...steps);
      await Promise.all(
        cluster.brokers.map((b, i) =>
          this.checkBroker(b, cluster!.controllerId, steps[i]!, bootstrapAddress!).then(
            (r) => (brokers[i] = r),
          ),
        ),
      );
    } else if (cluster) {
      for (const b of cluster.brokers) {
        brokers.push({
          ...b,
          isController: b.nodeId === cluster.controllerId,
          status: 'skipped',
          ms: null,
          error: null,
          failureKind: null,
          connectionId: null,
          tls: null,
          versions: null,
        });
      }
    }

    let bootstrapInfo: TroubleshootResult['bootstrap'] = null;
    if (bootstrapConn) {
      const id = bootstrapConn.id;
      const tlsEv = this.events.find(
        (e): e is Extract<ConnectionEvent, { type: 'tls' }> => e.connectionId === id && e.type === 'tls',
      );
      bootstrapInfo = {
        address: bootstrapAddress!,
        connectionId: id,
        tls: tlsEv ? tlsSummary(tlsEv) : null,
        versions: bootstrapConn.versionTable ? usable(bootstrapConn.versionTable.describe()) : null,
        saslMechanism: bootstrapConn.options.saslMechanism,
        sessionLifetimeMs: bootstrapConn.saslSessionLifetimeMs,
      };
    }
    await this.closeAll();

    const context: DiagnoseContext = {
      securityProtocol: c.securityProtocol,
      saslMechanism: usesSasl(c.securityProtocol) ? (c.sasl?.mechanism ?? null) : null,
      username: usesSasl(c.securityProtocol) && c.sasl && 'username' in c.sasl ? c.sasl.username : null,
      clientId: c.clientId ?? 'brokerscope-probe',
    };
    let findings = diagnose({
      events: this.events,
      observations: this.observations,
      context,
      now: this.now(),
      ...(c.expiryWarningDays !== undefined ? { expiryWarningDays: c.expiryWarningDays } : {}),
    });
    // A dead bootstrap entry while another one worked: clients fall through to the next, so it is a warning.
    if (bootstrapAddress) {
      const failed = new Set(attempts.filter((a) => !a.ok).map((a) => a.address));
      findings = findings.map((f) =>
        f.broker && failed.has(f.broker) && f.severity === 'error'
          ? {
              ...f,
              severity: 'warning' as const,
              cause: `${f.cause} (Bootstrap entry ${f.broker} failed; ${bootstrapAddress} worked.)`,
            }
          : f,
      );
      findings.sort((a, b) =>
        a.severity === b.severity
          ? 0
          : a.severity === 'error'
            ? -1
            : b.severity === 'error'
              ? 1
              : a.severity === 'warning'
                ? -1
                : 1,
      );
    }

    const finishedAt = Date.now();
    const tlsOpts = usesTls(c.securityProtocol) ? (c.tls ?? {}) : null;
    const result: TroubleshootResult = {
      startedAt,
      finishedAt,
      ms: finishedAt - startedAt,
      target: {
        bootstrap: this.addresses.map(addressOf),
        securityProtocol: c.securityProtocol,
        saslMechanism: context.saslMechanism ?? null,
        username: context.username ?? null,
        clientId: context.clientId ?? 'brokerscope-probe',
        tls: tlsOpts
          ? {
              caGiven: tlsOpts.ca !== undefined,
              clientCert: tlsOpts.cert !== undefined || tlsOpts.pfx !== undefined,
              servername: tlsOpts.servername ?? null,
              verifyCertificate: tlsOpts.rejectUnauthorized !== false,
              verifyHostname: tlsOpts.verifyHostname !== false,
            }
          : null,
        topics: [...(c.topics ?? [])],
      },
      attempts,
      steps: finalSteps,
      bootstrap: bootstrapInfo,
      cluster,
      brokers,
      topics,
      events: this.events,
      observations: this.observations,
      findings,
      keyLog: this.keyLog,
      healthy: !hasErrors(findings),
    };
    this.update({ type: 'done', result });
    return result;
  }

  private newStep(id: StepId, label: string, address: string | null): Step {
    const s: Step = {
      id,
      label,
      status: 'pending',
      address,
      attempt: 0,
      startedAt: null,
      ms: null,
      detail: null,
      data: {},
    };
    this.emitStep(s);
    return s;
  }

  private patch(s: Step, patch: Partial<Step>): void {
    Object.assign(s, patch);
    this.emitStep(s);
  }

  /** After a failed handshake: the probes that tell look-alike causes apart. */
  private async followUp(host: string, port: number, error: KafkaConnectionError): Promise<void> {
    if (this.config.probes === false || this.aborted) return;
    const broker = addressOf({ host, port });
    const budget = Math.min(this.connectTimeoutMs, 3000);
    const tls = this.config.tls ?? {};
    if (
      error.kind === 'TLS_UNTRUSTED_CA' ||
      error.kind === 'TLS_HOSTNAME_MISMATCH' ||
      error.kind === 'TLS_CERT_EXPIRED'
    ) {
      const servername = tls.servername ?? host;
      const r = await inspectPeerChain(host, port, budget, {
        servername,
        ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
        ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
        ...(tls.key !== undefined ? { key: tls.key } : {}),
      });
      if (r)
        this.observations.push({
          type: 'peer-chain',
          time: Date.now(),
          broker,
          servername,
          authorizationError: r.authorizationError,
          chain: r.chain,
        });
      return;
    }
    const silentClose =
      error.state === 'APIVERSION_QUERY' &&
      !usesTls(this.config.securityProtocol) &&
      ((error.kind === 'PLAINTEXT_TO_TLS_LISTENER' && error.reason === 'CONNECTION_BROKEN') ||
        error.kind === 'CONNECTION_RESET');
    if (silentClose) {
      const r = await probeTls(host, port, budget);
      this.observations.push({
        type: 'tls-probe',
        time: Date.now(),
        broker,
        speaksTls: r.speaksTls,
        detail: r.detail,
      });
    }
  }

  private async metadata(
    conn: Connection,
    step: Step,
  ): Promise<{ cluster: NonNullable<TroubleshootResult['cluster']>; topics: TopicCheck[] } | null> {
    const started = performance.now();
    this.patch(step, { status: 'running', startedAt: Date.now() });
    const names = [...(this.config.topics ?? [])];
    try {
      const md = await conn.send(
        ApiKey.Metadata,
        { topics: names.map((name) => ({ name })), allowAutoTopicCreation: false },
        { timeoutMs: this.requestTimeoutMs },
      );
      this.nested(conn, ApiKey.Metadata, md);
      let brokers: BrokerNode[] = (
        md.brokers as { nodeId: number; host: string; port: number; rack?: string | null }[]
      ).map((b) => ({
        nodeId: b.nodeId,
        host: b.host,
        port: b.port,
        rack: b.rack ?? null,
      }));
      let controllerId: number | null = md.controllerId ?? null;
      let clusterId: string | null = md.clusterId ?? null;
      let describeCluster = 'not supported by the broker';
      if (conn.versionTable?.selected(ApiKey.DescribeCluster) != null) {
        try {
          const dc = await conn.send(
            ApiKey.DescribeCluster,
            { includeClusterAuthorizedOperations: false },
            { timeoutMs: this.requestTimeoutMs },
          );
          if (dc.errorCode === 0) {
            describeCluster = 'ok';
            controllerId = dc.controllerId;
            clusterId = dc.clusterId;
            brokers = (
              dc.brokers as { brokerId: number; host: string; port: number; rack: string | null }[]
            ).map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack }));
          } else {
            describeCluster = `error ${dc.errorCode}${dc.errorMessage ? `: ${dc.errorMessage}` : ''}`;
          }
        } catch (err) {
          describeCluster = `failed: ${(err as Error).message}`;
          if (err instanceof RequestTimeoutError) await this.awaitLateReply(conn);
        }
      }
      brokers.sort((a, b) => a.nodeId - b.nodeId);
      if (controllerId === -1) controllerId = null;
      const topics: TopicCheck[] = (md.topics as { name: string | null; errorCode: number }[]).map((t) => ({
        name: t.name ?? '',
        errorCode: t.errorCode,
        errorName: t.errorCode === 0 ? null : errorName(t.errorCode),
      }));
      const topicNote = topics.length
        ? `; topics: ${topics.map((t) => `${t.name} ${t.errorName ?? 'ok'}`).join(', ')}`
        : '';
      this.patch(step, {
        status: 'ok',
        ms: performance.now() - started,
        detail: `cluster ${clusterId ?? '?'}, ${brokers.length} broker(s), controller ${controllerId ?? 'unknown'}${topicNote}`,
        data: { clusterId, controllerId, brokers, topics, describeCluster },
      });
      return { cluster: { clusterId, controllerId, brokers }, topics };
    } catch (err) {
      if (err instanceof RequestTimeoutError) await this.awaitLateReply(conn);
      if (err instanceof UnsupportedVersionError) {
        this.observations.push({
          type: 'request-error',
          time: Date.now(),
          broker: conn.broker,
          connectionId: conn.id,
          apiName: 'Metadata',
          message: err.message,
        });
      }
      const message =
        err instanceof KafkaConnectionError ? plainMessage(err.message) : (err as Error).message;
      this.patch(step, {
        status: 'failed',
        ms: performance.now() - started,
        detail: message,
        data: { error: message },
      });
      return null;
    }
  }

  /** After a request timed out: wait (up to the late-reply grace) for its late reply or the close. */
  private awaitLateReply(conn: Connection): Promise<void> {
    if (conn.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        conn.off('event', onEvent);
        resolve();
      };
      const onEvent = (e: ConnectionEvent): void => {
        if (e.type === 'late-reply' || e.type === 'close') done();
      };
      const timer = setTimeout(done, this.requestTimeoutMs + 250);
      conn.on('event', onEvent);
    });
  }

  private nested(conn: Connection, apiKey: number, body: unknown): void {
    const errors = nestedErrors(body);
    if (errors.length === 0) return;
    const response = [...this.events]
      .reverse()
      .find((e) => e.connectionId === conn.id && e.type === 'response' && e.apiKey === apiKey) as
      Extract<ConnectionEvent, { type: 'response' }> | undefined;
    this.observations.push({
      type: 'nested-errors',
      time: Date.now(),
      broker: conn.broker,
      connectionId: conn.id,
      correlationId: response?.correlationId ?? -1,
      apiKey,
      apiName: response?.apiName ?? String(apiKey),
      errors,
    });
  }

  private async checkBroker(
    b: BrokerNode,
    controllerId: number | null,
    step: Step,
    bootstrap: string,
  ): Promise<BrokerCheck> {
    const started = performance.now();
    this.patch(step, { status: 'running', startedAt: Date.now() });
    const base = {
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      rack: b.rack,
      isController: b.nodeId === controllerId,
    };
    const { conn, error } = await this.dial(b.host, b.port, b.nodeId);
    const ms = performance.now() - started;
    const tlsEv = this.events.find(
      (e): e is Extract<ConnectionEvent, { type: 'tls' }> => e.connectionId === conn.id && e.type === 'tls',
    );
    if (error) {
      const network =
        error.kind === null ||
        ['DNS_FAILURE', 'CONNECTION_REFUSED', 'CONNECT_TIMEOUT', 'CONNECTION_RESET'].includes(error.kind);
      if (network) {
        const f = advertisedFinding({
          nodeId: b.nodeId,
          advertisedHost: b.host,
          advertisedPort: b.port,
          bootstrap,
          failureKind: error.kind,
          error: plainMessage(error.message),
        });
        this.observations.push({ type: 'advertised', time: Date.now(), connectionId: conn.id, check: f });
      } else {
        await this.followUp(b.host, b.port, error);
      }
      const detail = plainMessage(error.message);
      this.patch(step, { status: 'failed', ms, detail, data: { ...base, kind: error.kind } });
      this.live.delete(conn);
      this.collectKeyLog(conn);
      return {
        ...base,
        status: 'failed',
        ms,
        error: detail,
        failureKind: error.kind,
        connectionId: conn.id,
        tls: tlsEv ? tlsSummary(tlsEv) : null,
        versions: null,
      };
    }
    const versions = conn.versionTable ? usable(conn.versionTable.describe()) : null;
    const md = versions?.find((v) => v.apiKey === ApiKey.Metadata);
    this.patch(step, {
      status: 'ok',
      ms,
      detail: `ready in ${Math.round(ms)} ms${tlsEv ? `, ${tlsEv.protocol}` : ''}${md ? `, Metadata v${md.selected}` : ''}${b.nodeId === controllerId ? ', controller' : ''}`,
      data: { ...base, apiCount: versions?.length ?? 0 },
    });
    return {
      ...base,
      status: 'ok',
      ms,
      error: null,
      failureKind: null,
      connectionId: conn.id,
      tls: tlsEv ? tlsSummary(tlsEv) : null,
      versions,
    };
  }

  private collectKeyLog(conn: Connection): void {
    if (this.config.keyLog) this.keyLog.push(...conn.tlsKeyLog());
  }

  private async closeAll(): Promise<void> {
    const conns = [...this.live];
    this.live.clear();
    await Promise.all(
      conns.map(async (conn) => {
        await conn.close();
        this.collectKeyLog(conn);
      }),
    );
  }
}
