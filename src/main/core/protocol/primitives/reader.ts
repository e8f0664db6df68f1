import { ProtocolError } from '../errors';
import type { TaggedField } from '../types';
import { uuidAt } from './uuid';
import { COMPACT, NULLABLE } from './flags';

const EMPTY_BUFFER = Buffer.alloc(0);
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));

/**
 * A cursor over one payload. Every read checks that the bytes are there and throws a ProtocolError
 * (naming the field passed in and the byte offset) otherwise; nothing is ever read past `end`.
 * Length prefixes are checked against the bytes that remain before anything is allocated.
 *
 * Generated decoders also read `buf` directly after one bounds check per run of fixed-size fields.
 */
export class Reader {
  /** The payload (a Buffer view of it when given a plain Uint8Array, so element access stays monomorphic). */
  buf: Buffer = EMPTY_BUFFER;
  view: DataView = EMPTY_VIEW;
  pos = 0;
  end = 0;
  /** Context for errors. */
  api = '';
  messageName = '';
  version = 0;

  reset(buf: Uint8Array, api: string, messageName: string, version: number, pos = 0, end = buf.length): this {
    this.buf = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = pos;
    this.end = end;
    this.api = api;
    this.messageName = messageName;
    this.version = version;
    return this;
  }

  /** Changes the error context (e.g. from the header to the body) without moving. */
  context(api: string, messageName: string, version: number): void {
    this.api = api;
    this.messageName = messageName;
    this.version = version;
  }

  /** Drops the references to the payload so a reused reader does not keep it alive. */
  release(): void {
    this.buf = EMPTY_BUFFER;
    this.view = EMPTY_VIEW;
    this.pos = 0;
    this.end = 0;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  fail(path: string, reason: string, offset = this.pos): ProtocolError {
    return ProtocolError.fromData(this.api, this.messageName, this.version, path, offset, reason);
  }

  /** The error for a fixed-size read of `need` bytes at `offset` that does not fit. */
  eof(path: string, need: number, offset = this.pos): ProtocolError {
    const left = Math.max(0, this.end - offset);
    return this.fail(path, `needs ${need} byte${need === 1 ? '' : 's'}, ${left} remain`, offset);
  }

  /**
   * For a run of fixed-size fields that failed its single bounds check: names the first field that does
   * not fit. `layout` alternates field name and size.
   */
  eofRun(start: number, layout: readonly (string | number)[]): ProtocolError {
    let p = start;
    for (let i = 0; i + 1 < layout.length; i += 2) {
      const size = layout[i + 1] as number;
      if (p + size > this.end) return this.eof(layout[i] as string, size, p);
      p += size;
    }
    return this.eof('', 0, p);
  }

  /** Re-throws `e` with a path segment prepended; anything that is not a ProtocolError becomes one. */
  wrap(e: unknown, field: string, index: number): ProtocolError {
    const seg = index >= 0 ? `${field}[${index}]` : field;
    if (e instanceof ProtocolError) return e.prefixPath(seg);
    const msg = e instanceof Error ? e.message : String(e);
    return this.fail(seg, `internal error: ${msg}`);
  }

  need(n: number, path: string): number {
    const p = this.pos;
    if (n > this.end - p) throw this.eof(path, n);
    return p;
  }

  // ---- fixed-size -------------------------------------------------------------------------------------

  i8(path: string): number {
    const p = this.pos;
    if (p + 1 > this.end) throw this.eof(path, 1);
    this.pos = p + 1;
    return (this.buf[p]! << 24) >> 24;
  }

  bool(path: string): boolean {
    const p = this.pos;
    if (p + 1 > this.end) throw this.eof(path, 1);
    this.pos = p + 1;
    return this.buf[p] !== 0;
  }

  i16(path: string): number {
    const p = this.pos;
    if (p + 2 > this.end) throw this.eof(path, 2);
    this.pos = p + 2;
    return this.view.getInt16(p);
  }

  u16(path: string): number {
    const p = this.pos;
    if (p + 2 > this.end) throw this.eof(path, 2);
    this.pos = p + 2;
    return this.view.getUint16(p);
  }

  i32(path: string): number {
    const p = this.pos;
    if (p + 4 > this.end) throw this.eof(path, 4);
    this.pos = p + 4;
    return this.view.getInt32(p);
  }

  u32(path: string): number {
    return this.i32(path) >>> 0;
  }

  i64(path: string): bigint {
    const p = this.pos;
    if (p + 8 > this.end) throw this.eof(path, 8);
    this.pos = p + 8;
    return this.view.getBigInt64(p);
  }

  f64(path: string): number {
    const p = this.pos;
    if (p + 8 > this.end) throw this.eof(path, 8);
    this.pos = p + 8;
    return this.view.getFloat64(p);
  }

  uuid(path: string): string {
    const p = this.pos;
    if (p + 16 > this.end) throw this.eof(path, 16);
    this.pos = p + 16;
    return uuidAt(this.buf, p);
  }

  // ---- varints ----------------------------------------------------------------------------------------

  /** Unsigned varint of at most 5 bytes and 32 bits; longer or wider encodings are rejected. */
  uvarint(path: string): number {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    if (p >= end) throw this.eof(path, 1);
    let c = b[p++]!;
    if (c < 0x80) {
      this.pos = p;
      return c;
    }
    let x = c & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      if (p >= end) throw this.fail(path, 'truncated varint', p);
      c = b[p++]!;
      x |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.pos = p;
        return x >>> 0;
      }
    }
    if (p >= end) throw this.fail(path, 'truncated varint', p);
    c = b[p++]!;
    if (c > 0x0f) throw this.fail(path, 'varint longer than 5 bytes or wider than 32 bits', p - 1);
    this.pos = p;
    return (x | (c << 28)) >>> 0;
  }

  /** Signed (zig-zag) 32-bit varint. */
  varint(path: string): number {
    const u = this.uvarint(path);
    return (u >>> 1) ^ -(u & 1);
  }

  /** Unsigned varlong of at most 10 bytes and 64 bits. */
  uvarlong(path: string): bigint {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    // Up to 7 bytes (49 bits) are exact in a double.
    let lo = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      if (p >= end) throw i === 0 ? this.eof(path, 1) : this.fail(path, 'truncated varlong', p);
      const c = b[p++]!;
      lo += (c & 0x7f) * mul;
      if (c < 0x80) {
        this.pos = p;
        return BigInt(lo);
      }
      mul *= 128;
    }
    let x = BigInt(lo);
    let shift = 49n;
    for (let i = 7; i < 10; i++) {
      if (p >= end) throw this.fail(path, 'truncated varlong', p);
      const c = b[p++]!;
      if (i === 9 && c > 0x01)
        throw this.fail(path, 'varlong longer than 10 bytes or wider than 64 bits', p - 1);
      x |= BigInt(c & 0x7f) << shift;
      if (c < 0x80) {
        this.pos = p;
        return x;
      }
      shift += 7n;
    }
    throw this.fail(path, 'varlong longer than 10 bytes', p - 1);
  }

  /** Signed (zig-zag) 64-bit varlong. */
  varlong(path: string): bigint {
    const u = this.uvarlong(path);
    return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n));
  }

  // ---- lengths ----------------------------------------------------------------------------------------

  /**
   * Length of a classic (int32-prefixed) array: -1 for null (only if `nullable`). Checks that `n` elements
   * of at least `minElem` bytes each (taken as at least 1) fit in what remains.
   */
  arrayLen(path: string, minElem: number, nullable: boolean): number {
    const start = this.pos;
    const n = this.i32(path);
    return this.checkLen(path, n, minElem, nullable, start);
  }

  /** Length of a compact array (unsigned varint of length + 1; 0 is null). */
  arrayLenC(path: string, minElem: number, nullable: boolean): number {
    const start = this.pos;
    const n = this.uvarint(path) - 1;
    return this.checkLen(path, n, minElem, nullable, start);
  }

  private checkLen(path: string, n: number, minElem: number, nullable: boolean, start: number): number {
    if (n < 0) {
      if (n === -1) {
        if (nullable) return -1;
        throw this.fail(path, 'null where the field is not nullable', start);
      }
      throw this.fail(path, `negative length ${n}`, start);
    }
    const need = n * (minElem > 1 ? minElem : 1);
    if (need > this.end - this.pos) {
      throw this.fail(path, `length ${n} needs at least ${need} bytes, ${this.end - this.pos} remain`, start);
    }
    return n;
  }

  // ---- arrays of primitives (flags: COMPACT | NULLABLE) --------------------------------------------------

  private primLen(path: string, size: number, flags: number): number {
    return flags & COMPACT
      ? this.arrayLenC(path, size, (flags & NULLABLE) !== 0)
      : this.arrayLen(path, size, (flags & NULLABLE) !== 0);
  }

  bools(path: string, flags: number): boolean[] | null {
    const n = this.primLen(path, 1, flags);
    if (n < 0) return null;
    const b = this.buf;
    const a: boolean[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++) a.push(b[p++] !== 0);
    this.pos = p;
    return a;
  }

  i8s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 1, flags);
    if (n < 0) return null;
    const b = this.buf;
    const a: number[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++) a.push((b[p++]! << 24) >> 24);
    this.pos = p;
    return a;
  }

  i16s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 2, flags);
    if (n < 0) return null;
    const dv = this.view;
    const a: number[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 2) a.push(dv.getInt16(p));
    this.pos = p;
    return a;
  }

  u16s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 2, flags);
    if (n < 0) return null;
    const dv = this.view;
    const a: number[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 2) a.push(dv.getUint16(p));
    this.pos = p;
    return a;
  }

  i32s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 4, flags);
    if (n < 0) return null;
    const p = this.pos;
    this.pos = p + n * 4;
    return int32Run(this.view, p, n);
  }

  /** Compact, non-nullable int32 array (replica lists): small enough to be inlined into decoders. */
  i32sC(path: string): number[] {
    const p = this.pos;
    const c = this.buf[p]!;
    // One-byte length whose elements are all within bounds (if p >= end the check fails for any c).
    if (c > 0 && c < 0x80 && p + (c - 1) * 4 < this.end) {
      this.pos = p + 1 + (c - 1) * 4;
      return int32Run(this.view, p + 1, c - 1);
    }
    return this.i32s(path, COMPACT)!;
  }

  u32s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 4, flags);
    if (n < 0) return null;
    const dv = this.view;
    const a: number[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 4) a.push(dv.getUint32(p));
    this.pos = p;
    return a;
  }

  i64s(path: string, flags: number): bigint[] | null {
    const n = this.primLen(path, 8, flags);
    if (n < 0) return null;
    const a: bigint[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 8) a.push(this.view.getBigInt64(p));
    this.pos = p;
    return a;
  }

  f64s(path: string, flags: number): number[] | null {
    const n = this.primLen(path, 8, flags);
    if (n < 0) return null;
    const a: number[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 8) a.push(this.view.getFloat64(p));
    this.pos = p;
    return a;
  }

  uuids(path: string, flags: number): string[] | null {
    const n = this.primLen(path, 16, flags);
    if (n < 0) return null;
    const a: string[] = [];
    let p = this.pos;
    for (let i = 0; i < n; i++, p += 16) a.push(uuidAt(this.buf, p));
    this.pos = p;
    return a;
  }

  strs(path: string, flags: number): string[] | null {
    const compact = (flags & COMPACT) !== 0;
    const n = this.primLen(path, compact ? 1 : 2, flags);
    if (n < 0) return null;
    const a: string[] = [];
    let i = 0;
    try {
      for (; i < n; i++) a.push(compact ? this.strC('') : this.str(''));
    } catch (e) {
      throw this.wrap(e, path, i);
    }
    return a;
  }

  bytesArray(path: string, flags: number): Uint8Array[] | null {
    const compact = (flags & COMPACT) !== 0;
    const n = this.primLen(path, compact ? 1 : 4, flags);
    if (n < 0) return null;
    const a: Uint8Array[] = [];
    let i = 0;
    try {
      for (; i < n; i++) a.push(compact ? this.bytesC('') : this.bytes(''));
    } catch (e) {
      throw this.wrap(e, path, i);
    }
    return a;
  }

  // ---- strings ----------------------------------------------------------------------------------------

  /** Decodes `len` bytes at the current position as UTF-8 (bounds already checked) and advances. */
  utf8(len: number): string {
    const b = this.buf;
    const start = this.pos;
    const end = start + len;
    this.pos = end;
    if (len < 48) {
      // Short strings: build in JS while checking for ASCII (cheaper than a native call).
      let s = '';
      let i = start;
      let acc = 0;
      for (; i + 8 <= end; i += 8) {
        const c0 = b[i]!;
        const c1 = b[i + 1]!;
        const c2 = b[i + 2]!;
        const c3 = b[i + 3]!;
        const c4 = b[i + 4]!;
        const c5 = b[i + 5]!;
        const c6 = b[i + 6]!;
        const c7 = b[i + 7]!;
        acc |= c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7;
        s += String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7);
      }
      for (; i < end; i++) {
        const c = b[i]!;
        acc |= c;
        s += String.fromCharCode(c);
      }
      if (acc < 0x80) return s;
    }
    return b.toString('utf8', start, end);
  }

  /** Classic string (int16 length), not nullable. */
  str(path: string): string {
    const start = this.pos;
    const n = this.i16(path);
    if (n < 0)
      throw this.fail(
        path,
        n === -1 ? 'null where the field is not nullable' : `negative length ${n}`,
        start,
      );
    if (n > this.end - this.pos)
      throw this.fail(path, `string length ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    return this.utf8(n);
  }

  /** Classic nullable string (int16 length, -1 is null). */
  nstr(path: string): string | null {
    const start = this.pos;
    const n = this.i16(path);
    if (n < 0) {
      if (n === -1) return null;
      throw this.fail(path, `negative length ${n}`, start);
    }
    if (n > this.end - this.pos)
      throw this.fail(path, `string length ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    return this.utf8(n);
  }

  /** Compact string (unsigned varint length + 1), not nullable. */
  strC(path: string): string {
    const b = this.buf;
    const p = this.pos;
    // Fast path: one-byte length prefix.
    if (p < this.end) {
      const c = b[p]!;
      if (c > 0 && c < 0x80) {
        const n = c - 1;
        if (n <= this.end - p - 1) {
          this.pos = p + 1;
          return this.utf8(n);
        }
      }
    }
    const v = this.nstrC(path);
    if (v === null) throw this.fail(path, 'null where the field is not nullable', p);
    return v;
  }

  /** Compact nullable string (0 is null). */
  nstrC(path: string): string | null {
    const start = this.pos;
    const u = this.uvarint(path);
    if (u === 0) return null;
    const n = u - 1;
    if (n > this.end - this.pos)
      throw this.fail(path, `string length ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    return this.utf8(n);
  }

  // ---- bytes ------------------------------------------------------------------------------------------

  /** Copies `len` bytes (bounds already checked) and advances. Decoded bytes never alias the payload. */
  take(len: number): Uint8Array {
    const p = this.pos;
    this.pos = p + len;
    const out = new Uint8Array(len);
    if (len > 0) out.set(this.buf.subarray(p, p + len));
    return out;
  }

  /** Classic bytes (int32 length), not nullable. */
  bytes(path: string): Uint8Array {
    const v = this.nbytesImpl(path, false);
    return v as Uint8Array;
  }

  nbytes(path: string): Uint8Array | null {
    return this.nbytesImpl(path, true);
  }

  private nbytesImpl(path: string, nullable: boolean): Uint8Array | null {
    const start = this.pos;
    const n = this.i32(path);
    if (n < 0) {
      if (n === -1 && nullable) return null;
      throw this.fail(
        path,
        n === -1 ? 'null where the field is not nullable' : `negative length ${n}`,
        start,
      );
    }
    if (n > this.end - this.pos)
      throw this.fail(path, `bytes length ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    return this.take(n);
  }

  /** Compact bytes, not nullable. */
  bytesC(path: string): Uint8Array {
    const start = this.pos;
    const v = this.nbytesC(path);
    if (v === null) throw this.fail(path, 'null where the field is not nullable', start);
    return v;
  }

  nbytesC(path: string): Uint8Array | null {
    const start = this.pos;
    const u = this.uvarint(path);
    if (u === 0) return null;
    const n = u - 1;
    if (n > this.end - this.pos)
      throw this.fail(path, `bytes length ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    return this.take(n);
  }

  // ---- tagged fields ----------------------------------------------------------------------------------

  /**
   * Starts reading one tagged field's value of `size` bytes: narrows `end` to the value so that decoding
   * it cannot run past it. Returns the previous end for {@link leaveTagged}.
   */
  enterTagged(size: number, path: string): number {
    if (size > this.end - this.pos) {
      throw this.fail(path, `tagged field size ${size} exceeds the ${this.end - this.pos} bytes that remain`);
    }
    const saved = this.end;
    this.end = this.pos + size;
    return saved;
  }

  /** Ends a tagged field: its value must have used exactly its declared size. */
  leaveTagged(savedEnd: number, path: string): void {
    if (this.pos !== this.end) {
      throw this.fail(path, `tagged field value left ${this.end - this.pos} of its declared bytes unread`);
    }
    this.end = savedEnd;
  }

  /** Reads a tagged-field section whose fields are all unknown (e.g. in headers). */
  unknownTaggedFields(path: string): TaggedField[] | undefined {
    const n = this.uvarint(path);
    if (n === 0) return undefined;
    let out: TaggedField[] | undefined;
    for (let i = 0; i < n; i++) {
      const tag = this.uvarint(path);
      const size = this.uvarint(path);
      if (size > this.end - this.pos) {
        throw this.fail(
          path,
          `tagged field size ${size} exceeds the ${this.end - this.pos} bytes that remain`,
        );
      }
      (out ??= []).push({ tag, data: this.take(size) });
    }
    return out;
  }
}

/** `n` big-endian int32s at `p` (bounds checked by the caller). Short lists become exactly-sized literals. */
function int32Run(dv: DataView, p: number, n: number): number[] {
  // Kept small (in bytecode) so that V8 inlines it into the decoders.
  if (n === 3) return [dv.getInt32(p), dv.getInt32(p + 4), dv.getInt32(p + 8)];
  if (n === 0) return [];
  return int32List(dv, p, n);
}

function int32List(dv: DataView, p: number, n: number): number[] {
  if (n === 1) return [dv.getInt32(p)];
  if (n === 2) return [dv.getInt32(p), dv.getInt32(p + 4)];
  const a: number[] = [];
  for (let i = 0; i < n; i++, p += 4) a.push(dv.getInt32(p));
  return a;
}
