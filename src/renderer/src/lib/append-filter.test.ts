import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createAppendFilter, firstAbove } from './append-filter';

const recs = (from: number, to: number): { seq: number }[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => ({ seq: from + i }));
const even = (r: { seq: number }): boolean => r.seq % 2 === 0;

describe('append filter', () => {
  it('gives what a full filter gives, through appends, head trims, pages of older records and filter changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('append' as const), n: fc.integer({ min: 0, max: 40 }) }),
            fc.record({ op: fc.constant('trim' as const), n: fc.integer({ min: 0, max: 40 }) }),
            fc.record({ op: fc.constant('older' as const), n: fc.integer({ min: 1, max: 40 }) }),
            fc.record({ op: fc.constant('filter' as const), n: fc.integer({ min: 2, max: 5 }) }),
          ),
          { maxLength: 60 },
        ),
        (ops) => {
          const f = createAppendFilter<{ seq: number }>();
          let lo = 1000;
          let hi = 999;
          let mod = 2;
          for (const o of ops) {
            if (o.op === 'append') hi += o.n;
            if (o.op === 'trim') lo = Math.min(hi + 1, lo + o.n);
            if (o.op === 'older') lo = Math.max(1, lo - o.n);
            if (o.op === 'filter') mod = o.n;
            const source = recs(lo, hi);
            const keep = (r: { seq: number }): boolean => r.seq % mod === 0;
            expect(f.apply(source, `mod${mod}`, keep)).toEqual(source.filter(keep));
          }
        },
      ),
    );
  });

  it('tests each new record once while the list only grows', () => {
    const f = createAppendFilter<{ seq: number }>();
    let calls = 0;
    const keep = (r: { seq: number }): boolean => (calls++, even(r));
    f.apply(recs(1, 100), 'k', keep);
    f.apply(recs(1, 150), 'k', keep);
    f.apply(recs(51, 200), 'k', keep);
    expect(calls).toBe(200);
    expect(f.apply(recs(51, 200), 'k', keep)).toEqual(recs(51, 200).filter(even));
    expect(calls).toBe(200);
  });

  it('finds the first record above a seq', () => {
    const l = recs(10, 20);
    expect(firstAbove(l, 9)).toBe(0);
    expect(firstAbove(l, 10)).toBe(1);
    expect(firstAbove(l, 20)).toBe(11);
    expect(firstAbove([], 5)).toBe(0);
  });
});
