/**
 * What the views need, folded incrementally from a session's event stream: per-connection
 * facts (state timeline, TLS, SASL, versions, close), the live in-flight queue, the history
 * of completed requests, every close, and round-trip times per API (as per-second histograms).
 *
 * Events are ingested once each: live ones above the highest seq seen, paged-in older ones
 * below the lowest. History rows come from the completing event alone (response, timeout,
 * failure), so older pages fill the history without resurrecting finished requests.
 */
import type { KafkaEvent, SessionEventRecord, SessionSnapshot } from '@shared/api/contract';
import type { ConnStateName, ConnectionEventData } from '@shared/api/kafka-events';
import { LatencySeries } from './latency-series';

type Ev<T extends KafkaEvent['type']> = Extract<KafkaEvent, { type: T }>;

export interface StateStep {
  from: ConnStateName;
  to: ConnStateName;
  /** Time spent in `from`. */
  ms: number;
  time: number;
}

export interface ConnInfo {
  connectionId: string;
  broker: string;
  nodeId: number | null;
  firstTime: number;
  lastTime: number;
  state: ConnStateName;
  stateSince: number;
  steps: StateStep[];
  dns: Ev<'dns'> | null;
  tcp: Ev<'tcp.connected'> | null;
  tls: Ev<'tls'> | null;
  versions: Ev<'versions'> | null;
  authHandshake: Ev<'auth.handshake'> | null;
  authSuccess: Ev<'auth.success'> | null;
  authFailure: Ev<'auth.failure'> | null;
  authRounds: number;
  close: (Ev<'close'> & { seq: number }) | null;
  warnings: Ev<'warning'>[];
}

export interface RequestRow {
  /** connectionId:correlationId */
  key: string;
  connectionId: string;
  broker: string;
  nodeId: number | null;
  correlationId: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  bytes: number;
  queuedAt: number;
  sentAt: number | null;
  /** seq of the event that created the row. */
  seq: number;
}

export type Outcome = 'ok' | 'error' | 'timeout' | 'failed';

export interface DoneRow extends RequestRow {
  doneAt: number;
  latencyMs: number | null;
  responseBytes: number | null;
  errorCode: number | null;
  errorName: string | null;
  throttleMs: number;
  outcome: Outcome;
  message: string | null;
  /** seq of the completing event. */
  doneSeq: number;
}

export interface CloseRow {
  seq: number;
  event: Ev<'close'>;
  /** When the connection was first seen (for the timeline bar). */
  openedAt: number | null;
}

/** A request the inspector sent through sessions.send, with its decoded answer. */
export interface InspectorCall {
  id: number;
  apiKey: number;
  apiName: string;
  nodeId: number | null;
  request: unknown;
  startedAt: number;
  endedAt: number | null;
  latencyMs: number | null;
  response: unknown;
  error: string | null;
  /** `connectionId:correlationId` the host says the request went out with (null when it failed before). */
  sentAs: string | null;
  /** The history row this call was matched to ('' when none was found): the one `sentAs` names. */
  rowKey: string | null;
}

export const HISTORY_MAX = 20_000;

/** What went wrong with a completed request: its error name, or its outcome; null when it went well. */
export function doneError(r: DoneRow): string | null {
  if (r.outcome === 'ok') return null;
  if (r.outcome === 'error') return r.errorName ?? `error ${r.errorCode}`;
  return r.outcome.toUpperCase();
}

export class SessionDerived {
  readonly conns = new Map<string, ConnInfo>();
  readonly inflight = new Map<string, RequestRow>();
  history: DoneRow[] = [];
  closes: CloseRow[] = [];
  readonly latency = new Map<string, LatencySeries>();
  readonly inspector: InspectorCall[] = [];
  readonly inspectorByRow = new Map<string, InspectorCall>();
  /** Every API, broker and error name (or outcome) a request has shown, for the filters. */
  readonly seen = { apis: new Set<string>(), brokers: new Set<string>(), errors: new Set<string>() };
  /** Rows of `history` whose outcome is not ok. */
  historyFailures = 0;
  peakInFlight = 0;
  completedTotal = 0;
  /** `frame` events seen: the session captures frames (pcapng export possible). */
  framesSeen = 0;
  /** Highest and lowest seq folded in so far. */
  high = 0;
  low = Number.POSITIVE_INFINITY;

  /** Folds new records in (any order of pages); returns whether anything was new. */
  ingest(records: readonly SessionEventRecord[]): boolean {
    if (records.length === 0) return false;
    const older: SessionEventRecord[] = [];
    let changed = false;
    for (const r of records) {
      if (r.seq > this.high) {
        if (this.high === 0 && this.low === Number.POSITIVE_INFINITY) this.low = r.seq;
        this.high = r.seq;
        this.apply(r, true);
        changed = true;
      } else if (r.seq < this.low) {
        older.push(r);
      }
    }
    if (older.length > 0) {
      this.low = older[0]!.seq;
      for (const r of older) this.apply(r, false);
      this.history.sort((a, b) => a.doneSeq - b.doneSeq);
      this.closes.sort((a, b) => a.seq - b.seq);
      for (const c of this.conns.values()) c.steps.sort((a, b) => a.time - b.time);
      changed = true;
    }
    if (changed) this.matchInspector();
    return changed;
  }

  /** Drops in-flight rows the main process no longer lists (their events were dropped). */
  reconcile(snap: SessionSnapshot): boolean {
    let changed = false;
    const listed = new Map(snap.connections.map((c) => [c.connectionId, c]));
    for (const [key, row] of this.inflight) {
      const conn = listed.get(row.connectionId);
      const stale = row.queuedAt < snap.takenAt - 2000;
      if (!stale) continue;
      const gone = !conn || (conn.inFlightNotListed === 0 && !conn.inFlight.some((r) => r.correlationId === row.correlationId));
      if (!gone) continue;
      this.inflight.delete(key);
      this.pushDone({
        ...row,
        doneAt: snap.takenAt,
        latencyMs: null,
        responseBytes: null,
        errorCode: null,
        errorName: null,
        throttleMs: 0,
        outcome: 'failed',
        message: 'no longer in flight; its completion was not received (events dropped)',
        doneSeq: this.high,
      });
      changed = true;
    }
    return changed;
  }

  addInspectorCall(call: InspectorCall): void {
    this.inspector.push(call);
    if (this.inspector.length > 500) this.inspector.splice(0, this.inspector.length - 500);
    this.matchInspector();
  }

  /** Pairs finished inspector calls with their history row (by connection and correlation id). */
  matchInspector(): void {
    const giveUpBefore = Date.now() - 10_000;
    for (const call of this.inspector) {
      if (call.rowKey !== null || call.endedAt === null || call.error !== null) continue;
      // Its reply event never came (dropped under load): stop looking.
      if (call.endedAt < giveUpBefore) {
        call.rowKey = '';
        continue;
      }
      let best: DoneRow | null = null;
      for (let i = this.history.length - 1; i >= 0; i--) {
        const row = this.history[i]!;
        if (row.doneAt < call.startedAt - 50) break;
        if (call.sentAs !== null) {
          if (row.key === call.sentAs) best = row;
          if (best) break;
          continue;
        }
        // A host that does not name the request: the row of the same node and API nearest in time.
        if (row.apiKey !== call.apiKey || this.inspectorByRow.has(row.key)) continue;
        if (call.nodeId !== null && row.nodeId !== call.nodeId) continue;
        if (row.queuedAt < call.startedAt - 50 || row.doneAt > call.endedAt + 50) continue;
        best = row;
      }
      if (best) {
        call.rowKey = best.key;
        this.inspectorByRow.set(best.key, call);
      }
    }
  }

  private conn(e: ConnectionEventData): ConnInfo {
    let c = this.conns.get(e.connectionId);
    if (!c) {
      c = {
        connectionId: e.connectionId,
        broker: e.broker,
        nodeId: e.nodeId,
        firstTime: e.time,
        lastTime: e.time,
        state: 'INIT',
        stateSince: e.time,
        steps: [],
        dns: null,
        tcp: null,
        tls: null,
        versions: null,
        authHandshake: null,
        authSuccess: null,
        authFailure: null,
        authRounds: 0,
        close: null,
        warnings: [],
      };
      this.conns.set(e.connectionId, c);
    }
    if (e.time < c.firstTime) c.firstTime = e.time;
    if (e.time > c.lastTime) c.lastTime = e.time;
    if (c.nodeId === null && e.nodeId !== null) c.nodeId = e.nodeId;
    return c;
  }

  private apply(r: SessionEventRecord, live: boolean): void {
    const e = r.event;
    if (!('broker' in e)) return; // pool events: nothing per connection
    const c = this.conn(e);
    switch (e.type) {
      case 'state':
        c.steps.push({ from: e.from, to: e.to, ms: e.msInPrevious, time: e.time });
        if (live || e.time >= c.stateSince) {
          c.state = e.to;
          c.stateSince = e.time;
        }
        break;
      case 'dns':
        c.dns = e;
        break;
      case 'tcp.connected':
        c.tcp = e;
        break;
      case 'tls':
        c.tls = e;
        break;
      case 'versions':
        c.versions = e;
        // The handshake's ApiVersions reply is reported as this event, not as a `response`.
        if (live) {
          for (const [key, row] of this.inflight) {
            if (row.connectionId !== e.connectionId || row.apiKey !== 18) continue;
            this.inflight.delete(key);
            this.pushDone({
              ...row,
              ...this.blankDone(e.time, r.seq),
              latencyMs: e.time - row.queuedAt,
              outcome: 'ok',
              message: `handshake ApiVersions: ${e.apis.length} APIs listed (${e.attempts} attempt${e.attempts === 1 ? '' : 's'})`,
            });
          }
        }
        break;
      case 'auth.handshake':
        c.authHandshake = e;
        break;
      case 'auth.round':
        c.authRounds = Math.max(c.authRounds, e.round);
        break;
      case 'auth.success':
        c.authSuccess = e;
        c.authFailure = null;
        break;
      case 'auth.failure':
        c.authFailure = e;
        break;
      case 'warning':
        c.warnings.push(e);
        break;
      case 'frame':
        this.framesSeen++;
        break;
      case 'request.queued':
        if (!live) break;
        this.inflight.set(`${e.connectionId}:${e.correlationId}`, {
          key: `${e.connectionId}:${e.correlationId}`,
          connectionId: e.connectionId,
          broker: e.broker,
          nodeId: e.nodeId,
          correlationId: e.correlationId,
          apiKey: e.apiKey,
          apiName: e.apiName,
          apiVersion: e.apiVersion,
          bytes: e.bytes,
          queuedAt: e.time,
          sentAt: null,
          seq: r.seq,
        });
        if (this.inflight.size > this.peakInFlight) this.peakInFlight = this.inflight.size;
        this.seen.apis.add(e.apiName);
        this.seen.brokers.add(e.broker);
        break;
      case 'request.written': {
        if (!live) break;
        const row = this.inflight.get(`${e.connectionId}:${e.correlationId}`);
        if (row) {
          row.sentAt = e.time;
          if (!e.expectResponse) {
            this.inflight.delete(row.key);
            this.pushDone({ ...row, ...this.blankDone(e.time, r.seq), outcome: 'ok', message: 'no response expected' });
          }
        }
        break;
      }
      case 'response': {
        const row = this.take(e, r.seq, e.time - e.latencyMs, e.requestBytes);
        this.pushDone({
          ...row,
          doneAt: e.time,
          latencyMs: e.latencyMs,
          responseBytes: e.responseBytes,
          errorCode: e.errorCode,
          errorName: e.errorName,
          throttleMs: e.throttleTimeMs,
          outcome: e.errorCode !== 0 ? 'error' : 'ok',
          message: null,
          doneSeq: r.seq,
        });
        let series = this.latency.get(e.apiName);
        if (!series) this.latency.set(e.apiName, (series = new LatencySeries()));
        series.add(e.time, e.latencyMs);
        break;
      }
      case 'request.timeout': {
        const row = this.take(e, r.seq, e.time - e.timeoutMs, 0);
        this.pushDone({
          ...row,
          ...this.blankDone(e.time, r.seq),
          outcome: 'timeout',
          message: `no reply within ${e.timeoutMs} ms${e.written ? '' : ' (never written)'}`,
        });
        break;
      }
      case 'request.failed': {
        const row = this.take(e, r.seq, e.time, 0);
        this.pushDone({ ...row, ...this.blankDone(e.time, r.seq), outcome: 'failed', message: e.error.message });
        break;
      }
      case 'close':
        c.close = { ...e, seq: r.seq };
        c.state = 'CLOSED';
        c.stateSince = e.time;
        this.closes.push({ seq: r.seq, event: e, openedAt: c.firstTime });
        if (live) {
          for (const [key, row] of this.inflight) {
            if (row.connectionId !== e.connectionId) continue;
            this.inflight.delete(key);
            this.pushDone({
              ...row,
              ...this.blankDone(e.time, r.seq),
              outcome: 'failed',
              message: `connection closed: ${e.reason}`,
            });
          }
        }
        break;
      default:
        break;
    }
  }

  private blankDone(
    time: number,
    seq: number,
  ): Pick<DoneRow, 'doneAt' | 'latencyMs' | 'responseBytes' | 'errorCode' | 'errorName' | 'throttleMs' | 'doneSeq'> {
    return {
      doneAt: time,
      latencyMs: null,
      responseBytes: null,
      errorCode: null,
      errorName: null,
      throttleMs: 0,
      doneSeq: seq,
    };
  }

  /** The in-flight row of a completing event, or one rebuilt from the event itself. */
  private take(
    e: Ev<'response' | 'request.timeout' | 'request.failed'>,
    seq: number,
    queuedAt: number,
    bytes: number,
  ): RequestRow {
    const key = `${e.connectionId}:${e.correlationId}`;
    const row = this.inflight.get(key);
    if (row) {
      this.inflight.delete(key);
      return row;
    }
    return {
      key,
      connectionId: e.connectionId,
      broker: e.broker,
      nodeId: e.nodeId,
      correlationId: e.correlationId,
      apiKey: e.apiKey,
      apiName: e.apiName,
      apiVersion: e.apiVersion,
      bytes,
      queuedAt,
      sentAt: null,
      seq,
    };
  }

  private pushDone(row: DoneRow): void {
    this.completedTotal++;
    this.history.push(row);
    this.seen.apis.add(row.apiName);
    this.seen.brokers.add(row.broker);
    const err = doneError(row);
    if (err) {
      this.seen.errors.add(err);
      this.historyFailures++;
    }
    if (this.history.length > HISTORY_MAX * 1.1) {
      const cut = this.history.length - HISTORY_MAX;
      for (let i = 0; i < cut; i++) if (this.history[i]!.outcome !== 'ok') this.historyFailures--;
      this.history = this.history.slice(cut);
    }
  }
}
