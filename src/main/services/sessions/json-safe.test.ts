import { describe, expect, it } from 'vitest';
import { toJsonSafe } from './json-safe';

describe('toJsonSafe', () => {
  it('turns int64 into strings, bytes into base64, drops undefined', () => {
    expect(
      toJsonSafe({ a: 1n << 62n, b: Buffer.from('hi'), c: undefined, d: [1, 'x', null], e: NaN }),
    ).toEqual({
      a: '4611686018427387904',
      b: { base64: 'aGk=' },
      d: [1, 'x', null],
      e: 'NaN',
    });
  });
});
