/** Exponential backoff with jitter, per node: 100 ms growing to 10 s by default. */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** ± fraction of the delay, e.g. 0.2 for ±20%. */
  jitter?: number;
  random?: () => number;
}

export class Backoff {
  private failures = 0;
  private nextAt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 100;
    this.maxMs = opts.maxMs ?? 10_000;
    this.jitter = opts.jitter ?? 0.2;
    this.random = opts.random ?? Math.random;
  }

  get attempts(): number {
    return this.failures;
  }

  /** Monotonic ms before which no dial should start. */
  get nextAttemptAt(): number {
    return this.nextAt;
  }

  /** Records a failure; returns the delay before the next attempt. */
  fail(now = performance.now()): number {
    this.failures++;
    const base = Math.min(this.maxMs, this.initialMs * 2 ** (this.failures - 1));
    const delay = Math.max(0, Math.round(base * (1 + this.jitter * (2 * this.random() - 1))));
    this.nextAt = now + delay;
    return delay;
  }

  reset(): void {
    this.failures = 0;
    this.nextAt = 0;
  }
}
