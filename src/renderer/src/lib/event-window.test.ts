import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SessionEventRecord } from '@shared/api/contract';
import { EventCodec, MAX_STRING_LENGTH } from './event-codec';
import { EventWindow, indexOfSeq, seqView } from './event-window';
import { createAppendFilter } from './append-filter';

const rec = (seq: number, event: Record<string, unknown>): SessionEventRecord => ({ seq, event: event as SessionEventRecord['event'] });

/** Events as the host sends them (JSON): flat ones of a few types, and some with nested or long values. */
const scalar = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Metadata', 'Fetch', '127.0.0.1:9092', 'c-1'),
  fc.boolean(),
  fc.constant(null),
);
const flatEvent = fc
  .tuple(fc.constantFrom('request.queued', 'response', 'state'), fc.dictionary(fc.constantFrom('time', 'mono', 'apiName', 'broker', 'bytes', 'errorName', 'ok', 'x y', '0', '__proto__'), scalar, { maxKeys: 8 }))
  .map(([type, rest]) => ({ type, ...rest }));
const oddEvent = fc.oneof(
  fc.record({ type: fc.constant('tls'), chain: fc.array(fc.record({ subject: fc.string() }), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('warning'), message: fc.string({ minLength: MAX_STRING_LENGTH + 1, maxLength: MAX_STRING_LENGTH + 20 }) }),
);
const anyEvent = fc.oneof({ weight: 5, arbitrary: flatEvent }, { weight: 1, arbitrary: oddEvent });

/** What JSON would make of it: the form records arrive in. */
const asJson = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('event window', () => {
  it('gives back every record as it came (same keys, order and values), through appends, pages, and trims at both ends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('append', 'prepend', 'trimHead', 'trimTail'), events: fc.array(anyEvent, { maxLength: 30 }), keep: fc.integer({ min: 0, max: 60 }) }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 9 }),
        (ops, chunk) => {
          const w = new EventWindow(chunk);
          let model: SessionEventRecord[] = [];
          let lo = 10_000;
          let hi = 9_999;
          for (const o of ops) {
            if (o.op === 'append') {
              const recs = asJson(o.events.map((e, i) => rec(hi + 1 + i, e)));
              hi += recs.length;
              if (model.length === 0) lo = hi - recs.length + 1;
              w.append(recs);
              model = model.concat(recs);
            } else if (o.op === 'prepend') {
              const from = (model[0]?.seq ?? hi + 1) - o.events.length;
              const recs = asJson(o.events.map((e, i) => rec(from + i, e)));
              w.prepend(recs);
              model = recs.concat(model);
              if (model.length === recs.length) hi = Math.max(hi, recs.at(-1)?.seq ?? hi);
            } else if (o.op === 'trimHead') {
              const gone = w.trimHead(o.keep);
              expect(model.length - gone).toBeGreaterThanOrEqual(Math.min(o.keep, model.length));
              model = model.slice(gone);
            } else {
              const gone = w.trimTail(o.keep);
              model = model.slice(0, model.length - gone);
              hi = model.at(-1)?.seq ?? hi;
            }
            expect(w.length).toBe(model.length);
            expect(JSON.stringify(w.toArray())).toBe(JSON.stringify(model));
            expect(w.firstSeq).toBe(model[0]?.seq ?? null);
            expect(w.lastSeq).toBe(model.at(-1)?.seq ?? null);
            for (const i of [0, model.length >> 1, model.length - 1, -1]) if (model.length > 0) expect(JSON.stringify(w.at(i))).toBe(JSON.stringify(model.at(i)));
          }
          void lo;
        },
      ),
    );
  });

  it('drops whole chunks, keeping at least `keep` events and at most `keep` + one chunk', () => {
    const w = new EventWindow(10);
    for (let s = 1; s <= 1000; s++) {
      w.append([rec(s, { type: 'request.queued', time: s, apiName: 'Fetch' })]);
      w.trimHead(100);
      expect(w.length).toBeLessThanOrEqual(110);
      if (s >= 100) expect(w.length).toBeGreaterThanOrEqual(100);
      expect(w.lastSeq).toBe(s);
    }
  });

  it('keeps flat events in typed arrays and the others as objects', () => {
    const w = new EventWindow(64);
    const nested = rec(3, { type: 'tls', chain: [{ subject: 'CN=broker' }] });
    w.append([rec(1, { type: 'response', latencyMs: 1.5, apiName: 'Fetch', errorName: null, ok: true }), rec(2, { type: 'response', latencyMs: 2, apiName: 'Fetch', errorName: 'NONE', ok: false }), nested]);
    expect(w.objects).toBe(1);
    expect(w.at(2)).toBe(nested);
    expect(w.at(0)).toEqual({ seq: 1, event: { type: 'response', latencyMs: 1.5, apiName: 'Fetch', errorName: null, ok: true } });
    expect(w.at(1)).not.toBe(w.at(1)); // made on demand
    expect(w.bytes()).toBeGreaterThan(0);
  });

  it('keeps events as objects once the string table is full, and loses none', () => {
    const c = new EventCodec(16, 3);
    const out = new Float64Array(8);
    const shape = c.shapeOf({ type: 'a', s: 'x' });
    expect(c.write(shape, { type: 'a', s: 'x' }, out, 0)).toBe(true);
    expect(c.write(shape, { type: 'a', s: 'y' }, out, 0)).toBe(true);
    expect(c.write(shape, { type: 'a', s: 'z' }, out, 0)).toBe(false); // 'a', 'x', 'y' fill it
    expect(c.read(shape, out, 0)).toEqual({ type: 'a', s: 'y' });
  });

  it('finds records by seq, and a filtered view by its seqs', () => {
    const w = new EventWindow(4);
    w.append([1, 2, 3, 5, 8, 13, 21].map((s) => rec(s, { type: 'state', n: s })));
    expect(indexOfSeq(w, 8)).toBe(4);
    expect(indexOfSeq(w, 4)).toBe(-1);
    expect(w.bySeq(21)?.event).toEqual({ type: 'state', n: 21 });
    const f = createAppendFilter<SessionEventRecord, number>((r) => r.seq, (r) => r.seq, (n) => n);
    const odd = (r: SessionEventRecord): boolean => r.seq % 2 === 1;
    const view = seqView(w, f.apply(w, 'odd', odd));
    expect(view.length).toBe(5);
    expect(view.at(1)?.seq).toBe(3);
    expect(indexOfSeq(view, 13)).toBe(3);
    w.append([rec(34, { type: 'state', n: 34 }), rec(55, { type: 'state', n: 55 })]);
    expect(seqView(w, f.apply(w, 'odd', odd)).at(-1)?.seq).toBe(55);
  });
});
