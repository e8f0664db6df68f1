import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors';
import { COMPACT, NULLABLE, NULL_DEFAULT } from './flags';
import { Reader } from './reader';
import { uuidFromBytes, uuidToBytes, uuidToHex, ZERO_UUID } from './uuid';
import { Writer } from './writer';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function reader(bytes: Uint8Array | string): Reader {
  const b = typeof bytes === 'string' ? hex(bytes) : bytes;
  return new Reader().reset(b, 'Test', 'TestMessage', 1);
}

function written(f: (w: Writer) => void): string {
  const w = new Writer(8).reset('Test', 'TestMessage', 1);
  f(w);
  return w.finish().toString('hex');
}

function protocolError(f: () => unknown): ProtocolError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    return e as ProtocolError;
  }
  throw new Error('expected a ProtocolError');
}

describe('fixed-size integers', () => {
  const cases: [string, (w: Writer, v: never) => void, (r: Reader) => unknown, unknown, string][] = [
    ['int8 min', (w, v) => w.i8(v, 'x'), (r) => r.i8('x'), -128, '80'],
    ['int8 max', (w, v) => w.i8(v, 'x'), (r) => r.i8('x'), 127, '7f'],
    ['int8 -1', (w, v) => w.i8(v, 'x'), (r) => r.i8('x'), -1, 'ff'],
    ['int16 min', (w, v) => w.i16(v, 'x'), (r) => r.i16('x'), -32768, '8000'],
    ['int16 max', (w, v) => w.i16(v, 'x'), (r) => r.i16('x'), 32767, '7fff'],
    ['int16 -2', (w, v) => w.i16(v, 'x'), (r) => r.i16('x'), -2, 'fffe'],
    ['uint16 max', (w, v) => w.u16(v, 'x'), (r) => r.u16('x'), 65535, 'ffff'],
    ['uint16 0', (w, v) => w.u16(v, 'x'), (r) => r.u16('x'), 0, '0000'],
    ['int32 min', (w, v) => w.i32(v, 'x'), (r) => r.i32('x'), -2147483648, '80000000'],
    ['int32 max', (w, v) => w.i32(v, 'x'), (r) => r.i32('x'), 2147483647, '7fffffff'],
    ['uint32 max', (w, v) => w.u32(v, 'x'), (r) => r.u32('x'), 4294967295, 'ffffffff'],
    ['uint32 2^31', (w, v) => w.u32(v, 'x'), (r) => r.u32('x'), 2147483648, '80000000'],
    ['int64 min', (w, v) => w.i64(v, 'x'), (r) => r.i64('x'), -(2n ** 63n), '8000000000000000'],
    ['int64 max', (w, v) => w.i64(v, 'x'), (r) => r.i64('x'), 2n ** 63n - 1n, '7fffffffffffffff'],
    ['int64 -1', (w, v) => w.i64(v, 'x'), (r) => r.i64('x'), -1n, 'ffffffffffffffff'],
    ['float64 1.5', (w, v) => w.f64(v, 'x'), (r) => r.f64('x'), 1.5, '3ff8000000000000'],
    ['float64 -0', (w, v) => w.f64(v, 'x'), (r) => r.f64('x'), -0, '8000000000000000'],
    ['float64 -Infinity', (w, v) => w.f64(v, 'x'), (r) => r.f64('x'), -Infinity, 'fff0000000000000'],
    ['bool true', (w, v) => w.bool(v, 'x'), (r) => r.bool('x'), true, '01'],
    ['bool false', (w, v) => w.bool(v, 'x'), (r) => r.bool('x'), false, '00'],
  ];
  for (const [name, write, read, value, bytes] of cases) {
    it(`${name}: ${bytes}`, () => {
      expect(written((w) => write(w, value as never))).toBe(bytes);
      const r = reader(bytes);
      expect(Object.is(read(r), value)).toBe(true);
      expect(r.pos).toBe(bytes.length / 2);
    });
  }

  it('float64 NaN round-trips', () => {
    expect(reader(written((w) => w.f64(NaN, 'x'))).f64('x')).toBeNaN();
  });

  it('any non-zero byte is true', () => {
    expect(reader('02').bool('x')).toBe(true);
    expect(reader('ff').bool('x')).toBe(true);
  });

  it('rejects out-of-range and wrongly typed values when encoding', () => {
    const w = new Writer(8);
    expect(() => w.i8(128, 'x')).toThrow(ProtocolError);
    expect(() => w.i8(-129, 'x')).toThrow(ProtocolError);
    expect(() => w.i16(32768, 'x')).toThrow(ProtocolError);
    expect(() => w.u16(-1, 'x')).toThrow(ProtocolError);
    expect(() => w.u16(65536, 'x')).toThrow(ProtocolError);
    expect(() => w.i32(2 ** 31, 'x')).toThrow(ProtocolError);
    expect(() => w.i32(1.5, 'x')).toThrow(ProtocolError);
    expect(() => w.i32('1', 'x')).toThrow(ProtocolError);
    expect(() => w.i32(null, 'x')).toThrow(ProtocolError);
    expect(() => w.u32(-1, 'x')).toThrow(ProtocolError);
    expect(() => w.u32(2 ** 32, 'x')).toThrow(ProtocolError);
    expect(() => w.i64(2n ** 63n, 'x')).toThrow(ProtocolError);
    expect(() => w.i64(1, 'x')).toThrow(ProtocolError);
    expect(() => w.f64(1n, 'x')).toThrow(ProtocolError);
    expect(() => w.bool(1, 'x')).toThrow(ProtocolError);
  });

  it('uses the default for undefined', () => {
    expect(written((w) => w.i32(undefined, 'x', -1))).toBe('ffffffff');
    expect(written((w) => w.i64(undefined, 'x', -1n))).toBe('ffffffffffffffff');
    expect(written((w) => w.bool(undefined, 'x', true))).toBe('01');
  });

  it('every fixed-size read fails at the end of the data with the field and offset', () => {
    const short: [(r: Reader) => unknown, number][] = [
      [(r) => r.i8('f'), 1],
      [(r) => r.bool('f'), 1],
      [(r) => r.i16('f'), 2],
      [(r) => r.u16('f'), 2],
      [(r) => r.i32('f'), 4],
      [(r) => r.u32('f'), 4],
      [(r) => r.i64('f'), 8],
      [(r) => r.f64('f'), 8],
      [(r) => r.uuid('f'), 16],
    ];
    for (const [read, size] of short) {
      const r = new Reader().reset(new Uint8Array(size + 2), 'Test', 'TestMessage', 3, 3);
      const e = protocolError(() => read(r));
      expect(e.path).toBe('f');
      expect(e.offset).toBe(3);
      expect(e.api).toBe('Test');
      expect(e.version).toBe(3);
      expect(r.pos).toBe(3);
    }
  });

  it('never reads past `end` even when the underlying buffer continues', () => {
    const r = new Reader().reset(hex('0000000100000002'), 'Test', 'TestMessage', 0, 0, 6);
    expect(r.i32('a')).toBe(1);
    expect(() => r.i32('b')).toThrow(ProtocolError);
  });

  it('property: int32/int64 round-trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        (a, b) => {
          const r = reader(written((w) => (w.i32(a, 'a'), w.i64(b, 'b'))));
          expect(r.i32('a')).toBe(a);
          expect(r.i64('b')).toBe(b);
        },
      ),
    );
  });
});

describe('varints', () => {
  const uv: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [2 ** 21 - 1, 'ffff7f'],
    [2 ** 28 - 1, 'ffffff7f'],
    [2 ** 28, '8080808001'],
    [2 ** 31 - 1, 'ffffffff07'],
    [2 ** 32 - 1, 'ffffffff0f'],
  ];
  for (const [value, bytes] of uv) {
    it(`unsigned varint ${value} <-> ${bytes}`, () => {
      expect(written((w) => w.uvarint(value))).toBe(bytes);
      const r = reader(bytes);
      expect(r.uvarint('x')).toBe(value);
      expect(r.pos).toBe(bytes.length / 2);
    });
  }

  const sv: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ];
  for (const [value, bytes] of sv) {
    it(`zig-zag varint ${value} <-> ${bytes}`, () => {
      expect(written((w) => w.varint(value, 'x'))).toBe(bytes);
      expect(reader(bytes).varint('x')).toBe(value);
    });
  }

  const vl: [bigint, string][] = [
    [0n, '00'],
    [-1n, '01'],
    [1n, '02'],
    [2n ** 31n, '8080808010'],
    [-(2n ** 31n) - 1n, '8180808010'],
    [2n ** 52n, '80808080808080 10'],
    [2n ** 63n - 1n, 'feffffffffffffffff01'],
    [-(2n ** 63n), 'ffffffffffffffffff01'],
  ];
  for (const [value, bytes] of vl) {
    it(`zig-zag varlong ${value} <-> ${bytes.replace(' ', '')}`, () => {
      expect(written((w) => w.varlong(value, 'x'))).toBe(bytes.replace(' ', ''));
      const r = reader(bytes);
      expect(r.varlong('x')).toBe(value);
      expect(r.pos).toBe(bytes.replace(' ', '').length / 2);
    });
  }

  it('10-byte varlongs decode; an 11th byte or a too-wide 10th byte is rejected', () => {
    expect(reader('ffffffffffffffffff01').uvarlong('x')).toBe(2n ** 64n - 1n);
    expect(protocolError(() => reader('ffffffffffffffffff02').uvarlong('x')).offset).toBe(9);
    expect(protocolError(() => reader('ffffffffffffffffff8001').uvarlong('x')).reason).toMatch(
      /longer than 10 bytes/,
    );
  });

  it('rejects over-long and over-wide unsigned varints', () => {
    const e = protocolError(() => reader('ffffffff10').uvarint('len'));
    expect(e.path).toBe('len');
    expect(e.offset).toBe(4);
    expect(e.reason).toMatch(/longer than 5 bytes or wider than 32 bits/);
    expect(() => reader('ffffffff8f01').uvarint('len')).toThrow(/longer than 5 bytes/);
    expect(() => reader('8080808080').uvarint('len')).toThrow(ProtocolError);
  });

  it('rejects truncated varints', () => {
    expect(() => reader('').uvarint('x')).toThrow(/needs 1 byte/);
    expect(() => reader('80').uvarint('x')).toThrow(/truncated varint/);
    expect(() => reader('ffffffff').uvarint('x')).toThrow(/truncated varint/);
    expect(() => reader('8080').uvarlong('x')).toThrow(/truncated varlong/);
  });

  it('accepts non-minimal encodings (as Java does)', () => {
    expect(reader('8000').uvarint('x')).toBe(0);
  });

  it('property: varint / varlong round-trip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.nat(),
        (a, b, c) => {
          const r = reader(written((w) => (w.varint(a, 'a'), w.varlong(b, 'b'), w.uvarint(c))));
          expect(r.varint('a')).toBe(a);
          expect(r.varlong('b')).toBe(b);
          expect(r.uvarint('c')).toBe(c);
          expect(r.remaining).toBe(0);
        },
      ),
    );
  });
});

describe('strings', () => {
  it('classic, nullable and compact forms', () => {
    expect(written((w) => w.str('abc', 'x'))).toBe('0003616263');
    expect(written((w) => w.str('', 'x'))).toBe('0000');
    expect(written((w) => w.nstr(null, 'x'))).toBe('ffff');
    expect(written((w) => w.strC('abc', 'x'))).toBe('04616263');
    expect(written((w) => w.strC('', 'x'))).toBe('01');
    expect(written((w) => w.nstrC(null, 'x'))).toBe('00');
    expect(reader('0003616263').str('x')).toBe('abc');
    expect(reader('ffff').nstr('x')).toBeNull();
    expect(reader('04616263').strC('x')).toBe('abc');
    expect(reader('00').nstrC('x')).toBeNull();
    expect(reader('01').strC('x')).toBe('');
  });

  it('UTF-8 multibyte characters (2, 3 and 4 bytes) are counted in bytes', () => {
    const s = 'é€😀'; // 2 + 3 + 4 bytes
    expect(written((w) => w.str(s, 'x'))).toBe('0009' + Buffer.from(s).toString('hex'));
    expect(written((w) => w.strC(s, 'x'))).toBe('0a' + Buffer.from(s).toString('hex'));
    expect(reader('0009' + Buffer.from(s).toString('hex')).str('x')).toBe(s);
    expect(reader('0a' + Buffer.from(s).toString('hex')).strC('x')).toBe(s);
  });

  it('long strings (multi-byte compact length, native path)', () => {
    const s = 'x'.repeat(200) + 'ü'.repeat(100);
    const w = written((w) => w.strC(s, 'x'));
    expect(w.slice(0, 6)).toBe('9103' + '78'); // 400 bytes: length + 1 = 401 -> varint 91 03
    expect(reader(w).strC('x')).toBe(s);
    expect(reader(written((w) => w.str(s, 'x'))).str('x')).toBe(s);
  });

  it('rejects null where not nullable, negative lengths and lengths past the end', () => {
    expect(protocolError(() => reader('ffff').str('name')).reason).toMatch(
      /null where the field is not nullable/,
    );
    expect(protocolError(() => reader('fffe').nstr('name')).reason).toMatch(/negative length -2/);
    expect(protocolError(() => reader('000561').str('name')).reason).toMatch(/string length 5 exceeds/);
    expect(protocolError(() => reader('00').strC('name')).reason).toMatch(
      /null where the field is not nullable/,
    );
    expect(protocolError(() => reader('0661').strC('name')).reason).toMatch(/string length 5 exceeds/);
    expect(protocolError(() => reader('ffffffff0f').nstrC('name')).reason).toMatch(/exceeds/);
  });

  it('rejects strings longer than an int16 length allows', () => {
    expect(() => written((w) => w.str('x'.repeat(32768), 'x'))).toThrow(/32767/);
    expect(written((w) => w.str('x'.repeat(32767), 'x')).slice(0, 4)).toBe('7fff');
  });

  it('invalid UTF-8 decodes with replacement characters (like Java)', () => {
    expect(reader('0002c328').str('x')).toBe('\ufffd(');
  });

  it('property: any string round-trips in every form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const r = reader(written((w) => (w.str(s, 'a'), w.nstr(s, 'b'), w.strC(s, 'c'), w.nstrC(s, 'd'))));
        expect([r.str('a'), r.nstr('b'), r.strC('c'), r.nstrC('d')]).toEqual([s, s, s, s]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('bytes', () => {
  it('classic, nullable and compact forms', () => {
    expect(written((w) => w.bytes(new Uint8Array([1, 2]), 'x'))).toBe('000000020102');
    expect(written((w) => w.nbytes(null, 'x'))).toBe('ffffffff');
    expect(written((w) => w.bytesC(new Uint8Array([1, 2]), 'x'))).toBe('030102');
    expect(written((w) => w.nbytesC(null, 'x'))).toBe('00');
    expect(reader('000000020102').bytes('x')).toEqual(new Uint8Array([1, 2]));
    expect(reader('ffffffff').nbytes('x')).toBeNull();
    expect(reader('030102').bytesC('x')).toEqual(new Uint8Array([1, 2]));
    expect(reader('00').nbytesC('x')).toBeNull();
  });

  it('decoded bytes are copies, not views of the payload', () => {
    const payload = hex('030102');
    const b = reader(payload).bytesC('x');
    payload[1] = 9;
    expect(b).toEqual(new Uint8Array([1, 2]));
    expect(b.buffer).not.toBe(payload.buffer);
  });

  it('rejects negative and past-the-end lengths', () => {
    expect(protocolError(() => reader('fffffffe').nbytes('x')).reason).toMatch(/negative length -2/);
    expect(protocolError(() => reader('ffffffff').bytes('x')).reason).toMatch(/not nullable/);
    expect(protocolError(() => reader('7fffffff00').bytes('x')).reason).toMatch(
      /bytes length 2147483647 exceeds/,
    );
    expect(protocolError(() => reader('00').bytesC('x')).reason).toMatch(/not nullable/);
  });
});

describe('arrays', () => {
  it('length prefixes are checked against what remains before allocating', () => {
    const e = protocolError(() => reader('7fffffff').i32s('replicas', 0));
    expect(e.reason).toMatch(/length 2147483647 needs at least 8589934588 bytes, 0 remain/);
    expect(protocolError(() => reader('ffffffff0f').i32s('replicas', COMPACT)).reason).toMatch(
      /needs at least/,
    );
    // Structs of minimum size 0 still need a byte per element.
    expect(() => reader('00000005').arrayLen('x', 0, false)).toThrow(/needs at least 5 bytes/);
  });

  it('null and negative lengths', () => {
    expect(reader('ffffffff').i32s('x', NULLABLE)).toBeNull();
    expect(reader('00').i32s('x', COMPACT | NULLABLE)).toBeNull();
    expect(protocolError(() => reader('ffffffff').i32s('x', 0)).reason).toMatch(/not nullable/);
    expect(protocolError(() => reader('fffffffe').i32s('x', NULLABLE)).reason).toMatch(/negative length -2/);
  });

  it('primitive arrays round-trip', () => {
    const r = reader(
      written((w) => {
        w.i32s([1, -1, 2147483647], 'a', COMPACT);
        w.i64s([-1n, 5n], 'b', 0);
        w.strs(['a', 'é'], 'c', COMPACT);
        w.uuids([ZERO_UUID], 'd', 0);
        w.i8s([-128, 127], 'e', 0);
        w.i16s([-32768], 'f', COMPACT);
        w.bools([true, false], 'g', 0);
        w.i32s(undefined, 'h', COMPACT | NULLABLE | NULL_DEFAULT);
        w.i32s(undefined, 'i', COMPACT | NULLABLE);
      }),
    );
    expect(r.i32s('a', COMPACT)).toEqual([1, -1, 2147483647]);
    expect(r.i64s('b', 0)).toEqual([-1n, 5n]);
    expect(r.strs('c', COMPACT)).toEqual(['a', 'é']);
    expect(r.uuids('d', 0)).toEqual([ZERO_UUID]);
    expect(r.i8s('e', 0)).toEqual([-128, 127]);
    expect(r.i16s('f', COMPACT)).toEqual([-32768]);
    expect(r.bools('g', 0)).toEqual([true, false]);
    expect(r.i32s('h', COMPACT | NULLABLE)).toBeNull();
    expect(r.i32s('i', COMPACT | NULLABLE)).toEqual([]);
    expect(r.remaining).toBe(0);
  });

  it('a bad element names its index', () => {
    expect(() => written((w) => w.i32s([1, 'x'], 'replicas', 0))).toThrow(/replicas\[1\]/);
    const e = protocolError(() => reader('03 0261 0a62').strs('names', COMPACT));
    expect(e.path).toBe('names[1]');
  });
});

describe('uuid', () => {
  it('uses Java Uuid.toString (base64url, no padding)', () => {
    const bytes = hex('43f466d5590147ea8c3e9d6534d2b53e'.slice(0, 32));
    const s = uuidFromBytes(bytes);
    expect(s).toHaveLength(22);
    expect(s).toBe(Buffer.from(bytes).toString('base64url'));
    expect(uuidToBytes(s)).toEqual(new Uint8Array(bytes));
    expect(uuidToHex(s)).toBe('43f466d5590147ea8c3e9d6534d2b53e');
    expect(uuidFromBytes(new Uint8Array(16))).toBe(ZERO_UUID);
    expect(uuidFromBytes(new Uint8Array(16).fill(255))).toBe('_____________________w');
  });

  it('rejects non-canonical and malformed strings', () => {
    expect(() => uuidToBytes('AAAAAAAAAAAAAAAAAAAAAB')).toThrow(); // low bits of the last char set
    expect(() => uuidToBytes('AAAAAAAAAAAAAAAAAAAAA')).toThrow();
    expect(() => uuidToBytes('AAAAAAAAAAAAAAAAAAAA+A')).toThrow();
    expect(() => written((w) => w.uuid('nope', 'topicId'))).toThrow(/topicId/);
  });

  it('property: 16 bytes round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        const s = uuidFromBytes(b);
        expect(s).toBe(Buffer.from(b).toString('base64url'));
        expect(uuidToBytes(s)).toEqual(b);
        expect(reader(written((w) => w.uuid(s, 'x'))).uuid('x')).toBe(s);
      }),
    );
  });
});

describe('tagged field helpers', () => {
  it('sizes above 127 bytes move the value to make room for a longer size varint', () => {
    const w = new Writer(4).reset('T', 'T', 0);
    const m = w.beginTagged(5);
    w.raw(new Uint8Array(300).fill(7));
    w.endTagged(m);
    const out = w.finish();
    const r = reader(out);
    expect(r.uvarint('tag')).toBe(5);
    expect(r.uvarint('size')).toBe(300);
    expect(r.remaining).toBe(300);
    expect(out[out.length - 1]).toBe(7);
  });

  it('a tagged value must use exactly its declared size', () => {
    const r = reader('0102');
    const saved = r.enterTagged(2, 'f');
    r.i8('f');
    expect(() => r.leaveTagged(saved, 'f')).toThrow(/left 1 of its declared bytes unread/);
    expect(() => reader('01').enterTagged(5, 'f')).toThrow(/exceeds/);
  });

  it('grows the buffer across many writes', () => {
    const w = new Writer(2).reset('T', 'T', 0);
    for (let i = 0; i < 1000; i++) w.i32(i, 'x');
    const r = reader(w.finish());
    for (let i = 0; i < 1000; i++) expect(r.i32('x')).toBe(i);
  });
});
