import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Deque } from './deque';

describe('Deque', () => {
  it('behaves like an array used as a FIFO', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.constant(null)), { maxLength: 200 }), (ops) => {
        const d = new Deque<number>();
        const model: number[] = [];
        for (const op of ops) {
          if (op === null) expect(d.shift()).toBe(model.shift());
          else {
            d.push(op);
            model.push(op);
          }
          expect(d.length).toBe(model.length);
          expect(d.peek()).toBe(model[0]);
        }
        expect([...d]).toEqual(model);
        d.removeWhere((x) => x % 2 === 0);
        expect([...d]).toEqual(model.filter((x) => x % 2 !== 0));
      }),
    );
  });
});
