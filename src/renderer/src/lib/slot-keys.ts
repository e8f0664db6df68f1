/**
 * React keys for the rows a virtual list renders, chosen so that a stream does not remove
 * and create every row element on each update. A row still in view keeps its key (and its
 * element, untouched). When no row stays in view (a jump: the followed tail of a stream, where
 * each update brings a new screenful), the new rows take the keys of the old ones in order, so
 * React rewrites the same elements in place. When some rows stay (a scroll), the new rows get
 * keys no element has: handing them keys of rows that left at the other end would make React
 * move elements, and a move towards the front moves every element after it.
 */
export class SlotKeys {
  private byIndex = new Map<number, number>();
  /** Keys no element has now. */
  private spare: number[] = [];
  private next = 0;

  /** Keys for these row indices (ascending); calling again with the same ones gives the same keys. */
  assign(indices: readonly number[]): number[] {
    const stays = indices.some((i) => this.byIndex.has(i));
    const departed: number[] = [];
    for (const [i, k] of this.byIndex) if (!this.has(indices, i)) departed.push(k);
    let d = 0;
    const keys: number[] = [];
    const byIndex = new Map<number, number>();
    for (const i of indices) {
      let k = this.byIndex.get(i);
      if (k === undefined) k = !stays && d < departed.length ? departed[d++]! : (this.spare.pop() ?? this.next++);
      keys.push(k);
      byIndex.set(i, k);
    }
    for (; d < departed.length; d++) this.spare.push(departed[d]!);
    this.byIndex = byIndex;
    return keys;
  }

  /** Whether `i` is among `indices` (ascending; usually consecutive, so checked directly first). */
  private has(indices: readonly number[], i: number): boolean {
    if (indices.length === 0) return false;
    if (indices[i - indices[0]!] === i) return true;
    let a = 0;
    let b = indices.length - 1;
    while (a <= b) {
      const m = (a + b) >>> 1;
      if (indices[m]! === i) return true;
      if (indices[m]! < i) a = m + 1;
      else b = m - 1;
    }
    return false;
  }
}
