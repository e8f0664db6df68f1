/**
 * A session's window of events, held compactly (see event-codec): in chunks of typed arrays
 * that are appended at the tail, prepended at the head (older pages) and dropped whole, so
 * the window slides without copying or leaving old-generation garbage behind. Records are
 * made on demand by `at(i)`: only the rows on screen (and whatever a filter tests) become
 * objects, and those die young. Events that cannot be encoded are kept as they came.
 */
import type { SessionEventRecord } from '@shared/api/contract';
import { EventCodec } from './event-codec';
import { firstAbove, seqAtIndex, type SeqSource } from './append-filter';

/** What a table reads rows from: an array, this window, or a filtered view of it. */
export interface RowList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Values a chunk reserves per event at first (it grows when its events are wider). */
const VALUES_PER_EVENT = 16;

class Chunk {
  n = 0;
  used = 0;
  readonly seq: Float64Array;
  readonly shape: Int32Array;
  readonly start: Uint32Array;
  values: Float64Array;
  /** Events kept as objects (shape -1), by index in the chunk. */
  objects: Map<number, SessionEventRecord> | null = null;

  constructor(readonly cap: number) {
    this.seq = new Float64Array(cap);
    this.shape = new Int32Array(cap);
    this.start = new Uint32Array(cap);
    this.values = new Float64Array(cap * VALUES_PER_EVENT);
  }

  bytes(): number {
    return this.seq.byteLength + this.shape.byteLength + this.start.byteLength + this.values.byteLength;
  }
}

export class EventWindow implements RowList<SessionEventRecord> {
  private chunks: Chunk[] = [];
  /** Index in the window of each chunk's first event. */
  private firsts: number[] = [];
  private total = 0;
  private readonly codec = new EventCodec();
  /** Events kept as objects because they could not be encoded. */
  private objectCount = 0;
  /** A dropped chunk, emptied, for the next append to reuse. */
  private spare: Chunk | null = null;

  constructor(private readonly chunkSize = 4096) {}

  get length(): number {
    return this.total;
  }

  get firstSeq(): number | null {
    return this.total > 0 ? this.chunks[0]!.seq[0]! : null;
  }

  get lastSeq(): number | null {
    if (this.total === 0) return null;
    const c = this.chunks.at(-1)!;
    return c.seq[c.n - 1]!;
  }

  /** The record at `index` (negative counts from the end, as for arrays). */
  at(index: number): SessionEventRecord | undefined {
    const i = index < 0 ? this.total + index : index;
    if (i < 0 || i >= this.total) return undefined;
    const k = this.chunkOf(i);
    return this.read(this.chunks[k]!, i - this.firsts[k]!);
  }

  seqAt(index: number): number {
    const k = this.chunkOf(index);
    return this.chunks[k]!.seq[index - this.firsts[k]!]!;
  }

  bySeq(seq: number): SessionEventRecord | undefined {
    const i = indexOfSeq(this, seq);
    return i < 0 ? undefined : this.at(i);
  }

  /** Adds records newer than the newest held, in seq order. */
  append(records: readonly SessionEventRecord[]): void {
    for (const r of records) {
      let c = this.chunks.at(-1);
      if (!c || c.n === c.cap) {
        c = this.spare?.cap === this.chunkSize ? this.spare : new Chunk(this.chunkSize);
        this.spare = null;
        this.firsts.push(this.total);
        this.chunks.push(c);
      }
      this.put(c, r);
      this.total++;
    }
  }

  /** Adds records older than the oldest held, in seq order. */
  prepend(records: readonly SessionEventRecord[]): void {
    if (records.length === 0) return;
    const made: Chunk[] = [];
    for (let i = 0; i < records.length; i += this.chunkSize) {
      const part = records.slice(i, i + this.chunkSize);
      const c = new Chunk(part.length);
      for (const r of part) this.put(c, r);
      made.push(c);
    }
    this.chunks = made.concat(this.chunks);
    this.total += records.length;
    this.reindex();
  }

  /** Drops whole chunks from the head while at least `keep` events remain; returns how many went. */
  trimHead(keep: number): number {
    return this.trim(keep, () => this.chunks[0]!, () => this.chunks.shift()!);
  }

  /** Drops whole chunks from the tail while at least `keep` events remain; returns how many went. */
  trimTail(keep: number): number {
    return this.trim(keep, () => this.chunks.at(-1)!, () => this.chunks.pop()!);
  }

  /** Bytes the window holds in its arrays and tables (the objects it keeps are counted apart). */
  bytes(): number {
    return this.chunks.reduce((a, c) => a + c.bytes(), 0) + (this.spare?.bytes() ?? 0) + this.codec.bytes();
  }

  /** Events held as objects because they could not be encoded. */
  get objects(): number {
    return this.objectCount;
  }

  toArray(): SessionEventRecord[] {
    const out: SessionEventRecord[] = [];
    for (const c of this.chunks) for (let j = 0; j < c.n; j++) out.push(this.read(c, j));
    return out;
  }

  private trim(keep: number, end: () => Chunk, take: () => Chunk): number {
    let dropped = 0;
    while (this.chunks.length > 1 && this.total - end().n >= keep) {
      const c = take();
      dropped += c.n;
      this.total -= c.n;
      this.objectCount -= c.objects?.size ?? 0;
      this.recycle(c);
    }
    if (dropped > 0) this.reindex();
    return dropped;
  }

  /**
   * Keeps a dropped chunk for the next one needed: a sliding window then allocates no new
   * arrays (their memory is outside the JS heap, and allocating it also brings on GCs).
   */
  private recycle(c: Chunk): void {
    if (c.cap !== this.chunkSize) return;
    c.n = 0;
    c.used = 0;
    c.objects = null;
    this.spare = c;
  }

  private put(c: Chunk, r: SessionEventRecord): void {
    const j = c.n++;
    c.seq[j] = r.seq;
    c.start[j] = c.used;
    const shape = this.codec.shapeOf(r.event);
    if (shape >= 0) {
      const w = this.codec.width(shape);
      if (c.used + w > c.values.length) {
        const grown = new Float64Array(Math.max(c.values.length * 2, c.used + w));
        grown.set(c.values);
        c.values = grown;
      }
      if (this.codec.write(shape, r.event, c.values, c.used)) {
        c.shape[j] = shape;
        c.used += w;
        return;
      }
    }
    c.shape[j] = -1;
    (c.objects ??= new Map()).set(j, r);
    this.objectCount++;
  }

  private read(c: Chunk, j: number): SessionEventRecord {
    const shape = c.shape[j]!;
    if (shape < 0) return c.objects!.get(j)!;
    return { seq: c.seq[j]!, event: this.codec.read(shape, c.values, c.start[j]!) as SessionEventRecord['event'] };
  }

  /** The chunk holding window index `i` (the newest chunks are checked first: tables follow the tail). */
  private chunkOf(i: number): number {
    const last = this.chunks.length - 1;
    if (i >= this.firsts[last]!) return last;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firsts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private reindex(): void {
    this.firsts = [];
    let n = 0;
    for (const c of this.chunks) {
      this.firsts.push(n);
      n += c.n;
    }
  }
}

/** The records of `window` with these seqs (in seq order): a filtered window that holds no records itself. */
export function seqView(window: EventWindow, seqs: readonly number[]): RowList<SessionEventRecord> & { seqAt(index: number): number } {
  return {
    length: seqs.length,
    at: (i) => {
      const seq = seqs.at(i);
      return seq === undefined ? undefined : window.bySeq(seq);
    },
    seqAt: (i) => seqs[i]!,
  };
}

/** Index of the record with this seq in a list in seq order, or -1. */
export function indexOfSeq(list: SeqSource<{ seq: number }>, seq: number): number {
  const i = firstAbove(list, seq - 1); // seqs are integers: the first at or above `seq`
  return i < list.length && seqAtIndex(list, i) === seq ? i : -1;
}
