/**
 * A fixed-capacity ring of a session's events, numbered from 1. Pushing is O(1) and
 * allocates nothing; when full, the oldest event is overwritten (and counted as evicted).
 * Memory is bounded by the capacity whatever the event rate.
 */
export class EventRing<T> {
  private readonly items: (T | undefined)[];
  private head = 0; // index of the next write
  private count = 0;
  private newest = 0;
  private evictedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  /** Adds an item; returns its sequence number. */
  push(item: T): number {
    this.items[this.head] = item;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
    else this.evictedCount++;
    return ++this.newest;
  }

  get size(): number {
    return this.count;
  }

  /** Sequence number of the newest item (0 before the first). */
  get newestSeq(): number {
    return this.newest;
  }

  get oldestSeq(): number | null {
    return this.count === 0 ? null : this.newest - this.count + 1;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  /** The item with this sequence number, if still held. */
  at(seq: number): T | undefined {
    if (this.count === 0 || seq > this.newest || seq < this.newest - this.count + 1) return undefined;
    const back = this.newest - seq; // 0 = newest
    const index = (this.head - 1 - back + this.capacity * 2) % this.capacity;
    return this.items[index];
  }

  /** Items from..to (inclusive, clipped to what is held), oldest first, with their numbers. */
  range(from: number, to: number): { seq: number; item: T }[] {
    const oldest = this.oldestSeq;
    if (oldest === null) return [];
    const lo = Math.max(from, oldest);
    const hi = Math.min(to, this.newest);
    const out: { seq: number; item: T }[] = [];
    for (let s = lo; s <= hi; s++) out.push({ seq: s, item: this.at(s)! });
    return out;
  }

  /** Up to `limit` items just before `beforeSeq` (default: after the newest), oldest first. */
  page(
    beforeSeq: number | undefined,
    limit: number,
  ): { items: { seq: number; item: T }[]; hasMore: boolean } {
    const oldest = this.oldestSeq;
    if (oldest === null) return { items: [], hasMore: false };
    const hi = Math.min((beforeSeq ?? this.newest + 1) - 1, this.newest);
    const lo = Math.max(hi - limit + 1, oldest);
    if (hi < lo) return { items: [], hasMore: false };
    return { items: this.range(lo, hi), hasMore: lo > oldest };
  }
}
