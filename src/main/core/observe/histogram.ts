/**
 * A log-linear latency histogram (like HdrHistogram at ~3% precision): constant memory,
 * O(1) record, percentiles on demand. Values are microseconds.
 */
const SUB_BUCKETS = 32; // per power of two: ~3% relative error
const MAX_EXP = 36; // up to 2^36 us ≈ 19 hours

export interface Percentiles {
  count: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

export class Histogram {
  private readonly counts = new Float64Array(SUB_BUCKETS * (MAX_EXP + 1));
  private n = 0;
  private sum = 0;
  private lo = Infinity;
  private hi = 0;

  record(us: number): void {
    const v = us < 1 ? 1 : us;
    this.counts[bucketOf(v)]!++;
    this.n++;
    this.sum += v;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }

  get count(): number {
    return this.n;
  }

  percentile(p: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.hi, Math.max(this.lo, valueOf(i)));
    }
    return this.hi;
  }

  snapshot(): Percentiles {
    return {
      count: this.n,
      min: this.n ? this.lo : 0,
      max: this.hi,
      mean: this.n ? this.sum / this.n : 0,
      p50: this.percentile(50),
      p75: this.percentile(75),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
    };
  }
}

function bucketOf(v: number): number {
  const exp = Math.min(MAX_EXP, Math.floor(Math.log2(v)));
  const base = 2 ** exp;
  const sub = Math.min(SUB_BUCKETS - 1, Math.floor(((v - base) / base) * SUB_BUCKETS));
  return exp * SUB_BUCKETS + sub;
}

/** The upper edge of a bucket. */
function valueOf(index: number): number {
  const exp = Math.floor(index / SUB_BUCKETS);
  const sub = index % SUB_BUCKETS;
  const base = 2 ** exp;
  return base + ((sub + 1) * base) / SUB_BUCKETS;
}
