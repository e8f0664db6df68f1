/**
 * Filters a list that grows at its tail and loses its head (a live event window) without
 * re-filtering all of it on every batch: new tail records are tested once each, dropped
 * head records are cut off, and anything else (older records paged in, another filter)
 * filters the whole list again.
 */
export interface AppendFilter<T> {
  /** The filtered list for `source` (in seq order) under the filter named `key`. */
  apply(source: readonly T[], key: string, keep: (item: T) => boolean): readonly T[];
}

/** First index in `list` (in seq order) whose seq is above `seq`. */
export function firstAbove<T>(list: readonly T[], seq: number, seqOf: (item: T) => number = (i) => (i as { seq: number }).seq): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqOf(list[mid]!) > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `seqOf` gives an item's position in the stream (its `seq` unless told otherwise). */
export function createAppendFilter<T>(seqOf: (item: T) => number = (i) => (i as { seq: number }).seq): AppendFilter<T> {
  let key: string | null = null;
  let out: readonly T[] = [];
  /** Oldest and newest seq of the source last filtered. */
  let first = 0;
  let last = 0;

  const full = (source: readonly T[], keep: (item: T) => boolean): readonly T[] => source.filter(keep);

  return {
    apply(source, k, keep) {
      const srcFirst = source.length ? seqOf(source[0]!) : 0;
      const srcLast = source.length ? seqOf(source.at(-1)!) : 0;
      if (k !== key || source.length === 0 || srcFirst < first || srcLast < last) {
        out = full(source, keep);
      } else if (srcFirst !== first || srcLast !== last) {
        const head = srcFirst > first ? firstAbove(out, srcFirst - 1, seqOf) : 0;
        const fresh: T[] = [];
        for (let i = firstAbove(source, last, seqOf); i < source.length; i++) if (keep(source[i]!)) fresh.push(source[i]!);
        if (head > 0 || fresh.length > 0) out = head > 0 ? out.slice(head).concat(fresh) : out.concat(fresh);
      }
      key = k;
      first = srcFirst;
      last = srcLast;
      return out;
    },
  };
}
