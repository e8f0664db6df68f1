import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FrameReader, FrameSizeError } from './frame-reader';

function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + payload.length);
  out.writeInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

function drain(reader: FrameReader): Buffer[] {
  const out: Buffer[] = [];
  let f: Buffer | null;
  while ((f = reader.next()) !== null) out.push(Buffer.from(f));
  return out;
}

describe('FrameReader', () => {
  it('yields the same frames however the stream is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 50 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(payloads.map(frame));
          const reader = new FrameReader(1024);
          const got: Buffer[] = [];
          let pos = 0;
          let i = 0;
          while (pos < stream.length) {
            const n = cuts[i++ % cuts.length]!;
            reader.push(stream.subarray(pos, pos + n));
            pos += n;
            got.push(...drain(reader));
          }
          expect(got.map((b) => b.toString('hex'))).toEqual(payloads.map((p) => Buffer.from(p).toString('hex')));
          expect(reader.buffered).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('waits for the rest of a frame cut mid-way', () => {
    const reader = new FrameReader(100);
    const f = frame(Buffer.from('hello world'));
    reader.push(f.subarray(0, 2));
    expect(reader.next()).toBeNull();
    reader.push(f.subarray(2, 9));
    expect(reader.next()).toBeNull();
    reader.push(f.subarray(9));
    expect(reader.next()?.toString()).toBe('hello world');
  });

  it('accepts an empty frame', () => {
    const reader = new FrameReader(100);
    reader.push(frame(new Uint8Array(0)));
    expect(reader.next()?.length).toBe(0);
  });

  it('rejects a negative size with the head bytes for sniffing', () => {
    const reader = new FrameReader(100);
    reader.push(Buffer.from([0xff, 0xff, 0xff, 0xfe, 1, 2]));
    expect(() => reader.next()).toThrow(FrameSizeError);
    try {
      reader.next();
    } catch (err) {
      expect((err as FrameSizeError).size).toBe(-2);
      expect(Buffer.from((err as FrameSizeError).head).toString('hex')).toBe('fffffffe0102');
    }
  });

  it('rejects a size over the cap, even split across chunks', () => {
    const reader = new FrameReader(1000);
    reader.push(Buffer.from([0x00, 0x00]));
    expect(reader.next()).toBeNull();
    reader.push(Buffer.from([0x03, 0xe9]));
    expect(() => reader.next()).toThrow('frame size 1001 exceeds the 1000-byte cap');
  });

  it('reassembles a large frame from many small chunks in linear time', () => {
    const payload = Buffer.alloc(4 * 1024 * 1024, 7);
    const f = frame(payload);
    const reader = new FrameReader(8 * 1024 * 1024);
    for (let pos = 0; pos < f.length; pos += 1024) reader.push(f.subarray(pos, pos + 1024));
    const out = reader.next();
    expect(out?.length).toBe(payload.length);
    expect(out?.equals(payload)).toBe(true);
  });
});
