import { describe, expect, it } from 'vitest';
import { EventRing } from './ring-buffer';

describe('event ring', () => {
  it('numbers items from 1 and pages back, oldest first', () => {
    const r = new EventRing<string>(5);
    expect(r.page(undefined, 10)).toEqual({ items: [], hasMore: false });
    for (const x of ['a', 'b', 'c']) r.push(x);
    expect(r.oldestSeq).toBe(1);
    expect(r.newestSeq).toBe(3);
    expect(r.page(undefined, 2)).toEqual({
      items: [
        { seq: 2, item: 'b' },
        { seq: 3, item: 'c' },
      ],
      hasMore: true,
    });
    expect(r.page(2, 10)).toEqual({ items: [{ seq: 1, item: 'a' }], hasMore: false });
  });

  it('overwrites the oldest when full and counts evictions; memory stays at capacity', () => {
    const r = new EventRing<number>(4);
    for (let i = 1; i <= 10; i++) r.push(i);
    expect(r.size).toBe(4);
    expect(r.evicted).toBe(6);
    expect(r.oldestSeq).toBe(7);
    expect(r.at(6)).toBeUndefined();
    expect(r.at(7)).toBe(7);
    expect(r.range(1, 100).map((x) => x.item)).toEqual([7, 8, 9, 10]);
    expect(r.page(9, 100)).toEqual({
      items: [
        { seq: 7, item: 7 },
        { seq: 8, item: 8 },
      ],
      hasMore: false,
    });
    expect(r.page(7, 10)).toEqual({ items: [], hasMore: false });
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new EventRing(0)).toThrow(RangeError);
  });
});
