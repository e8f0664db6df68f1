import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Histogram } from './histogram';

describe('Histogram', () => {
  it('is empty at first', () => {
    expect(new Histogram().snapshot()).toMatchObject({ count: 0, p50: 0, p99: 0, max: 0 });
  });

  it('estimates percentiles within 4% of the exact value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 500 }), fc.constantFrom(50, 90, 99), (values, p) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
        const est = h.percentile(p);
        expect(Math.abs(est - exact) / exact).toBeLessThanOrEqual(0.04);
      }),
    );
  });

  it('tracks count, min, max and mean exactly', () => {
    const h = new Histogram();
    for (const v of [100, 200, 300]) h.record(v);
    expect(h.snapshot()).toMatchObject({ count: 3, min: 100, max: 300, mean: 200 });
  });
});
