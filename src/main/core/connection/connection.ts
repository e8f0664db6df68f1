/**
 * One connection to one Kafka broker: DNS, TCP, TLS, ApiVersions, SASL, then requests
 * pipelined and matched to replies in strict FIFO order. Everything it does is reported
 * on one typed event stream; nothing in it imports Electron.
 */
import { EventEmitter } from 'node:events';
import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import {
  API_TABLE,
  ApiKey,
  apiName,
  decodeResponse,
  encodeRequestFrame,
  errorName,
  peekCorrelationId,
  ProtocolError,
} from '../protocol';
import { authenticate, type AuthLink } from '../auth/sasl-handshake';
import { SaslAuthenticationError } from '../auth/mechanism';
import type { ConnectionEvent, ConnectionEventBody } from '../observe/events';
import { StatsCounters, type ConnectionStats } from '../observe/stats';
import { captureRawToken, captureRequest, captureResponse, type CapturedFrame } from '../observe/frame-capture';
import { CloseReason } from './close-reason';
import { Deque } from './deque';
import {
  CorrelationIdError,
  KafkaConnectionError,
  RequestTimeoutError,
  serializeCause,
  UnsupportedVersionError,
} from './errors';
import { classifySocketError, type FailureKind } from './failure-kind';
import { FrameReader, FrameSizeError } from './frame-reader';
import { legacyTableFor } from './legacy-versions';
import { resolveOptions, type ConnectionOptions, type ResolvedOptions } from './options';
import { PendingRequest, type InFlightSnapshot } from './pending-request';
import { sniffBytes } from './sniff';
import { ConnState, StateTracker } from './states';
import { nodeTlsOptions, summariseChain } from './tls-details';
import { VersionTable } from './version-table';

export interface SendOptions {
  /** Use this version instead of the negotiated one. */
  version?: number;
  timeoutMs?: number;
  /** False for requests the broker never answers (acks=0 Produce): resolves once written. */
  expectResponse?: boolean;
  /** Told the request's correlation id and connection as soon as it is queued (must not throw). */
  onQueued?: (correlationId: number, connectionId: string) => void;
}

export type ConnectOptions = ConnectionOptions & {
  /** Subscribed before the first step, so the whole handshake is seen. */
  onEvent?: (event: ConnectionEvent) => void;
};

const UNSUPPORTED_VERSION = 35;
const RESOLVED = Promise.resolve();
const REAUTH_FRACTION = 0.85;
const MAX_CORRELATION_ID = 0x7fffffff;

interface CloseDetails {
  cause?: unknown;
  kind?: FailureKind | null;
}

// Typed overloads for the EventEmitter methods, merged into the class below.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Connection {
  on(event: 'event', listener: (event: ConnectionEvent) => void): this;
  on(event: 'close', listener: (reason: CloseReason, cause: KafkaConnectionError) => void): this;
  on(event: 'newListener' | 'removeListener', listener: (name: string | symbol) => void): this;
  off(event: 'event', listener: (event: ConnectionEvent) => void): this;
  off(event: 'close', listener: (reason: CloseReason, cause: KafkaConnectionError) => void): this;
  once(event: 'close', listener: (reason: CloseReason, cause: KafkaConnectionError) => void): this;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Connection extends EventEmitter {
  /** Connects and resolves once READY; rejects with a KafkaConnectionError saying what failed where. */
  static async connect(options: ConnectOptions): Promise<Connection> {
    const conn = new Connection(options);
    if (options.onEvent) conn.on('event', options.onEvent);
    await conn.open();
    return conn;
  }

  readonly id: string = randomUUID();
  readonly options: Readonly<Omit<ResolvedOptions, 'sasl' | 'tls'>> & { readonly tlsEnabled: boolean; readonly saslMechanism: string | null };
  private readonly opts: ResolvedOptions;
  private readonly brokerLabel: string;
  private readonly lookup: (host: string) => Promise<{ address: string; family: number }[]>;
  private readonly tracker = new StateTracker();
  private readonly counters = new StatsCounters();
  private readonly createdAt = performance.now();
  private readonly reader: FrameReader;
  private readonly queue = new Deque<PendingRequest>();
  private readonly inflight = new Deque<PendingRequest>();
  private socket: Socket | null = null;
  private table: VersionTable | null = null;
  private nextCorrelationId: number;
  private seq = 0;
  private opened = false;
  private closeError: KafkaConnectionError | null = null;
  private rejectClosed!: (err: KafkaConnectionError) => void;
  private readonly closedSignal: Promise<never>;
  private socketGone: Promise<void> = Promise.resolve();
  private rawWaiter: { resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private writable = true;
  private flushScheduled = false;
  private throttledUntil = 0;
  private lastActivity = performance.now();
  /** When the chunk being processed arrived: one clock read per chunk, not per frame. */
  private rxAt = 0;
  private sessionLifetimeMs: number | null = null;
  private readonly keyLogLines: string[] = [];
  private setupTimer: NodeJS.Timeout | null = null;
  private reauthTimer: NodeJS.Timeout | null = null;
  /** Resolves when the last in-flight request is answered, while re-authenticating. */
  private drained: (() => void) | null = null;
  private deadlineTimer: NodeJS.Timeout | null = null;
  private deadlineAt = Infinity;
  private idleTimer: NodeJS.Timeout | null = null;
  private throttleTimer: NodeJS.Timeout | null = null;

  constructor(options: ConnectionOptions & { firstCorrelationId?: number }) {
    super();
    this.opts = resolveOptions(options);
    const { sasl: _sasl, tls, ...rest } = this.opts;
    this.options = Object.freeze({ ...rest, tlsEnabled: tls !== null, saslMechanism: this.opts.sasl?.mechanism ?? null });
    this.brokerLabel = `${this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host}:${this.opts.port}`;
    this.lookup = options.lookup ?? ((host) => dnsLookup(host, { all: true }));
    this.reader = new FrameReader(this.opts.maxFrameBytes);
    this.nextCorrelationId = (options.firstCorrelationId ?? 0) & MAX_CORRELATION_ID;
    this.closedSignal = new Promise<never>((_, reject) => (this.rejectClosed = reject));
    this.closedSignal.catch(() => undefined);
    this.on('newListener', (name: string | symbol) => {
      if (name === 'event') this.observed = true;
    });
    this.on('removeListener', (name: string | symbol) => {
      if (name === 'event') this.observed = this.listenerCount('event') > 0;
    });
  }

  get state(): ConnState {
    return this.tracker.state;
  }

  get broker(): string {
    return this.brokerLabel;
  }

  /** The broker's supported range per API key (empty until ApiVersions answered). */
  get versions(): ReadonlyMap<number, { min: number; max: number }> {
    return this.table?.broker ?? new Map();
  }

  /** The negotiated table, with client and broker ranges per API. */
  get versionTable(): VersionTable | null {
    return this.table;
  }

  /** KIP-368 session lifetime the broker gave at authentication, if any. */
  get saslSessionLifetimeMs(): number | null {
    return this.sessionLifetimeMs;
  }

  /** The highest version of apiKey that both this client and the broker implement. */
  pickVersion(apiKey: number): number {
    if (!this.table) throw new UnsupportedVersionError(apiKey, `${apiName(apiKey)}: the broker's versions are not known yet (state ${this.state})`);
    return this.table.pick(apiKey);
  }

  /** Requests waiting in the queue and on the wire, oldest first. */
  inFlight(): InFlightSnapshot[] {
    const out: InFlightSnapshot[] = [];
    for (const r of this.inflight) out.push(r.snapshot());
    for (const r of this.queue) out.push(r.snapshot());
    return out;
  }

  /** TLS key log lines (NSS format) when tls.keyLog was on. Secret material: export only on request. */
  tlsKeyLog(): readonly string[] {
    return this.keyLogLines;
  }

  /** The close error, once closed. */
  get closed(): KafkaConnectionError | null {
    return this.closeError;
  }

  stats(): ConnectionStats {
    const c = this.counters;
    const now = performance.now();
    return {
      connectionId: this.id,
      broker: this.brokerLabel,
      nodeId: this.opts.nodeId,
      state: this.state,
      stateAgeMs: this.tracker.msInState(now),
      ageMs: now - this.createdAt,
      queued: this.queue.length,
      inFlight: this.inflight.length,
      txBytes: c.txBytes,
      rxBytes: c.rxBytes,
      txRequests: c.txRequests,
      rxResponses: c.rxResponses,
      requestsByApi: c.byApi(),
      errorsByCode: c.byError(),
      timeouts: c.timeouts,
      lateReplies: c.lateReplies,
      throttleEvents: c.throttleEvents,
      throttleTimeMsTotal: c.throttleTimeMsTotal,
      connects: c.connects,
      disconnects: c.disconnects,
      rttUs: c.rtt.snapshot(),
    };
  }

  /** Every state entered so far with the time spent there. */
  stateHistory(): ReturnType<StateTracker['history']> {
    return this.tracker.history();
  }

  // ---------------------------------------------------------------- setup

  /** Runs DNS → TCP → TLS → ApiVersions → SASL; resolves once READY. */
  async open(): Promise<void> {
    if (this.opened) throw new Error('Connection.open() was already called');
    this.opened = true;
    this.setupTimer = setTimeout(
      () =>
        this.closeWith(
          CloseReason.CONNECTION_TIMEOUT,
          `Setup did not finish within ${this.opts.connectTimeoutMs} ms (stuck in ${this.state}).`,
          { kind: 'CONNECT_TIMEOUT' },
        ),
      this.opts.connectTimeoutMs,
    );
    try {
      const addresses = await this.step(this.resolveHost());
      await this.step(this.connectTcp(addresses));
      if (this.opts.tls) await this.step(this.handshakeTls());
      await this.step(this.negotiateVersions());
      if (this.opts.sasl) await this.step(this.authenticate());
      this.clearSetupTimer();
      this.enter(ConnState.READY);
      this.armIdle();
      this.armReauth();
      this.scheduleFlush();
    } catch (err) {
      this.clearSetupTimer();
      if (!this.closeError) this.closeOnSetupError(err);
      throw this.closeError;
    }
  }

  private step<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.closedSignal]);
  }

  private clearSetupTimer(): void {
    if (this.setupTimer) clearTimeout(this.setupTimer);
    this.setupTimer = null;
  }

  private closeOnSetupError(err: unknown): void {
    if (err instanceof SaslAuthenticationError) {
      this.emitEvent({
        type: 'auth.failure',
        mechanism: this.opts.sasl?.mechanism ?? 'unknown',
        errorCode: err.errorCode,
        brokerMessage: err.brokerMessage,
        message: err.message,
      });
      this.closeWith(CloseReason.AUTH_FAILURE, err.message, { cause: err, kind: err.kind });
    } else if (err instanceof UnsupportedVersionError) {
      this.closeWith(CloseReason.CONNECTION_BROKEN, err.message, { cause: err, kind: 'NO_COMMON_VERSION' });
    } else if (err instanceof ProtocolError) {
      this.closeWith(CloseReason.OUT_OF_SYNC, `The broker's reply could not be decoded: ${err.message}`, { cause: err, kind: 'MALFORMED_RESPONSE' });
    } else {
      this.closeWith(CloseReason.CONNECTION_BROKEN, (err as Error)?.message ?? String(err), { cause: err });
    }
  }

  private async resolveHost(): Promise<{ address: string; family: number }[]> {
    this.enter(ConnState.DNS);
    const started = performance.now();
    let addresses: { address: string; family: number }[];
    try {
      addresses = await this.lookup(this.opts.host);
    } catch (err) {
      const c = classifySocketError(err as NodeJS.ErrnoException, this.classifyContext());
      this.closeWith(CloseReason.CONNECTION_BROKEN, c.message, { cause: err, kind: c.kind ?? 'DNS_FAILURE' });
      throw this.closeError;
    }
    if (addresses.length === 0) {
      this.closeWith(CloseReason.CONNECTION_BROKEN, `The host name "${this.opts.host}" resolved to no address.`, { kind: 'DNS_FAILURE' });
      throw this.closeError;
    }
    this.emitEvent({ type: 'dns', host: this.opts.host, addresses, ms: performance.now() - started });
    return addresses;
  }

  /** Tries each address in turn; the last failure is the one reported. */
  private async connectTcp(addresses: { address: string; family: number }[]): Promise<void> {
    this.enter(ConnState.TCP_CONNECT);
    const started = performance.now();
    let lastError: unknown = null;
    for (const { address } of addresses) {
      if (this.closeError) throw this.closeError;
      try {
        const socket = await this.dialOne(address);
        this.adoptSocket(socket);
        this.counters.connects++;
        this.emitEvent({
          type: 'tcp.connected',
          remoteAddress: socket.remoteAddress ?? address,
          remotePort: socket.remotePort ?? this.opts.port,
          localAddress: socket.localAddress ?? '',
          localPort: socket.localPort ?? 0,
          ms: performance.now() - started,
        });
        return;
      } catch (err) {
        lastError = err;
      }
    }
    const c = classifySocketError(lastError as NodeJS.ErrnoException, this.classifyContext());
    this.closeWith(CloseReason.CONNECTION_BROKEN, c.message, { cause: lastError, kind: c.kind });
    throw this.closeError;
  }

  private dialOne(address: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: address, port: this.opts.port, noDelay: true });
      const onError = (err: Error): void => {
        socket.destroy();
        reject(err);
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        resolve(socket);
      });
      // A close of the whole connection (setup timeout) must abort this dial too.
      this.closedSignal.catch(() => socket.destroy());
    });
  }

  private adoptSocket(socket: Socket): void {
    this.socket = socket;
    socket.setNoDelay(true);
    if (this.opts.keepAliveMs > 0) socket.setKeepAlive(true, this.opts.keepAliveMs);
    this.socketGone = new Promise((done) => socket.once('close', () => done()));
    socket.on('error', (err) => this.onSocketError(err));
    socket.on('close', () => this.onSocketClose());
    socket.on('drain', () => {
      this.writable = true;
      this.scheduleFlush();
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private async handshakeTls(): Promise<void> {
    this.enter(ConnState.TLS_HANDSHAKE);
    const started = performance.now();
    const tcp = this.socket!;
    const tlsOpts = this.opts.tls!;
    // The TLS socket takes over: the TCP socket's own listeners go, so each failure is reported once.
    tcp.removeAllListeners('data');
    tcp.removeAllListeners('error');
    tcp.removeAllListeners('close');
    tcp.removeAllListeners('drain');
    tcp.on('error', () => undefined);
    const secure: TLSSocket = tlsConnect(nodeTlsOptions(this.opts.host, tcp, tlsOpts));
    if (tlsOpts.keyLog) secure.on('keylog', (line: Buffer) => this.keyLogLines.push(line.toString('latin1').trimEnd()));
    if (tlsOpts.verifyHostname === false) {
      this.warn('TLS_HOSTNAME_VERIFICATION_OFF', 'Hostname verification is off for this connection: any certificate from a trusted CA is accepted.');
    }
    if (tlsOpts.rejectUnauthorized === false) {
      this.warn('TLS_VERIFICATION_OFF', 'Certificate verification is off for this connection: the broker is not authenticated.');
    }
    this.adoptSocket(secure);
    await new Promise<void>((resolve) => secure.once('secureConnect', () => resolve()));
    const cipher = secure.getCipher();
    this.emitEvent({
      type: 'tls',
      protocol: secure.getProtocol() ?? null,
      cipher: cipher?.name ?? null,
      cipherStandardName: cipher?.standardName ?? null,
      servername: (secure as TLSSocket & { servername?: string | false }).servername || null,
      alpn: secure.alpnProtocol || null,
      authorized: secure.authorized,
      authorizationError: secure.authorizationError ? String(secure.authorizationError) : null,
      hostnameVerified: tlsOpts.verifyHostname !== false && tlsOpts.rejectUnauthorized !== false,
      peerChain: summariseChain(secure.getPeerCertificate(true)),
      keyLogEnabled: tlsOpts.keyLog === true,
      ms: performance.now() - started,
    });
  }

  private async negotiateVersions(): Promise<void> {
    this.enter(ConnState.APIVERSION_QUERY);
    const started = performance.now();
    const hint = this.opts.apiVersionHint;
    const legacy = hint ? legacyTableFor(hint) : null;
    if (legacy) {
      this.table = new VersionTable(legacy);
      if (this.hasListeners()) this.emitEvent({ type: 'versions', source: 'hint', requestVersion: null, attempts: 0, hint, apis: this.table.describe(), ms: 0 });
      return;
    }
    let version = API_TABLE.get(ApiKey.ApiVersions)!.maxVersion;
    for (let attempts = 1; ; attempts++) {
      const body =
        version >= 3
          ? { clientSoftwareName: this.opts.clientSoftwareName, clientSoftwareVersion: this.opts.clientSoftwareVersion }
          : {};
      const payload = (await this.requestInternal(ApiKey.ApiVersions, version, body, true)) as Buffer;
      // ApiVersions replies always carry header v0: the error code follows the correlation id.
      const errorCode = payload.length >= 6 ? payload.readInt16BE(4) : -1;
      if (errorCode === UNSUPPORTED_VERSION && version > 0) {
        const fallback = decodeResponse(ApiKey.ApiVersions, 0, payload).body as { apiKeys: { apiKey: number; maxVersion: number }[] };
        const advertised = fallback.apiKeys.find((k) => k.apiKey === ApiKey.ApiVersions)?.maxVersion;
        version = advertised !== undefined && advertised < version ? advertised : 0;
        continue;
      }
      const decoded = decodeResponse(ApiKey.ApiVersions, version, payload).body as {
        errorCode: number;
        apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
      };
      if (decoded.errorCode !== 0) throw new Error(`ApiVersions v${version} failed with ${errorName(decoded.errorCode)}`);
      this.table = new VersionTable(new Map(decoded.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }])));
      if (this.hasListeners()) this.emitEvent({
        type: 'versions',
        source: 'ApiVersions',
        requestVersion: version,
        attempts,
        hint,
        apis: this.table.describe(),
        ms: performance.now() - started,
      });
      return;
    }
  }

  private async authenticate(): Promise<void> {
    const link: AuthLink = {
      tls: this.opts.tls !== null,
      host: this.opts.host,
      // During re-authentication the connection stays in REAUTH throughout.
      enterHandshake: () => this.state !== ConnState.REAUTH && this.enter(ConnState.AUTH_HANDSHAKE),
      enterAuth: () => this.state !== ConnState.REAUTH && this.enter(ConnState.AUTH),
      versionOf: (apiKey) => this.table?.selected(apiKey) ?? null,
      request: async (apiKey, version, body) => (await this.requestInternal(apiKey, version, body, false)) as Record<string, unknown>,
      rawExchange: (token) => this.rawExchange(token),
      emit: (body) => this.emitEvent(body),
      warn: (code, message) => this.warn(code, message),
    };
    const outcome = await authenticate(link, this.opts.sasl!);
    this.sessionLifetimeMs = outcome.sessionLifetimeMs;
  }

  /** KIP-368: re-authenticate at about 85% of the session lifetime the broker gave. */
  private armReauth(): void {
    const lifetime = this.sessionLifetimeMs;
    if (lifetime === null || this.closeError) return;
    this.reauthTimer = setTimeout(() => void this.reauthenticate(), Math.max(0, lifetime * REAUTH_FRACTION));
  }

  /** Parks new requests, lets the in-flight ones drain, authenticates again, then resumes. */
  private async reauthenticate(): Promise<void> {
    this.reauthTimer = null;
    if (this.state !== ConnState.READY) return;
    this.enter(ConnState.REAUTH);
    try {
      if (this.inflight.length > 0) await this.step(new Promise<void>((resolve) => (this.drained = resolve)));
      await this.step(this.authenticate());
    } catch (err) {
      if (!this.closeError) this.closeOnSetupError(err);
      return;
    }
    this.enter(ConnState.READY);
    this.armReauth();
    this.scheduleFlush();
  }

  /** Setup requests: written at once, ahead of the user queue, bounded by the setup timer. */
  private requestInternal(apiKey: number, version: number, body: unknown, raw: boolean): Promise<unknown> {
    if (this.closeError) return Promise.reject(this.closeError);
    const correlationId = this.takeCorrelationId();
    const frame = encodeRequestFrame(apiKey, version, correlationId, this.opts.clientId, body);
    return new Promise((resolve, reject) => {
      const now = performance.now();
      const req = new PendingRequest(correlationId, apiKey, version, frame, now, Infinity, this.opts.connectTimeoutMs, true, raw, resolve, reject);
      this.emitRequest('request.queued', req);
      this.writeRequest(req);
    });
  }

  private rawExchange(token: Uint8Array): Promise<Buffer> {
    if (this.closeError) return Promise.reject(this.closeError);
    return new Promise((resolve, reject) => {
      this.rawWaiter = { resolve, reject };
      const frame = Buffer.allocUnsafe(4 + token.length);
      frame.writeInt32BE(token.length, 0);
      frame.set(token, 4);
      if (this.opts.captureFrames && this.hasListeners()) this.emitFrame('out', null, null, null, captureRawToken(frame));
      this.counters.txBytes += frame.length;
      this.socket!.write(frame);
    });
  }

  // ---------------------------------------------------------------- requests

  /** Sends a request; resolves with the decoded response body. */
  // The body shape depends on apiKey and version; callers narrow it (typed maps come with the codecs).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(apiKey: number, body: unknown, options: SendOptions = {}): Promise<any> {
    if (this.closeError) return Promise.reject(this.closeError);
    let version: number;
    let frame: Buffer;
    const correlationId = this.nextCorrelationId;
    try {
      version = options.version ?? this.pickVersion(apiKey);
      frame = encodeRequestFrame(apiKey, version, correlationId, this.opts.clientId, apiKey === ApiKey.ApiVersions ? this.withSoftware(body) : body);
    } catch (err) {
      return Promise.reject(err);
    }
    this.takeCorrelationId();
    const timeoutMs = options.timeoutMs ?? this.opts.requestTimeoutMs;
    const expectResponse = options.expectResponse ?? true;
    const sent = new Promise((resolve, reject) => {
      const now = performance.now();
      const req = new PendingRequest(correlationId, apiKey, version, frame, now, now + timeoutMs, timeoutMs, expectResponse, false, resolve, reject);
      this.queue.push(req);
      this.counters.api(apiKey).requests++;
      this.armDeadline(req.deadline);
      if (this.hasListeners()) this.emitRequest('request.queued', req);
      this.scheduleFlush();
    });
    options.onQueued?.(correlationId, this.id);
    return sent;
  }

  /** KIP-511: ApiVersions v3+ must name the client software; fill in ours where the caller didn't. */
  private withSoftware(body: unknown): unknown {
    const b = (body ?? {}) as { clientSoftwareName?: string; clientSoftwareVersion?: string };
    return {
      ...b,
      clientSoftwareName: b.clientSoftwareName || this.opts.clientSoftwareName,
      clientSoftwareVersion: b.clientSoftwareVersion || this.opts.clientSoftwareVersion,
    };
  }

  private takeCorrelationId(): number {
    const id = this.nextCorrelationId;
    this.nextCorrelationId = id === MAX_CORRELATION_ID ? 0 : id + 1;
    return id;
  }

  private readonly flushBound = (): void => this.flush();

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    void RESOLVED.then(this.flushBound);
  }

  /** Writes queued requests while the gate is open: READY, under maxInFlight, not throttled, socket writable. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.state !== ConnState.READY || this.queue.length === 0) return;
    const now = performance.now();
    if (now < this.throttledUntil) {
      if (!this.throttleTimer) {
        this.throttleTimer = setTimeout(() => {
          this.throttleTimer = null;
          this.scheduleFlush();
        }, this.throttledUntil - now);
      }
      return;
    }
    const socket = this.socket!;
    let corked = false;
    while (this.queue.length > 0 && this.inflight.length < this.opts.maxInFlight && this.writable) {
      if (!corked) {
        socket.cork();
        corked = true;
      }
      this.writeRequest(this.queue.shift()!);
    }
    if (corked) socket.uncork();
  }

  private writeRequest(req: PendingRequest): void {
    const socket = this.socket!;
    req.sentAt = performance.now();
    this.lastActivity = req.sentAt;
    this.counters.txBytes += req.frame.length;
    this.counters.txRequests++;
    if (req.expectResponse) {
      this.inflight.push(req);
      if (!socket.write(req.frame)) this.writable = false;
    } else if (!socket.write(req.frame, () => req.resolve(undefined))) {
      this.writable = false;
    }
    if (this.hasListeners()) {
      this.emitRequest('request.written', req);
      if (this.opts.captureFrames) {
        const clientIdBytes = this.opts.clientId === null ? 0 : Buffer.byteLength(this.opts.clientId);
        this.emitFrame('out', req.correlationId, req.apiKey, req.apiVersion, captureRequest(req.frame, req.apiKey, req.apiVersion, clientIdBytes));
      }
    }
  }

  private emitFrame(direction: 'out' | 'in', correlationId: number | null, apiKey: number | null, apiVersion: number | null, f: CapturedFrame): void {
    this.emitEvent({ type: 'frame', direction, correlationId, apiKey, apiVersion, size: f.bytes.length, data: f.bytes.toString('base64'), redacted: f.redacted });
  }

  // ---------------------------------------------------------------- replies

  private onData(chunk: Buffer): void {
    this.counters.rxBytes += chunk.length;
    this.lastActivity = performance.now();
    this.rxAt = this.lastActivity;
    this.reader.push(chunk);
    try {
      let payload: Buffer | null;
      while (!this.closeError && (payload = this.reader.next()) !== null) this.onFrame(payload);
    } catch (err) {
      if (err instanceof FrameSizeError) {
        const sniffed = sniffBytes(err.head);
        this.closeWith(CloseReason.OUT_OF_SYNC, `Received a frame that is not Kafka: ${err.message}; ${sniffed.description}.`, {
          cause: err,
          kind: sniffed.kind ?? 'FRAME_TOO_LARGE',
        });
      } else {
        this.closeWith(CloseReason.OUT_OF_SYNC, `Could not process a reply: ${(err as Error).message}`, { cause: err, kind: 'MALFORMED_RESPONSE' });
      }
    }
  }

  private onFrame(payload: Buffer): void {
    if (this.rawWaiter) {
      const waiter = this.rawWaiter;
      this.rawWaiter = null;
      if (this.opts.captureFrames && this.hasListeners()) this.emitFrame('in', null, null, null, captureResponse(payload, null, 0));
      waiter.resolve(payload);
      return;
    }
    const head = this.inflight.peek();
    const received = peekCorrelationId(payload);
    if (!head) {
      this.closeWith(CloseReason.OUT_OF_SYNC, `Received a reply with correlation id ${received} while no request was pending.`, {
        kind: 'CORRELATION_MISMATCH',
      });
      return;
    }
    if (received !== head.correlationId) {
      const err = new CorrelationIdError(head.correlationId, received, this.brokerLabel);
      this.inflight.shift();
      head.reject(err);
      this.closeWith(CloseReason.OUT_OF_SYNC, err.message, { cause: err, kind: 'CORRELATION_MISMATCH' });
      return;
    }
    this.inflight.shift();
    if (this.drained && this.inflight.length === 0) {
      const done = this.drained;
      this.drained = null;
      queueMicrotask(done);
    }
    if (this.opts.captureFrames && this.hasListeners()) {
      this.emitFrame('in', head.correlationId, head.apiKey, head.apiVersion, captureResponse(payload, head.apiKey, head.apiVersion));
    }
    const now = this.rxAt;
    this.counters.rxResponses++;
    if (head.timedOut) {
      this.counters.lateReplies++;
      if (this.hasListeners()) {
        this.emitEvent({ type: 'late-reply', ...refOf(head), lateByMs: now - head.deadline, responseBytes: payload.length + 4 });
      }
      this.scheduleFlush();
      return;
    }
    const latencyMs = now - (head.sentAt ?? head.queuedAt);
    this.counters.rtt.record(latencyMs * 1000);
    if (head.raw) {
      head.resolve(payload);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = decodeResponse(head.apiKey, head.apiVersion, payload).body as Record<string, unknown>;
    } catch (err) {
      // The frame boundary is intact, so the stream is still in sync: only this request fails.
      this.counters.api(head.apiKey).errors++;
      head.reject(err as Error);
      if (this.hasListeners()) this.emitEvent({ type: 'request.failed', ...refOf(head), error: serializeCause(err)! });
      this.scheduleFlush();
      return;
    }
    const errorCode = typeof body.errorCode === 'number' ? body.errorCode : 0;
    const throttleTimeMs = typeof body.throttleTimeMs === 'number' ? body.throttleTimeMs : 0;
    if (errorCode !== 0) {
      this.counters.api(head.apiKey).errors++;
      this.counters.error(errorCode);
    }
    if (throttleTimeMs > 0) this.onThrottle(head, throttleTimeMs, now);
    if (this.hasListeners()) {
      this.emitEvent({
        type: 'response',
        ...refOf(head),
        latencyMs,
        requestBytes: head.frame.length,
        responseBytes: payload.length + 4,
        errorCode,
        errorName: errorCode === 0 ? null : errorName(errorCode),
        throttleTimeMs,
      });
    }
    head.resolve(body);
    if (this.queue.length > 0) this.scheduleFlush();
  }

  /** KIP-219: the broker answered at once and expects this client to hold off. */
  private onThrottle(req: PendingRequest, throttleTimeMs: number, now: number): void {
    this.counters.throttleEvents++;
    this.counters.throttleTimeMsTotal += throttleTimeMs;
    this.throttledUntil = Math.max(this.throttledUntil, now + throttleTimeMs);
    this.emitEvent({ type: 'throttle', ...refOf(req), throttleTimeMs });
  }

  // ---------------------------------------------------------------- timers

  private armDeadline(deadline: number): void {
    if (deadline >= this.deadlineAt) return;
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineAt = deadline;
    this.deadlineTimer = setTimeout(() => this.sweepDeadlines(), Math.max(0, deadline - performance.now()));
  }

  /** Fails expired requests; a queued one leaves the queue, a written one stays to absorb its late reply. */
  private sweepDeadlines(): void {
    this.deadlineTimer = null;
    this.deadlineAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    this.queue.removeWhere((req) => {
      if (req.deadline > now) {
        next = Math.min(next, req.deadline);
        return false;
      }
      this.timeOut(req, false);
      return true;
    });
    for (const req of this.inflight) {
      if (req.timedOut) {
        const giveUpAt = req.deadline + this.opts.lateReplyGraceMs;
        if (giveUpAt <= now) {
          this.closeWith(
            CloseReason.CONNECTION_TIMEOUT,
            `The broker has not answered ${apiName(req.apiKey)} (correlation id ${req.correlationId}) for ${Math.round(now - (req.sentAt ?? req.queuedAt))} ms: it is taken for unresponsive.`,
            { kind: 'REQUEST_TIMEOUT' },
          );
          return;
        }
        next = Math.min(next, giveUpAt);
      } else if (req.deadline <= now) {
        this.timeOut(req, true);
        next = Math.min(next, req.deadline + this.opts.lateReplyGraceMs);
      } else {
        next = Math.min(next, req.deadline);
      }
    }
    if (next < Infinity) this.armDeadline(next);
  }

  private timeOut(req: PendingRequest, written: boolean): void {
    req.timedOut = true;
    this.counters.timeouts++;
    this.counters.api(req.apiKey).timeouts++;
    this.emitEvent({ type: 'request.timeout', ...refOf(req), timeoutMs: req.timeoutMs, written });
    req.reject(new RequestTimeoutError(apiName(req.apiKey), req.correlationId, req.timeoutMs, this.brokerLabel));
  }

  private armIdle(): void {
    const maxIdle = this.opts.maxIdleMs;
    if (maxIdle === null) return;
    this.idleTimer = setTimeout(() => this.checkIdle(), maxIdle);
  }

  private checkIdle(): void {
    const maxIdle = this.opts.maxIdleMs!;
    const idleFor = performance.now() - this.lastActivity;
    if (this.queue.length === 0 && this.inflight.length === 0 && idleFor >= maxIdle) {
      this.idleTimer = null;
      this.closeWith(CloseReason.IDLE_DROP, `Dropped after ${Math.round(idleFor)} ms with nothing pending (maxIdleMs ${maxIdle}).`);
      return;
    }
    this.idleTimer = setTimeout(() => this.checkIdle(), Math.max(1, maxIdle - idleFor));
  }

  // ---------------------------------------------------------------- close

  private onSocketError(err: Error): void {
    if (this.closeError) return;
    const c = classifySocketError(err as NodeJS.ErrnoException, this.classifyContext());
    if (this.state === ConnState.TLS_HANDSHAKE && c.kind === 'CONNECTION_RESET') {
      this.closeWith(
        CloseReason.CONNECTION_BROKEN,
        'The broker closed the connection during the TLS handshake: the listener probably does not speak TLS (PLAINTEXT or SASL_PLAINTEXT), or it refused this client.',
        { cause: err, kind: 'TLS_TO_PLAINTEXT_LISTENER' },
      );
      return;
    }
    const reason = this.state === ConnState.AUTH ? CloseReason.AUTH_FAILURE : CloseReason.CONNECTION_BROKEN;
    this.closeWith(reason, c.message, { cause: err, kind: c.kind });
  }

  private onSocketClose(): void {
    if (this.closeError) return;
    switch (this.state) {
      case ConnState.TLS_HANDSHAKE:
        this.closeWith(
          CloseReason.CONNECTION_BROKEN,
          'The broker closed the connection during the TLS handshake: the listener probably does not speak TLS (PLAINTEXT or SASL_PLAINTEXT), or it refused this client.',
          { kind: 'TLS_TO_PLAINTEXT_LISTENER' },
        );
        return;
      case ConnState.APIVERSION_QUERY:
        if (this.opts.tls) {
          this.closeWith(CloseReason.CONNECTION_BROKEN, 'The broker closed the TLS connection in reply to ApiVersions.');
        } else {
          this.closeWith(
            CloseReason.CONNECTION_BROKEN,
            'The broker closed the connection in reply to ApiVersions: the listener probably expects TLS (use SSL or SASL_SSL), or the broker is older than 0.10 (set apiVersionHint).',
            { kind: 'PLAINTEXT_TO_TLS_LISTENER' },
          );
        }
        return;
      case ConnState.AUTH:
        this.closeWith(CloseReason.AUTH_FAILURE, 'The broker closed the connection during authentication: the credentials were probably rejected.', {
          kind: 'SASL_AUTH_FAILED',
        });
        return;
      default:
        this.closeWith(CloseReason.CONNECTION_BROKEN, `The broker closed the connection (in ${this.state}).`, { kind: 'CONNECTION_RESET' });
    }
  }

  /** Closes with SHUTDOWN; resolves once the socket is released. */
  close(): Promise<void> {
    this.closeWith(CloseReason.SHUTDOWN, 'Closed by the client.');
    return this.socketGone;
  }

  /** Runs exactly once: fails every pending and queued request, releases the socket and every timer. */
  private closeWith(reason: CloseReason, message: string, details: CloseDetails = {}): void {
    if (this.closeError) return;
    const state = this.state;
    const msInState = this.tracker.msInState();
    const error = new KafkaConnectionError(reason, message, { broker: this.brokerLabel, state, msInState }, {
      ...(details.cause !== undefined ? { cause: details.cause } : {}),
      kind: details.kind ?? null,
    });
    this.closeError = error;
    if (state !== ConnState.INIT) this.enter(ConnState.CLOSING);
    for (const t of [this.setupTimer, this.deadlineTimer, this.idleTimer, this.throttleTimer, this.reauthTimer]) if (t) clearTimeout(t);
    this.setupTimer = this.deadlineTimer = this.idleTimer = this.throttleTimer = this.reauthTimer = null;
    let inFlightFailed = 0;
    let queuedFailed = 0;
    for (const req of this.inflight) {
      if (!req.settled) inFlightFailed++;
      req.reject(error);
    }
    for (const req of this.queue) {
      queuedFailed++;
      req.reject(error);
    }
    this.inflight.clear();
    this.queue.clear();
    if (this.rawWaiter) this.rawWaiter.reject(error);
    this.rawWaiter = null;
    if (this.socket) {
      this.counters.disconnects++;
      this.socket.destroy();
    }
    this.rejectClosed(error);
    this.enter(ConnState.CLOSED);
    this.emitEvent({
      type: 'close',
      reason,
      message: error.message,
      kind: error.kind,
      cause: serializeCause(details.cause),
      state,
      msInState,
      inFlightFailed,
      queuedFailed,
    });
    this.emit('close', reason, error);
  }

  // ---------------------------------------------------------------- events

  /** Whether anyone listens to 'event': kept current by the emitter hooks, so the hot path reads a field. */
  private observed = false;

  private hasListeners(): boolean {
    return this.observed;
  }

  private enter(next: ConnState): void {
    const { from, ms } = this.tracker.enter(next);
    this.emitEvent({ type: 'state', from, to: next, msInPrevious: ms });
  }

  private warn(code: string, message: string): void {
    this.emitEvent({ type: 'warning', code, message });
  }

  private emitRequest(type: 'request.queued' | 'request.written', req: PendingRequest): void {
    if (type === 'request.queued') {
      this.emitEvent({ type, ...refOf(req), bytes: req.frame.length, queued: this.queue.length, inFlight: this.inflight.length });
    } else {
      this.emitEvent({ type, ...refOf(req), bytes: req.frame.length, queuedMs: (req.sentAt ?? req.queuedAt) - req.queuedAt, expectResponse: req.expectResponse });
    }
  }

  private emitEvent(body: ConnectionEventBody): void {
    this.seq++;
    if (!this.hasListeners()) return;
    const event = {
      seq: this.seq,
      time: Date.now(),
      mono: performance.now(),
      connectionId: this.id,
      broker: this.brokerLabel,
      nodeId: this.opts.nodeId,
      ...body,
    } as ConnectionEvent;
    this.emit('event', event);
  }

  private classifyContext(): { host: string; port: number; tls: boolean; hasClientCert: boolean } {
    const tls = this.opts.tls;
    return { host: this.opts.host, port: this.opts.port, tls: tls !== null, hasClientCert: !!(tls && (tls.cert || tls.pfx)) };
  }
}

function refOf(req: PendingRequest): { correlationId: number; apiKey: number; apiName: string; apiVersion: number } {
  return { correlationId: req.correlationId, apiKey: req.apiKey, apiName: apiName(req.apiKey), apiVersion: req.apiVersion };
}
