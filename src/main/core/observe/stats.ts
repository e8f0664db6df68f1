/**
 * Per-connection counters, shaped like librdkafka's per-broker statistics.
 */
import { apiName, errorName } from '../protocol';
import { Histogram, type Percentiles } from './histogram';
import type { ConnState } from '../connection/states';

export interface ApiStats {
  requests: number;
  errors: number;
  timeouts: number;
}

export interface ConnectionStats {
  connectionId: string;
  broker: string;
  nodeId: number | null;
  state: ConnState;
  /** ms in the current state. */
  stateAgeMs: number;
  /** ms since the connection object was created. */
  ageMs: number;
  queued: number;
  inFlight: number;
  txBytes: number;
  rxBytes: number;
  txRequests: number;
  rxResponses: number;
  requestsByApi: Record<string, ApiStats>;
  errorsByCode: Record<string, number>;
  timeouts: number;
  lateReplies: number;
  throttleEvents: number;
  throttleTimeMsTotal: number;
  connects: number;
  disconnects: number;
  /** Round-trip times of answered requests, microseconds. */
  rttUs: Percentiles;
}

/** The mutable counters the connection updates on its hot path (plain fields, no maps per request). */
export class StatsCounters {
  txBytes = 0;
  rxBytes = 0;
  txRequests = 0;
  rxResponses = 0;
  timeouts = 0;
  lateReplies = 0;
  throttleEvents = 0;
  throttleTimeMsTotal = 0;
  connects = 0;
  disconnects = 0;
  readonly rtt = new Histogram();
  /** Indexed by API key: [requests, errors, timeouts]. */
  private readonly perApi: Map<number, ApiStats> = new Map();
  private readonly perError: Map<number, number> = new Map();

  api(apiKey: number): ApiStats {
    let s = this.perApi.get(apiKey);
    if (!s) {
      s = { requests: 0, errors: 0, timeouts: 0 };
      this.perApi.set(apiKey, s);
    }
    return s;
  }

  error(code: number): void {
    this.perError.set(code, (this.perError.get(code) ?? 0) + 1);
  }

  byApi(): Record<string, ApiStats> {
    const out: Record<string, ApiStats> = {};
    for (const [k, v] of this.perApi) out[apiName(k)] = { ...v };
    return out;
  }

  byError(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of this.perError) out[errorName(k) ?? `error ${k}`] = v;
    return out;
  }
}
