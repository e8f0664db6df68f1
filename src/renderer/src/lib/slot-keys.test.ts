import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlotKeys } from './slot-keys';

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('slot keys', () => {
  it('keeps the keys of rows still in view; on a jump, hands the old keys on in order', () => {
    const s = new SlotKeys();
    expect(s.assign(range(0, 4))).toEqual([0, 1, 2, 3]);
    expect(s.assign(range(0, 4))).toEqual([0, 1, 2, 3]);
    // One row down: rows 1–3 keep their keys, row 4 gets one no element has (row 0's element goes).
    expect(s.assign(range(1, 4))).toEqual([1, 2, 3, 4]);
    // One row up: row 0 gets a key whose element is gone (0), not row 4's live one.
    expect(s.assign(range(0, 4))).toEqual([0, 1, 2, 3]);
    // A jump: every row is new, and takes the keys in the order they were on screen.
    expect(s.assign(range(1000, 4))).toEqual([0, 1, 2, 3]);
    // A taller view takes a spare key (4) before making one; a shorter one keeps those that stay.
    expect(s.assign(range(1000, 6))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.assign(range(1002, 2))).toEqual([2, 3]);
  });

  it('gives distinct keys, keeps those of rows that stay, gives a scroll\'s new rows no live key, and makes few keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 12 })), { maxLength: 40 }), (views) => {
        const s = new SlotKeys();
        let prev = new Map<number, number>();
        let most = 0;
        for (const [from, n] of views) {
          const idx = range(from, n);
          const keys = s.assign(idx);
          expect(new Set(keys).size).toBe(keys.length);
          const live = new Set(prev.values());
          const stays = idx.some((i) => prev.has(i));
          idx.forEach((i, j) => {
            if (prev.has(i)) expect(keys[j]).toBe(prev.get(i));
            // A new row of a scroll must not take the key of an element still in the DOM (React would move it).
            else if (stays) expect(live.has(keys[j]!)).toBe(false);
          });
          // Keys in use now and before, at most: more than that are never made.
          most = Math.max(most, n + prev.size);
          expect(Math.max(-1, ...keys)).toBeLessThan(most);
          prev = new Map(idx.map((i, j) => [i, keys[j]!]));
        }
      }),
    );
  });
});
