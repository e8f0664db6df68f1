import { ProtocolError } from '../errors';
import type { TaggedField } from '../types';
import { COMPACT, NULLABLE, NULL_DEFAULT } from './flags';
import { ZERO_UUID, writeUuidAt } from './uuid';

const INITIAL = 64 * 1024;
const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);

/** A reused writer whose buffer grew past this is given a fresh one after use. */
const KEEP_MAX = 1024 * 1024;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MASK = 2n ** 64n - 1n;

/**
 * A growable output buffer. Every write validates its value (type and range) and throws a ProtocolError
 * naming the field otherwise. Generated encoders also write `buf` directly after one `ensure` per run of
 * fixed-size fields; `buf` and `view` may change on every `ensure`.
 */
export class Writer {
  buf: Buffer;
  view: DataView;
  pos = 0;
  api = '';
  messageName = '';
  version = 0;

  constructor(capacity = INITIAL) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  reset(api: string, messageName: string, version: number): this {
    this.pos = 0;
    this.context(api, messageName, version);
    return this;
  }

  context(api: string, messageName: string, version: number): void {
    this.api = api;
    this.messageName = messageName;
    this.version = version;
  }

  /** Copies the bytes written so far into a new Buffer. */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    out.set(this.buf.subarray(0, this.pos));
    if (this.buf.length > KEEP_MAX) {
      this.buf = Buffer.allocUnsafeSlow(INITIAL);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    }
    this.pos = 0;
    return out;
  }

  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = Buffer.allocUnsafeSlow(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  fail(path: string, reason: string): ProtocolError {
    return new ProtocolError(this.api, this.messageName, this.version, path, this.pos, reason);
  }

  bad(path: string, expected: string, value: unknown): ProtocolError {
    return this.fail(path, `expected ${expected}, got ${describe(value)}`);
  }

  /** Re-throws `e` with a path segment prepended; anything that is not a ProtocolError becomes one. */
  wrap(e: unknown, field: string, index: number): ProtocolError {
    const seg = index >= 0 ? `${field}[${index}]` : field;
    if (e instanceof ProtocolError) return e.prefixPath(seg);
    const msg = e instanceof Error ? e.message : String(e);
    return this.fail(seg, `cannot encode: ${msg}`);
  }

  // ---- fixed-size -------------------------------------------------------------------------------------

  i8(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number' || (v << 24) >> 24 !== v) throw this.bad(path, 'int8', v);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  bool(v: unknown, path: string, def = false): void {
    if (v === undefined) v = def;
    if (typeof v !== 'boolean') throw this.bad(path, 'boolean', v);
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  i16(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number' || (v << 16) >> 16 !== v) throw this.bad(path, 'int16', v);
    this.ensure(2);
    this.view.setInt16(this.pos, v);
    this.pos += 2;
  }

  u16(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number' || (v & 0xffff) !== v) throw this.bad(path, 'uint16', v);
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
  }

  i32(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number' || (v | 0) !== v) throw this.bad(path, 'int32', v);
    this.ensure(4);
    this.view.setInt32(this.pos, v);
    this.pos += 4;
  }

  u32(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number' || v >>> 0 !== v) throw this.bad(path, 'uint32', v);
    this.ensure(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }

  i64(v: unknown, path: string, def = 0n): void {
    if (v === undefined) v = def;
    if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) throw this.bad(path, 'int64 (bigint)', v);
    this.ensure(8);
    this.view.setBigInt64(this.pos, v);
    this.pos += 8;
  }

  f64(v: unknown, path: string, def = 0): void {
    if (v === undefined) v = def;
    if (typeof v !== 'number') throw this.bad(path, 'float64', v);
    this.ensure(8);
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
  }

  uuid(v: unknown, path: string, def: string = ZERO_UUID): void {
    if (v === undefined) v = def;
    this.ensure(16);
    if (!writeUuidAt(this.buf, this.pos, v)) throw this.bad(path, 'uuid (22-character base64url string)', v);
    this.pos += 16;
  }

  // ---- varints ----------------------------------------------------------------------------------------

  /** Unsigned varint of a uint32. */
  uvarint(v: number): void {
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    while (v > 0x7f) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  /** Checked unsigned varint (for values from bodies, e.g. tags). */
  uvarintChecked(v: unknown, path: string): void {
    if (typeof v !== 'number' || v >>> 0 !== v) throw this.bad(path, 'uint32', v);
    this.uvarint(v);
  }

  /** Signed (zig-zag) 32-bit varint. */
  varint(v: unknown, path: string): void {
    if (typeof v !== 'number' || (v | 0) !== v) throw this.bad(path, 'int32', v);
    this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** Unsigned 64-bit varlong. */
  uvarlong(v: bigint): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    if (v <= 0x1fffffffffffffn) {
      // Exact in a double (53 bits).
      let n = Number(v);
      while (n > 0x7f) {
        b[p++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
      }
      b[p++] = n;
    } else {
      while (v > 0x7fn) {
        b[p++] = Number(v & 0x7fn) | 0x80;
        v >>= 7n;
      }
      b[p++] = Number(v);
    }
    this.pos = p;
  }

  /** Signed (zig-zag) 64-bit varlong. */
  varlong(v: unknown, path: string): void {
    if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) throw this.bad(path, 'int64 (bigint)', v);
    this.uvarlong(((v << 1n) ^ (v >> 63n)) & UINT64_MASK);
  }

  // ---- strings ----------------------------------------------------------------------------------------

  /**
   * Writes `s` as UTF-8 at the current position, assuming room for `maxBytes` (3 per UTF-16 unit) has
   * been ensured; returns the byte length.
   */
  private utf8(s: string): number {
    const b = this.buf;
    const start = this.pos;
    const n = s.length;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p = start + b.write(s, start, 'utf8');
        break;
      }
      b[p++] = c;
    }
    this.pos = p;
    return p - start;
  }

  /** Classic string (int16 length). */
  str(v: unknown, path: string, def: string | null = ''): void {
    if (v === undefined) v = def;
    if (typeof v !== 'string') throw this.bad(path, 'string', v);
    this.strImpl(v, path);
  }

  nstr(v: unknown, path: string, def: string | null = null): void {
    if (v === undefined) v = def;
    if (v === null) {
      this.ensure(2);
      this.buf[this.pos++] = 0xff;
      this.buf[this.pos++] = 0xff;
      return;
    }
    if (typeof v !== 'string') throw this.bad(path, 'string or null', v);
    this.strImpl(v, path);
  }

  private strImpl(v: string, path: string): void {
    this.ensure(2 + v.length * 3);
    const lenAt = this.pos;
    this.pos += 2;
    const len = this.utf8(v);
    if (len > 0x7fff) {
      this.pos = lenAt;
      throw this.fail(path, `string of ${len} UTF-8 bytes is longer than the 32767 an int16 length allows`);
    }
    this.buf[lenAt] = len >> 8;
    this.buf[lenAt + 1] = len;
  }

  /** Compact string (unsigned varint length + 1). */
  strC(v: unknown, path: string, def: string | null = ''): void {
    if (v === undefined) v = def;
    if (typeof v !== 'string') throw this.bad(path, 'string', v);
    this.strCImpl(v);
  }

  nstrC(v: unknown, path: string, def: string | null = null): void {
    if (v === undefined) v = def;
    if (v === null) {
      this.ensure(1);
      this.buf[this.pos++] = 0;
      return;
    }
    if (typeof v !== 'string') throw this.bad(path, 'string or null', v);
    this.strCImpl(v);
  }

  private strCImpl(v: string): void {
    const units = v.length;
    if (units <= 42) {
      // At most 126 UTF-8 bytes: the length prefix is one byte.
      this.ensure(1 + units * 3);
      const lenAt = this.pos++;
      const len = this.utf8(v);
      this.buf[lenAt] = len + 1;
      return;
    }
    const len = Buffer.byteLength(v, 'utf8');
    this.uvarint(len + 1);
    this.ensure(len);
    this.pos += this.buf.write(v, this.pos, 'utf8');
  }

  // ---- bytes ------------------------------------------------------------------------------------------

  raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** Classic bytes (int32 length). */
  bytes(v: unknown, path: string, def: Uint8Array | null = EMPTY_BYTES): void {
    if (v === undefined) v = def;
    if (!(v instanceof Uint8Array)) throw this.bad(path, 'Uint8Array', v);
    this.i32(v.length, path);
    this.raw(v);
  }

  nbytes(v: unknown, path: string, def: Uint8Array | null = null): void {
    if (v === undefined) v = def;
    if (v === null) {
      this.i32(-1, path);
      return;
    }
    this.bytes(v, path);
  }

  bytesC(v: unknown, path: string, def: Uint8Array | null = EMPTY_BYTES): void {
    if (v === undefined) v = def;
    if (!(v instanceof Uint8Array)) throw this.bad(path, 'Uint8Array', v);
    this.uvarint(v.length + 1);
    this.raw(v);
  }

  nbytesC(v: unknown, path: string, def: Uint8Array | null = null): void {
    if (v === undefined) v = def;
    if (v === null) {
      this.uvarint(0);
      return;
    }
    this.bytesC(v, path);
  }

  // ---- arrays -----------------------------------------------------------------------------------------

  /** Classic array length; `null` writes -1 (callers check nullability). */
  arrayLen(n: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, n);
    this.pos += 4;
  }

  /** Compact array length (n + 1; -1 for null writes 0). */
  arrayLenC(n: number): void {
    this.uvarint(n + 1);
  }

  /**
   * Starts an array field: resolves a missing value to its default, writes the length (or null) and
   * returns the array to write, or null.
   */
  arrayStart(v: unknown, path: string, flags: number): readonly unknown[] | null {
    if (v === undefined) v = flags & NULL_DEFAULT && flags & NULLABLE ? null : EMPTY_ARRAY;
    if (v === null) {
      if (!(flags & NULLABLE)) throw this.bad(path, 'array', v);
      if (flags & COMPACT) this.uvarint(0);
      else this.arrayLen(-1);
      return null;
    }
    if (!Array.isArray(v)) throw this.bad(path, 'array', v);
    if (flags & COMPACT) this.uvarint(v.length + 1);
    else this.arrayLen(v.length);
    return v;
  }

  bools(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x !== 'boolean') throw this.bad(`${path}[${i}]`, 'boolean', x);
      this.buf[this.pos++] = x ? 1 : 0;
    }
  }

  i8s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length);
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      if ((x << 24) >> 24 !== x) throw this.bad(`${path}[${i}]`, 'int8', x);
      this.buf[this.pos++] = x;
    }
  }

  i16s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 2);
    const dv = this.view;
    let p = this.pos;
    for (let i = 0; i < a.length; i++, p += 2) {
      const x = a[i] as number;
      if ((x << 16) >> 16 !== x) throw this.bad(`${path}[${i}]`, 'int16', x);
      dv.setInt16(p, x);
    }
    this.pos = p;
  }

  u16s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 2);
    const dv = this.view;
    let p = this.pos;
    for (let i = 0; i < a.length; i++, p += 2) {
      const x = a[i] as number;
      if ((x & 0xffff) !== x) throw this.bad(`${path}[${i}]`, 'uint16', x);
      dv.setUint16(p, x);
    }
    this.pos = p;
  }

  i32s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 4);
    const dv = this.view;
    let p = this.pos;
    for (let i = 0; i < a.length; i++, p += 4) {
      const x = a[i] as number;
      if ((x | 0) !== x) throw this.bad(`${path}[${i}]`, 'int32', x);
      dv.setInt32(p, x);
    }
    this.pos = p;
  }

  u32s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 4);
    const dv = this.view;
    let p = this.pos;
    for (let i = 0; i < a.length; i++, p += 4) {
      const x = a[i] as number;
      if (x >>> 0 !== x) throw this.bad(`${path}[${i}]`, 'uint32', x);
      dv.setUint32(p, x);
    }
    this.pos = p;
  }

  i64s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 8);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x !== 'bigint' || x < INT64_MIN || x > INT64_MAX)
        throw this.bad(`${path}[${i}]`, 'int64 (bigint)', x);
      this.view.setBigInt64(this.pos, x);
      this.pos += 8;
    }
  }

  f64s(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 8);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x !== 'number') throw this.bad(`${path}[${i}]`, 'float64', x);
      this.view.setFloat64(this.pos, x);
      this.pos += 8;
    }
  }

  uuids(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    this.ensure(a.length * 16);
    for (let i = 0; i < a.length; i++) {
      if (!writeUuidAt(this.buf, this.pos, a[i]))
        throw this.bad(`${path}[${i}]`, 'uuid (22-character base64url string)', a[i]);
      this.pos += 16;
    }
  }

  strs(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x !== 'string') throw this.bad(`${path}[${i}]`, 'string', x);
      if (flags & COMPACT) this.strCImpl(x);
      else this.strImpl(x, `${path}[${i}]`);
    }
  }

  bytesArray(v: unknown, path: string, flags: number): void {
    const a = this.arrayStart(v, path, flags);
    if (a === null) return;
    for (let i = 0; i < a.length; i++) {
      if (flags & COMPACT) this.bytesC(a[i], `${path}[${i}]`);
      else this.bytes(a[i], `${path}[${i}]`);
    }
  }

  /**
   * Starts a struct field: resolves a missing value ({} — every field at its default — or null when the
   * default is null), writes the presence byte of nullable structs, and returns the object or null.
   */
  structStart(v: unknown, path: string, flags: number): object | null {
    if (v === undefined) v = flags & NULL_DEFAULT && flags & NULLABLE ? null : {};
    if (v === null) {
      if (!(flags & NULLABLE)) throw this.bad(path, 'object', v);
      this.ensure(1);
      this.buf[this.pos++] = 0xff;
      return null;
    }
    if (typeof v !== 'object') throw this.bad(path, 'object', v);
    if (flags & NULLABLE) {
      this.ensure(1);
      this.buf[this.pos++] = 1;
    }
    return v;
  }

  // ---- tagged fields ----------------------------------------------------------------------------------

  /** Writes a tag and reserves one byte for the value's size; returns the mark for {@link endTagged}. */
  beginTagged(tag: number): number {
    this.uvarint(tag);
    this.ensure(1);
    return this.pos++;
  }

  /** Fills in the size of the tagged value written since `mark`, moving it if the size needs >1 byte. */
  endTagged(mark: number): void {
    const size = this.pos - mark - 1;
    if (size < 0x80) {
      this.buf[mark] = size;
      return;
    }
    const extra = size < 1 << 14 ? 1 : size < 1 << 21 ? 2 : size < 1 << 28 ? 3 : 4;
    this.ensure(extra);
    const b = this.buf;
    b.copyWithin(mark + 1 + extra, mark + 1, this.pos);
    let p = mark;
    let v = size;
    while (v > 0x7f) {
      b[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[p] = v;
    this.pos += extra;
  }

  /** Validates an `_unknownTaggedFields` value; returns how many fields it holds. */
  unknownCount(v: unknown, path: string): number {
    if (v === undefined || v === null) return 0;
    if (!Array.isArray(v)) throw this.bad(path, 'array of { tag, data }', v);
    for (let i = 0; i < v.length; i++) {
      const f = v[i] as TaggedField | undefined;
      if (
        typeof f !== 'object' ||
        f === null ||
        typeof f.tag !== 'number' ||
        f.tag >>> 0 !== f.tag ||
        !(f.data instanceof Uint8Array)
      ) {
        throw this.bad(`${path}[${i}]`, '{ tag: uint32, data: Uint8Array }', f);
      }
    }
    return v.length;
  }

  /** The tagged-field section of a struct version that defines no tagged fields. */
  unknownOnly(v: unknown): void {
    if (v === undefined) {
      this.ensure(1);
      this.buf[this.pos++] = 0;
      return;
    }
    const n = this.unknownCount(v, '_unknownTaggedFields');
    this.uvarint(n);
    if (n !== 0) this.unknownBefore(v as TaggedField[], 0, Infinity, '_unknownTaggedFields');
  }

  /**
   * Writes the unknown tagged fields from index `i` whose tag is below `beforeTag` (all remaining when
   * `beforeTag` is Infinity); returns the next index. A tag equal to a known one is an error.
   */
  unknownBefore(v: readonly TaggedField[] | undefined, i: number, beforeTag: number, path: string): number {
    if (v === undefined || v === null) return i;
    for (; i < v.length; i++) {
      const f = v[i]!;
      if (f.tag > beforeTag) break;
      if (f.tag === beforeTag)
        throw this.fail(
          `${path}[${i}]`,
          `unknown tagged field uses tag ${f.tag}, which this version defines`,
        );
      this.uvarint(f.tag);
      this.uvarint(f.data.length);
      this.raw(f.data);
    }
    return i;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string')
    return v.length > 40 ? `string "${v.slice(0, 40)}…"` : `string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
    return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  return typeof v;
}
