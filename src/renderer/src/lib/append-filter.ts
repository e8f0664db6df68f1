/**
 * Filters a list that grows at its tail and loses its head (a live event window) without
 * re-filtering all of it on every batch: new tail records are tested once each, dropped
 * head records are cut off, and anything else (older records paged in, another filter)
 * filters the whole list again.
 */
import type { RowList } from './event-window';

/** A list in seq order: an array, or a window that can also give an index's seq without making its record. */
export type SeqSource<T> = RowList<T> & { seqAt?(index: number): number };

export interface AppendFilter<T, O> {
  /** What passes the filter named `key` in `source` (in seq order), as `emit` gives it. */
  apply(source: SeqSource<T>, key: string, keep: (item: T) => boolean): readonly O[];
}

const seqField = (i: unknown): number => (i as { seq: number }).seq;

/** The seq at `index` of `list`: the list's own when it can give it (a window), else its item's. */
export function seqAtIndex<T>(list: SeqSource<T>, index: number, seqOf: (item: T) => number = seqField): number {
  return list.seqAt ? list.seqAt(index) : seqOf(list.at(index)!);
}

/** First index in `list` (in seq order) whose seq is above `seq`. */
export function firstAbove<T>(list: SeqSource<T>, seq: number, seqOf: (item: T) => number = seqField): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqAtIndex(list, mid, seqOf) > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * `seqOf` gives an item's position in the stream; what passes is kept as `emit(item)` (the
 * item itself by default; a window's filter keeps seqs, so no record outlives its test),
 * and `outSeq` reads the position back from that.
 */
export function createAppendFilter<T, O = T>(
  seqOf: (item: T) => number = seqField,
  emit: (item: T) => O = (i) => i as unknown as O,
  outSeq: (o: O) => number = seqOf as unknown as (o: O) => number,
): AppendFilter<T, O> {
  let key: string | null = null;
  let out: readonly O[] = [];
  /** Oldest and newest seq of the source last filtered. */
  let first = 0;
  let last = 0;

  const scan = (source: SeqSource<T>, from: number, keep: (item: T) => boolean): O[] => {
    const found: O[] = [];
    for (let i = from; i < source.length; i++) {
      const item = source.at(i)!;
      if (keep(item)) found.push(emit(item));
    }
    return found;
  };

  return {
    apply(source, k, keep) {
      const srcFirst = source.length ? seqAtIndex(source, 0, seqOf) : 0;
      const srcLast = source.length ? seqAtIndex(source, source.length - 1, seqOf) : 0;
      if (k !== key || source.length === 0 || srcFirst < first || srcLast < last) {
        out = scan(source, 0, keep);
      } else if (srcFirst !== first || srcLast !== last) {
        const head = srcFirst > first ? firstAbove(out, srcFirst - 1, outSeq) : 0;
        const fresh = scan(source, firstAbove(source, last, seqOf), keep);
        if (head > 0 || fresh.length > 0) out = head > 0 ? out.slice(head).concat(fresh) : out.concat(fresh);
      }
      key = k;
      first = srcFirst;
      last = srcLast;
      return out;
    },
  };
}
