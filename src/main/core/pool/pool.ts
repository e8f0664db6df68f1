/**
 * A pool of broker connections, keyed by (node id, group), on top of Connection — as
 * undici's Pool sits on its Clients. Bootstrap connections have keys of their own and are
 * retired once Metadata names the brokers. One dial per key at a time (single-flight, no
 * global lock), exponential backoff with jitter per node, reconnection of lost brokers,
 * an idle reaper, a Metadata refresh timer, and a graceful shutdown.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { ApiKey } from '../protocol';
import { Connection, type SendOptions } from '../connection/connection';
import { CloseReason } from '../connection/close-reason';
import { KafkaConnectionError } from '../connection/errors';
import type { ConnectionOptions } from '../connection/options';
import type { ConnectionEvent } from '../observe/events';
import { advertisedFinding, type AdvertisedFinding } from './advertised-check';
import { Backoff, type BackoffOptions } from './backoff';
import { parseBootstrap, type BootstrapAddress } from './bootstrap';
import type { BrokerNode, BrokerView, ClusterMetadata, ClusterView } from './cluster-view';
import type { MetadataTrigger, PoolEvent, PoolEventBody, PoolStreamEvent } from './pool-events';

export type ConnectionGroup = 'default' | 'coordination' | (string & {});

export interface PoolOptions {
  bootstrap: string | readonly string[];
  shuffleBootstrap?: boolean;
  /** Settings every connection shares (TLS, SASL, timeouts…). */
  connection?: Omit<ConnectionOptions, 'host' | 'port' | 'nodeId'>;
  backoff?: BackoffOptions;
  /** Metadata refresh period (default 5 min, Kafka's metadata.max.age.ms). */
  metadataRefreshMs?: number;
  /** Close connections idle this long (default: never). */
  idleMs?: number | null;
  /** Dial every advertised broker after bootstrap (default true). */
  dialAllBrokers?: boolean;
  /** Keep reconnecting a lost broker's default connection (default true). */
  reconnect?: boolean;
}

interface Slot {
  key: string;
  nodeId: number | null;
  group: ConnectionGroup;
  address: BootstrapAddress | BrokerNode;
  conn: Connection | null;
  dialing: Promise<Connection> | null;
  lastError: string | null;
  lastUsed: number;
}

function addressOf(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

export function slotKey(nodeId: number, group: ConnectionGroup = 'default'): string {
  return `node-${nodeId}/${group}`;
}

export interface PoolConnectionSummary {
  key: string;
  nodeId: number | null;
  group: string;
  connection: Connection;
}

// Typed overloads for the EventEmitter methods, merged into the class below.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Pool {
  on(event: 'event', listener: (event: PoolStreamEvent) => void): this;
  off(event: 'event', listener: (event: PoolStreamEvent) => void): this;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Pool extends EventEmitter {
  readonly id = randomUUID();
  private readonly bootstrapList: BootstrapAddress[];
  private readonly opts: PoolOptions;
  private readonly slots = new Map<string, Slot>();
  private readonly backoffs = new Map<string, Backoff>();
  private readonly reconnectTimers = new Map<string, NodeJS.Timeout>();
  private metadata: ClusterMetadata | null = null;
  /** Every broker ever named by Metadata: a stopped broker drops out of Metadata but is still dialled. */
  private readonly known = new Map<number, BrokerNode>();
  private bootstrapUsed: string | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private reapTimer: NodeJS.Timeout | null = null;
  private refreshSoonTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private findings: AdvertisedFinding[] = [];

  constructor(options: PoolOptions) {
    super();
    this.opts = options;
    this.bootstrapList = parseBootstrap(options.bootstrap, { shuffle: options.shuffleBootstrap ?? false });
  }

  /** Bootstraps: the first bootstrap address that answers gives Metadata; then every broker is dialled. */
  async start(): Promise<ClusterView> {
    this.emitPool({ type: 'pool.bootstrap', addresses: this.bootstrapList.map(addressOf) });
    const errors: string[] = [];
    for (const address of this.bootstrapList) {
      const slot = this.slot(`bootstrap/${addressOf(address)}`, null, 'bootstrap', address);
      try {
        const conn = await this.dial(slot);
        await this.fetchMetadata(conn, 'bootstrap');
        this.bootstrapUsed = addressOf(address);
        break;
      } catch (err) {
        errors.push(`${addressOf(address)}: ${(err as Error).message}`);
      }
    }
    if (!this.metadata) throw new Error(`No bootstrap address answered:\n  ${errors.join('\n  ')}`);
    if (this.opts.dialAllBrokers ?? true) await this.checkAdvertisedListeners();
    this.retireBootstrap();
    this.armTimers();
    return this.cluster();
  }

  /** The connection for (node, group), dialling it (once, however many callers wait) if needed. */
  get(nodeId: number, group: ConnectionGroup = 'default'): Promise<Connection> {
    if (this.stopping) return Promise.reject(new Error('the pool is shutting down'));
    const broker = this.known.get(nodeId);
    if (!broker) return Promise.reject(new Error(`node ${nodeId} is not in the cluster metadata`));
    const slot = this.slot(slotKey(nodeId, group), nodeId, group, broker);
    slot.lastUsed = performance.now();
    if (slot.conn && !slot.conn.closed) return Promise.resolve(slot.conn);
    return this.dial(slot);
  }

  /** Sends on (node, group)'s connection. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async send(nodeId: number, apiKey: number, body: unknown, options?: SendOptions & { group?: ConnectionGroup }): Promise<any> {
    const conn = await this.get(nodeId, options?.group);
    return conn.send(apiKey, body, options);
  }

  /** Every live connection with its key. */
  connections(): PoolConnectionSummary[] {
    const out: PoolConnectionSummary[] = [];
    for (const s of this.slots.values()) if (s.conn) out.push({ key: s.key, nodeId: s.nodeId, group: s.group, connection: s.conn });
    return out;
  }

  /** Brokers, controller and cluster id, with each broker's connection state, versions and stats. */
  cluster(): ClusterView {
    const m = this.metadata;
    const now = performance.now();
    const listed = new Set((m?.brokers ?? []).map((b) => b.nodeId));
    const brokers: BrokerView[] = [...this.known.values()].sort((a, b) => a.nodeId - b.nodeId).map((b) => {
      const slot = this.slots.get(slotKey(b.nodeId));
      const conn = slot?.conn ?? null;
      const backoff = this.backoffs.get(addressOf(b));
      return {
        ...b,
        isController: m?.controllerId === b.nodeId,
        inMetadata: listed.has(b.nodeId),
        connection: conn
          ? { key: slot!.key, connectionId: conn.id, state: conn.state, versions: conn.versionTable?.describe() ?? null, stats: conn.stats() }
          : null,
        backoff: backoff && backoff.attempts > 0 ? { attempts: backoff.attempts, nextAttemptInMs: Math.max(0, backoff.nextAttemptAt - now) } : null,
        lastError: slot?.lastError ?? null,
      };
    });
    return {
      clusterId: m?.clusterId ?? null,
      controllerId: m?.controllerId ?? null,
      brokers,
      bootstrap: this.bootstrapList.map(addressOf),
      metadataFetchedAt: m?.fetchedAt ?? null,
    };
  }

  /** Findings of the last advertised-listener check. */
  advertisedFindings(): readonly AdvertisedFinding[] {
    return this.findings;
  }

  /** Asks any ready connection for Metadata (and DescribeCluster where the broker has it). */
  async refreshMetadata(trigger: MetadataTrigger = 'manual'): Promise<ClusterMetadata> {
    const ready = [...this.slots.values()].map((s) => s.conn).filter((c): c is Connection => !!c && c.state === 'READY');
    let lastError: unknown = new Error('no ready connection');
    for (const conn of ready) {
      try {
        return await this.fetchMetadata(conn, trigger);
      } catch (err) {
        lastError = err;
      }
    }
    // No live connection: go back to the bootstrap list.
    for (const address of this.bootstrapList) {
      const slot = this.slot(`bootstrap/${addressOf(address)}`, null, 'bootstrap', address);
      try {
        const conn = await this.dial(slot);
        const m = await this.fetchMetadata(conn, trigger);
        this.retireBootstrap();
        return m;
      } catch (err) {
        lastError = err;
      }
    }
    this.emitPool({ type: 'pool.metadata-failed', trigger, error: (lastError as Error).message });
    throw lastError;
  }

  /** Dials every advertised broker; reports those that fail while bootstrap works. */
  async checkAdvertisedListeners(): Promise<AdvertisedFinding[]> {
    const brokers = this.metadata?.brokers ?? [];
    const findings: AdvertisedFinding[] = [];
    await Promise.all(
      brokers.map(async (b) => {
        try {
          await this.get(b.nodeId);
        } catch (err) {
          const e = err as KafkaConnectionError;
          findings.push(
            advertisedFinding({
              nodeId: b.nodeId,
              advertisedHost: b.host,
              advertisedPort: b.port,
              bootstrap: this.bootstrapUsed ?? this.bootstrapList.map(addressOf).join(','),
              failureKind: e.kind ?? null,
              error: e.message,
            }),
          );
        }
      }),
    );
    this.findings = findings.sort((a, b) => a.nodeId - b.nodeId);
    this.emitPool({ type: 'pool.advertised-check', findings: this.findings, checked: brokers.length });
    return this.findings;
  }

  /** Lets in-flight and queued requests finish until the deadline, then closes everything with SHUTDOWN. */
  async shutdown(deadlineMs = 5000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const started = performance.now();
    for (const t of [this.refreshTimer, this.reapTimer, this.refreshSoonTimer]) if (t) clearTimeout(t);
    for (const t of this.reconnectTimers.values()) clearTimeout(t);
    this.reconnectTimers.clear();
    const busy = (): boolean => this.connections().some((c) => c.connection.inFlight().length > 0);
    while (busy() && performance.now() - started < deadlineMs) await new Promise((r) => setTimeout(r, 5));
    const drained = !busy();
    const conns = this.connections().map((c) => c.connection);
    await Promise.all(conns.map((c) => c.close()));
    this.emitPool({ type: 'pool.shutdown', drained, closed: conns.length, ms: performance.now() - started });
  }

  // ------------------------------------------------------------------ internals

  private slot(key: string, nodeId: number | null, group: ConnectionGroup, address: BootstrapAddress | BrokerNode): Slot {
    let s = this.slots.get(key);
    if (!s) {
      s = { key, nodeId, group, address, conn: null, dialing: null, lastError: null, lastUsed: performance.now() };
      this.slots.set(key, s);
    } else if (s.address.host !== address.host || s.address.port !== address.port) {
      s.address = address; // the broker moved: the next dial goes to its new address
    }
    return s;
  }

  private backoffFor(address: string): Backoff {
    let b = this.backoffs.get(address);
    if (!b) {
      b = new Backoff(this.opts.backoff);
      this.backoffs.set(address, b);
    }
    return b;
  }

  /** Single-flight: concurrent callers share one dial per key. */
  private dial(slot: Slot): Promise<Connection> {
    if (slot.dialing) return slot.dialing;
    slot.dialing = this.dialOnce(slot).finally(() => {
      slot.dialing = null;
    });
    return slot.dialing;
  }

  private async dialOnce(slot: Slot): Promise<Connection> {
    const address = addressOf(slot.address);
    const backoff = this.backoffFor(address);
    const wait = backoff.nextAttemptAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (this.stopping) throw new Error('the pool is shutting down');
    this.emitPool({ type: 'pool.dial', key: slot.key, nodeId: slot.nodeId, address, attempt: backoff.attempts + 1 });
    const conn = new Connection({ ...this.opts.connection, host: slot.address.host, port: slot.address.port, nodeId: slot.nodeId });
    conn.on('event', (e) => this.forward(e));
    try {
      await conn.open();
    } catch (err) {
      this.backOff(slot, err as KafkaConnectionError);
      throw err;
    }
    backoff.reset();
    slot.conn = conn;
    slot.lastError = null;
    conn.once('close', (reason, cause) => this.onClosed(slot, conn, reason, cause));
    this.emitPool({ type: 'pool.connected', key: slot.key, nodeId: slot.nodeId, address, connectionId: conn.id });
    return conn;
  }

  /** Records a failed dial or a lost connection against the node's backoff, and says when the next attempt is. */
  private backOff(slot: Slot, err: KafkaConnectionError): void {
    const address = addressOf(slot.address);
    const backoff = this.backoffFor(address);
    slot.lastError = err.message;
    const delayMs = backoff.fail();
    this.emitPool({
      type: 'pool.backoff',
      key: slot.key,
      nodeId: slot.nodeId,
      address,
      attempt: backoff.attempts,
      delayMs,
      kind: err.kind ?? null,
      error: err.message,
      message: `next attempt in ${delayMs} ms`,
    });
  }

  private onClosed(slot: Slot, conn: Connection, reason: CloseReason, cause: KafkaConnectionError): void {
    if (slot.conn === conn) slot.conn = null;
    this.emitPool({ type: 'pool.disconnected', key: slot.key, nodeId: slot.nodeId, reason, message: cause.message });
    if (this.stopping || slot.group === 'bootstrap') return;
    if (reason === CloseReason.CONNECTION_BROKEN || reason === CloseReason.CONNECTION_TIMEOUT) {
      this.backOff(slot, cause);
      this.refreshSoon();
      if ((this.opts.reconnect ?? true) && slot.group === 'default') this.scheduleReconnect(slot);
    }
  }

  /** Keeps dialling a lost broker, with backoff, until it answers or leaves the cluster. */
  private scheduleReconnect(slot: Slot): void {
    if (this.reconnectTimers.has(slot.key)) return;
    const delay = Math.max(0, this.backoffFor(addressOf(slot.address)).nextAttemptAt - performance.now());
    const timer = setTimeout(() => {
      this.reconnectTimers.delete(slot.key);
      if (this.stopping || slot.conn) return;
      if (slot.nodeId !== null && !this.known.has(slot.nodeId)) return;
      this.dial(slot).then(
        () => this.refreshSoon(),
        () => this.scheduleReconnect(slot),
      );
    }, delay);
    this.reconnectTimers.set(slot.key, timer);
  }

  private refreshSoon(): void {
    if (this.refreshSoonTimer || this.stopping) return;
    this.refreshSoonTimer = setTimeout(() => {
      this.refreshSoonTimer = null;
      this.refreshMetadata('connection-lost').catch(() => undefined);
    }, 50);
  }

  private async fetchMetadata(conn: Connection, trigger: MetadataTrigger): Promise<ClusterMetadata> {
    const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
    let brokers: BrokerNode[] = (md.brokers as { nodeId: number; host: string; port: number; rack?: string | null }[]).map((b) => ({
      nodeId: b.nodeId,
      host: b.host,
      port: b.port,
      rack: b.rack ?? null,
    }));
    let controllerId: number | null = md.controllerId ?? null;
    let clusterId: string | null = md.clusterId ?? null;
    if (conn.versionTable?.selected(ApiKey.DescribeCluster) != null) {
      const dc = await conn.send(ApiKey.DescribeCluster, { includeClusterAuthorizedOperations: false });
      if (dc.errorCode === 0) {
        controllerId = dc.controllerId;
        clusterId = dc.clusterId;
        brokers = (dc.brokers as { brokerId: number; host: string; port: number; rack: string | null }[]).map((b) => ({
          nodeId: b.brokerId,
          host: b.host,
          port: b.port,
          rack: b.rack,
        }));
      }
    }
    brokers.sort((a, b) => a.nodeId - b.nodeId);
    for (const b of brokers) this.known.set(b.nodeId, b);
    this.metadata = { clusterId, controllerId: controllerId === -1 ? null : controllerId, brokers, source: conn.broker, fetchedAt: Date.now() };
    this.emitPool({ type: 'pool.metadata', trigger, clusterId, controllerId: this.metadata.controllerId, brokers, source: conn.broker });
    return this.metadata;
  }

  private retireBootstrap(): void {
    for (const s of [...this.slots.values()]) {
      if (s.group !== 'bootstrap') continue;
      this.slots.delete(s.key);
      if (s.conn) {
        this.emitPool({ type: 'pool.retire', key: s.key, address: addressOf(s.address), why: 'Metadata named the brokers' });
        void s.conn.close();
      }
    }
  }

  private armTimers(): void {
    const refreshMs = this.opts.metadataRefreshMs ?? 300_000;
    const tick = (): void => {
      this.refreshTimer = setTimeout(() => {
        this.refreshMetadata('timer')
          .catch(() => undefined)
          .finally(() => {
            if (!this.stopping) tick();
          });
      }, refreshMs);
    };
    tick();
    const idleMs = this.opts.idleMs;
    if (idleMs != null) {
      this.reapTimer = setInterval(() => this.reapIdle(idleMs), Math.max(50, Math.min(idleMs / 2, 30_000)));
    }
  }

  /** Closes connections with nothing in flight that nobody has used for idleMs. */
  private reapIdle(idleMs: number): void {
    const now = performance.now();
    for (const s of this.slots.values()) {
      if (!s.conn || s.conn.inFlight().length > 0 || now - s.lastUsed < idleMs) continue;
      this.emitPool({ type: 'pool.reaped', key: s.key, idleMs: now - s.lastUsed });
      const conn = s.conn;
      s.conn = null;
      void conn.close();
    }
  }

  private forward(e: ConnectionEvent): void {
    if (this.listenerCount('event') > 0) this.emit('event', e);
  }

  private emitPool(body: PoolEventBody): void {
    if (this.listenerCount('event') === 0) return;
    const event = { time: Date.now(), mono: performance.now(), poolId: this.id, ...body } as PoolEvent;
    this.emit('event', event);
  }
}
