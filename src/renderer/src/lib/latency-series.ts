/**
 * Round-trip times of one API, kept as per-second histograms rather than as samples, so
 * the latency view costs the same at 10 replies a second as at 10 000: percentiles come
 * from log-spaced buckets (each 2% wide, so a percentile is within 2% of the exact one,
 * and never above the true maximum), and the coarse power-of-two histogram is exact.
 * Seconds older than LATENCY_KEEP_SECONDS behind the newest are let go; whole-session
 * totals are kept apart.
 */

/** Upper edges (ms) of the coarse histogram's buckets; the last one is open. */
export const COARSE_BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, Number.POSITIVE_INFINITY];
export const LATENCY_KEEP_SECONDS = 900;

const MIN_MS = 0.001;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

export interface Pcts {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export const NO_PCTS: Pcts = { count: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };

function fineIndex(ms: number): number {
  return ms <= MIN_MS ? 0 : Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH);
}

export function coarseIndex(ms: number): number {
  let i = 0;
  while (ms > COARSE_BUCKETS[i]!) i++;
  return i;
}

/** Counts per log bucket over the range of buckets used so far, with exact count, sum, min and max. */
export class LatencyHistogram {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  readonly coarse: number[] = COARSE_BUCKETS.map(() => 0);
  private lo = 0;
  private counts = new Uint32Array(0);

  add(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    this.coarse[coarseIndex(ms)]!++;
    this.bump(fineIndex(ms), 1);
  }

  /** Adds another histogram's counts to this one. */
  merge(o: LatencyHistogram): void {
    if (o.count === 0) return;
    this.count += o.count;
    this.sum += o.sum;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    for (let i = 0; i < o.coarse.length; i++) this.coarse[i]! += o.coarse[i]!;
    this.reserve(o.lo, o.lo + o.counts.length - 1);
    const off = o.lo - this.lo;
    for (let i = 0; i < o.counts.length; i++) this.counts[off + i]! += o.counts[i]!;
  }

  /** Nearest-rank percentile (0 < p ≤ 1): the upper edge of the bucket holding it, clamped to [min, max]. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, MIN_MS * GROWTH ** (this.lo + i)));
    }
    return this.max;
  }

  pcts(): Pcts {
    if (this.count === 0) return NO_PCTS;
    return { count: this.count, p50: this.percentile(0.5), p90: this.percentile(0.9), p99: this.percentile(0.99), max: this.max, mean: this.sum / this.count };
  }

  private bump(i: number, n: number): void {
    this.reserve(i, i);
    this.counts[i - this.lo]! += n;
  }

  /** Grows the bucket range to cover [from, to]. */
  private reserve(from: number, to: number): void {
    if (this.counts.length === 0) {
      this.lo = from;
      this.counts = new Uint32Array(to - from + 1);
      return;
    }
    const hi = this.lo + this.counts.length - 1;
    if (from >= this.lo && to <= hi) return;
    const lo = Math.min(this.lo, from);
    const next = new Uint32Array(Math.max(hi, to) - lo + 1);
    next.set(this.counts, this.lo - lo);
    this.lo = lo;
    this.counts = next;
  }
}

/** One API's replies: per-second histograms for the recent past and the whole session's totals. */
export class LatencySeries {
  readonly total = new LatencyHistogram();
  private readonly seconds = new Map<number, LatencyHistogram>();
  private newestSec = Number.NEGATIVE_INFINITY;

  /** `t` is the reply's wall time (ms since the epoch). */
  add(t: number, ms: number): void {
    this.total.add(ms);
    const sec = Math.floor(t / 1000);
    if (sec <= this.newestSec - LATENCY_KEEP_SECONDS) return; // too old to chart
    let h = this.seconds.get(sec);
    if (!h) this.seconds.set(sec, (h = new LatencyHistogram()));
    h.add(ms);
    if (sec > this.newestSec) {
      this.newestSec = sec;
      for (const s of this.seconds.keys()) if (s <= sec - LATENCY_KEEP_SECONDS) this.seconds.delete(s);
    }
  }

  /** Time (ms) of the oldest second held, or null. */
  firstTime(): number | null {
    let first = Number.POSITIVE_INFINITY;
    for (const s of this.seconds.keys()) if (s < first) first = s;
    return Number.isFinite(first) ? first * 1000 : null;
  }

  /** The histogram of second `sec` (seconds since the epoch), if any reply fell in it. */
  second(sec: number): LatencyHistogram | undefined {
    return this.seconds.get(sec);
  }

  /** Everything from `fromMs` on, merged. */
  since(fromMs: number): LatencyHistogram {
    const from = Math.floor(fromMs / 1000);
    const out = new LatencyHistogram();
    for (const [s, h] of this.seconds) if (s >= from) out.merge(h);
    return out;
  }
}

export interface PerSecondSeries {
  /** Seconds since the epoch. */
  xs: number[];
  p50: (number | null)[];
  p90: (number | null)[];
  p99: (number | null)[];
  count: number[];
}

/** Per-second p50 / p90 / p99 and count over [fromMs, toMs], across the given series. */
export function perSecond(series: readonly LatencySeries[], fromMs: number, toMs: number): PerSecondSeries {
  const start = Math.floor(fromMs / 1000);
  const end = Math.max(start, Math.floor(toMs / 1000));
  const out: PerSecondSeries = { xs: [], p50: [], p90: [], p99: [], count: [] };
  for (let sec = start; sec <= end; sec++) {
    let h: LatencyHistogram | undefined;
    if (series.length === 1) h = series[0]!.second(sec);
    else {
      for (const s of series) {
        const one = s.second(sec);
        if (!one) continue;
        h ??= new LatencyHistogram();
        h.merge(one);
      }
    }
    out.xs.push(sec);
    out.count.push(h?.count ?? 0);
    out.p50.push(h ? h.percentile(0.5) : null);
    out.p90.push(h ? h.percentile(0.9) : null);
    out.p99.push(h ? h.percentile(0.99) : null);
  }
  return out;
}
