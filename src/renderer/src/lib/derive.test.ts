import { describe, expect, it } from 'vitest';
import type { KafkaEvent, SessionEventRecord } from '@shared/api/contract';
import { HISTORY_MAX, SessionDerived } from './derive';

const base = { time: 1000, mono: 0, connectionId: 'c1', broker: 'b:9092', nodeId: 1 };
const ref = { correlationId: 7, apiKey: 3, apiName: 'Metadata', apiVersion: 12 };
let seq = 0;
const rec = (event: Record<string, unknown>): SessionEventRecord => ({ seq: ++seq, event: { seq, ...base, ...event } as unknown as KafkaEvent });

describe('SessionDerived', () => {
  it('moves a request from in flight to the history when its reply comes', () => {
    seq = 0;
    const d = new SessionDerived();
    d.ingest([rec({ type: 'request.queued', ...ref, bytes: 30, queued: 0, inFlight: 0 })]);
    expect(d.inflight.size).toBe(1);
    d.ingest([rec({ type: 'request.written', ...ref, bytes: 30, queuedMs: 0.1, expectResponse: true, time: 1001 })]);
    expect([...d.inflight.values()][0]!.sentAt).toBe(1001);
    d.ingest([rec({ type: 'response', ...ref, latencyMs: 4, requestBytes: 30, responseBytes: 400, errorCode: 0, errorName: null, throttleTimeMs: 0, time: 1005 })]);
    expect(d.inflight.size).toBe(0);
    expect(d.history).toHaveLength(1);
    expect(d.history[0]).toMatchObject({ outcome: 'ok', latencyMs: 4, responseBytes: 400, sentAt: 1001 });
    expect(d.latency.get('Metadata')?.total.pcts()).toMatchObject({ count: 1, p50: 4, max: 4 });
    expect(d.latency.get('Metadata')?.second(1)?.count).toBe(1);
  });

  it('completes the handshake ApiVersions on the versions event and fails pending requests on close', () => {
    seq = 0;
    const d = new SessionDerived();
    d.ingest([
      rec({ type: 'request.queued', correlationId: 0, apiKey: 18, apiName: 'ApiVersions', apiVersion: 4, bytes: 45, queued: 0, inFlight: 0 }),
      rec({ type: 'versions', source: 'ApiVersions', requestVersion: 4, attempts: 1, hint: null, apis: [], ms: 3, time: 1003 }),
      rec({ type: 'request.queued', ...ref, bytes: 30, queued: 0, inFlight: 0 }),
      rec({ type: 'close', reason: 'CONNECTION_BROKEN', message: 'reset', kind: 'ECONNRESET', cause: null, state: 'READY', msInState: 10, inFlightFailed: 1, queuedFailed: 0, time: 1010 }),
    ]);
    expect(d.inflight.size).toBe(0);
    expect(d.history.map((h) => h.outcome)).toEqual(['ok', 'failed']);
    expect(d.closes).toHaveLength(1);
    expect(d.conns.get('c1')!.state).toBe('CLOSED');
  });

  it('folds older pages in once, without resurrecting finished requests', () => {
    seq = 0;
    const all = [
      rec({ type: 'request.queued', ...ref, bytes: 30, queued: 0, inFlight: 0 }),
      rec({ type: 'response', ...ref, latencyMs: 4, requestBytes: 30, responseBytes: 400, errorCode: 0, errorName: null, throttleTimeMs: 0 }),
      rec({ type: 'state', from: 'DNS', to: 'TCP_CONNECT', msInPrevious: 1 }),
    ];
    const d = new SessionDerived();
    d.ingest([all[2]!]);
    d.ingest(all.slice(0, 2));
    d.ingest(all); // duplicates: ignored
    expect(d.inflight.size).toBe(0);
    expect(d.history).toHaveLength(1);
    expect(d.conns.get('c1')!.steps).toHaveLength(1);
  });

  it('keeps the filter choices and the failure count of the history window as rows come and go', () => {
    seq = 0;
    const d = new SessionDerived();
    const reply = (i: number, errorCode: number) =>
      rec({ type: 'response', ...ref, correlationId: i, broker: `b${i % 3}:9092`, latencyMs: 1, requestBytes: 30, responseBytes: 40, errorCode, errorName: errorCode ? 'NOT_LEADER_OR_FOLLOWER' : null, throttleTimeMs: 0 });
    const n = Math.ceil(HISTORY_MAX * 1.1) + 10;
    const batch: SessionEventRecord[] = [];
    for (let i = 0; i < n; i++) batch.push(reply(i, i % 10 === 0 ? 6 : 0));
    d.ingest(batch);
    expect(d.history.length).toBeLessThanOrEqual(HISTORY_MAX * 1.1);
    expect(d.historyFailures).toBe(d.history.filter((r) => r.outcome !== 'ok').length);
    expect([...d.seen.brokers].sort()).toEqual(['b0:9092', 'b1:9092', 'b2:9092']);
    expect([...d.seen.errors]).toEqual(['NOT_LEADER_OR_FOLLOWER']);
    expect([...d.seen.apis]).toEqual(['Metadata']);
  });

  it('pairs an inspector call with the history row of the correlation id it went out with', () => {
    seq = 0;
    const d = new SessionDerived();
    const now = Date.now();
    // Two Metadata replies on the same node at the same time: only the correlation id tells them apart.
    d.ingest([
      rec({ type: 'response', ...ref, correlationId: 41, time: now, latencyMs: 1, requestBytes: 30, responseBytes: 40, errorCode: 0, errorName: null, throttleTimeMs: 0 }),
      rec({ type: 'response', ...ref, correlationId: 42, time: now, latencyMs: 1, requestBytes: 30, responseBytes: 40, errorCode: 0, errorName: null, throttleTimeMs: 0 }),
    ]);
    const call = { id: 1, apiKey: 3, apiName: 'Metadata', nodeId: 1, request: {}, startedAt: now - 5, endedAt: now + 5, latencyMs: 1, response: {}, error: null, sentAs: 'c1:42', rowKey: null };
    d.addInspectorCall(call);
    expect(call.rowKey).toBe('c1:42');
    expect(d.inspectorByRow.get('c1:42')).toBe(call);
    expect(d.inspectorByRow.has('c1:41')).toBe(false);
  });
});
