import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from 100 ms and caps at 10 s without jitter', () => {
    const b = new Backoff({ jitter: 0 });
    expect(Array.from({ length: 9 }, () => b.fail(0))).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
    b.reset();
    expect(b.fail(0)).toBe(100);
  });

  it('stays within ±jitter of the base delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (n, r) => {
        const b = new Backoff({ jitter: 0.2, random: () => r });
        let d = 0;
        for (let i = 0; i < n; i++) d = b.fail(0);
        const base = Math.min(10_000, 100 * 2 ** (n - 1));
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(d).toBeLessThanOrEqual(Math.ceil(base * 1.2));
      }),
    );
  });
});
