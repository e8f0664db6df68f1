import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COARSE_BUCKETS, LATENCY_KEEP_SECONDS, LatencyHistogram, LatencySeries, coarseIndex, perSecond } from './latency-series';

/** Nearest-rank percentile of the exact values. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

describe('latency histogram', () => {
  it('puts each percentile within 2% above the exact one, never past the max, and counts the coarse buckets exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.0005, max: 100_000, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.constantFrom(0.5, 0.9, 0.99, 1), (values, p) => {
        const h = new LatencyHistogram();
        for (const v of values) h.add(v);
        const want = exact(values, p);
        const got = h.percentile(p);
        expect(got).toBeGreaterThanOrEqual(want * (1 - 1e-9));
        expect(got).toBeLessThanOrEqual(Math.max(want * 1.02, 0.001) * (1 + 1e-9));
        expect(got).toBeLessThanOrEqual(Math.max(...values));
        const coarse = COARSE_BUCKETS.map(() => 0);
        for (const v of values) coarse[coarseIndex(v)]!++;
        expect(h.coarse).toEqual(coarse);
        expect(h.count).toBe(values.length);
      }),
    );
  });

  it('merged histograms equal one histogram of all the values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 5000, noNaN: true }), { maxLength: 100 }), fc.array(fc.double({ min: 0.01, max: 5000, noNaN: true }), { maxLength: 100 }), (a, b) => {
        const ha = new LatencyHistogram();
        const hb = new LatencyHistogram();
        const all = new LatencyHistogram();
        for (const v of a) {
          ha.add(v);
          all.add(v);
        }
        for (const v of b) {
          hb.add(v);
          all.add(v);
        }
        ha.merge(hb);
        const { mean, ...rest } = ha.pcts();
        const { mean: allMean, ...allRest } = all.pcts();
        expect(rest).toEqual(allRest);
        if (all.count) expect(mean).toBeCloseTo(allMean, 6); // sums in another order
        expect(ha.coarse).toEqual(all.coarse);
      }),
    );
  });
});

describe('latency series', () => {
  it('charts per second and lets go of seconds older than the retention', () => {
    const s = new LatencySeries();
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 100; i++) s.add(t0 + i * 10, 1 + (i % 10)); // one second, 1..10 ms
    s.add(t0 + 2000, 50);
    const ps = perSecond([s], t0, t0 + 2000);
    expect(ps.xs).toEqual([t0 / 1000, t0 / 1000 + 1, t0 / 1000 + 2]);
    expect(ps.count).toEqual([100, 0, 1]);
    expect(ps.p50[0]).toBeCloseTo(5, 0);
    expect(ps.p50[1]).toBeNull();
    expect(ps.p99[2]).toBe(50);
    expect(s.since(t0 + 1000).count).toBe(1);

    s.add(t0 + (LATENCY_KEEP_SECONDS + 5) * 1000, 3);
    expect(s.second(t0 / 1000)).toBeUndefined();
    expect(s.since(0).count).toBe(1);
    expect(s.total.count).toBe(102); // the session's totals keep everything
    s.add(t0, 7); // far older than what is kept: totals only
    expect(s.total.count).toBe(103);
    expect(s.since(0).count).toBe(1);
  });

  it('merges several APIs per second', () => {
    const a = new LatencySeries();
    const b = new LatencySeries();
    a.add(5000, 1);
    b.add(5500, 100);
    expect(perSecond([a, b], 5000, 5999).count).toEqual([2]);
    expect(perSecond([a, b], 5000, 5999).p99).toEqual([100]);
  });
});
