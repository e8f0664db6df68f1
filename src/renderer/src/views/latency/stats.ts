/** Percentiles, histograms and per-second series from latency samples. */
import type { LatencySample } from '../../lib/derive';

export interface Pcts {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of a sorted array. */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function percentiles(values: readonly number[]): Pcts {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { count: s.length, p50: rank(s, 0.5), p90: rank(s, 0.9), p99: rank(s, 0.99), max: s[s.length - 1] ?? Number.NaN, mean: s.length ? sum / s.length : Number.NaN };
}

/** Upper edges (ms) of the histogram buckets; the last one is open. */
export const BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, Number.POSITIVE_INFINITY];

export function bucketLabel(i: number): string {
  const hi = BUCKETS[i]!;
  if (!Number.isFinite(hi)) return `>${BUCKETS[i - 1]}`;
  return hi < 1 ? `≤${hi}` : `≤${hi}`;
}

export function histogram(values: readonly number[]): number[] {
  const counts = BUCKETS.map(() => 0);
  for (const v of values) {
    let i = 0;
    while (v > BUCKETS[i]!) i++;
    counts[i]!++;
  }
  return counts;
}

/** Per-second p50 / p90 / p99 and count, over [from, to]. */
export function perSecond(samples: readonly LatencySample[], from: number, to: number): [number[], (number | null)[], (number | null)[], (number | null)[], number[]] {
  const start = Math.floor(from / 1000);
  const end = Math.floor(to / 1000);
  const n = Math.max(1, end - start + 1);
  const buckets: number[][] = Array.from({ length: n }, () => []);
  for (const s of samples) {
    const i = Math.floor(s.t / 1000) - start;
    if (i >= 0 && i < n) buckets[i]!.push(s.ms);
  }
  const xs: number[] = [];
  const p50: (number | null)[] = [];
  const p90: (number | null)[] = [];
  const p99: (number | null)[] = [];
  const count: number[] = [];
  buckets.forEach((b, i) => {
    xs.push(start + i);
    if (b.length === 0) {
      p50.push(null);
      p90.push(null);
      p99.push(null);
      count.push(0);
      return;
    }
    const p = percentiles(b);
    p50.push(p.p50);
    p90.push(p.p90);
    p99.push(p.p99);
    count.push(b.length);
  });
  return [xs, p50, p90, p99, count];
}
