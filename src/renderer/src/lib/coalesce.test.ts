import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const g = globalThis as { requestAnimationFrame?: (cb: () => void) => unknown };

describe('coalesce', () => {
  let had: typeof g.requestAnimationFrame;
  beforeEach(() => {
    had = g.requestAnimationFrame;
    // A frame that costs 10 ms of main thread, after the run.
    g.requestAnimationFrame = (cb) => setTimeout(() => (cb(), busy(10)), 0);
  });
  afterEach(() => {
    g.requestAnimationFrame = had;
  });

  it('runs once for many requests, at least minGapMs apart', async () => {
    let runs = 0;
    const c = coalesce(() => runs++, { minGapMs: 50 });
    for (let i = 0; i < 10; i++) c.schedule();
    await sleep(10);
    expect(runs).toBe(1);
    c.schedule();
    await sleep(20);
    expect(runs).toBe(1);
    await sleep(60);
    expect(runs).toBe(2);
    c.close();
  });

  it('spaces expensive runs so they take at most their share of the main thread, up to maxGapMs', async () => {
    const c = coalesce(() => busy(20), { minGapMs: 20, share: 0.25, maxGapMs: 400 });
    expect(c.gap()).toBe(20);
    for (let i = 0; i < 6; i++) {
      c.schedule();
      await sleep(c.gap() + 30);
    }
    // Each run costs ~30 ms (20 in its task, 10 in its frame): a quarter of the time is ~120 ms apart.
    expect(c.gap()).toBeGreaterThan(100);
    expect(c.gap()).toBeLessThanOrEqual(400);
    const capped = coalesce(() => busy(40), { minGapMs: 20, share: 0.1, maxGapMs: 150 });
    capped.schedule();
    await sleep(100);
    expect(capped.gap()).toBe(150);
    c.close();
    capped.close();
  });
});
