/**
 * Turns a session's event stream into batches for the renderer: at most one batch per
 * interval, at most maxBatch events each. Events go into the ring first; a batch carries
 * the newest events of its window and counts the rest as dropped (they stay pageable in
 * the ring until evicted). Nothing is dropped silently.
 */
import type { EventBatch } from '@shared/api/sessions';
import type { EventRing } from './ring-buffer';

export interface BatcherOptions<T> {
  sessionId: string;
  ring: EventRing<T>;
  /** Default 75 ms; clamped to 50–100 ms. */
  intervalMs?: number;
  /** Default 2000: 26 000 events/s at the default interval, 20 000/s with room to spare. */
  maxBatch?: number;
  send(batch: EventBatch): void;
  /** How an event is put into a batch (default: as is). */
  toWire?: (item: T) => unknown;
}

export const DEFAULT_BATCH_INTERVAL_MS = 75;
export const DEFAULT_MAX_BATCH = 2000;

export class EventBatcher<T> {
  readonly intervalMs: number;
  readonly maxBatch: number;
  private sentUpTo = 0;
  private droppedCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;

  constructor(private readonly opts: BatcherOptions<T>) {
    this.intervalMs = Math.min(100, Math.max(50, opts.intervalMs ?? DEFAULT_BATCH_INTERVAL_MS));
    this.maxBatch = Math.max(1, opts.maxBatch ?? DEFAULT_MAX_BATCH);
    this.sentUpTo = opts.ring.newestSeq;
  }

  get droppedTotal(): number {
    return this.droppedCount;
  }

  /** Records an event; a batch leaves at most intervalMs after the first event of its window. */
  push(item: T): number {
    const seq = this.opts.ring.push(item);
    if (this.timer === null) this.timer = setTimeout(() => this.onTimer(), this.intervalMs);
    return seq;
  }

  /**
   * Node measures a timer from the event loop's cached clock, so after a long task it can
   * fire early; the real clock decides: never two batches within one interval.
   */
  private onTimer(): void {
    this.timer = null;
    const wait = this.lastFlushAt + this.intervalMs - performance.now();
    if (wait > 0.5) this.timer = setTimeout(() => this.onTimer(), Math.ceil(wait));
    else this.flush();
  }

  /** Sends what is pending now (if anything). */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const ring = this.opts.ring;
    const newest = ring.newestSeq;
    const pending = newest - this.sentUpTo;
    if (pending <= 0) return;
    this.lastFlushAt = performance.now();
    const from = Math.max(this.sentUpTo + 1, newest - this.maxBatch + 1);
    const toWire = this.opts.toWire ?? ((x: T) => x);
    const events = ring.range(from, newest).map(({ seq, item }) => ({ seq, event: toWire(item) }));
    const dropped = pending - events.length;
    this.droppedCount += dropped;
    this.sentUpTo = newest;
    this.opts.send({
      sessionId: this.opts.sessionId,
      events: events as EventBatch['events'],
      dropped,
      droppedTotal: this.droppedCount,
      newestSeq: newest,
    });
  }

  /** Flushes and stops the timer. */
  close(): void {
    this.flush();
  }
}
