/**
 * Size-prefixed framing: collects socket chunks and yields whole frame payloads.
 * Chunks are kept in a list and copied at most once (zero copies when a frame sits in
 * one chunk), so a large frame arriving in many small chunks costs linear time.
 */

export class FrameSizeError extends Error {
  override readonly name = 'FrameSizeError';
  constructor(
    readonly size: number,
    readonly max: number,
    /** The first bytes of the stream at that point, for sniffing what they are. */
    readonly head: Uint8Array,
  ) {
    super(size < 0 ? `frame size ${size} is negative` : `frame size ${size} exceeds the ${max}-byte cap`);
  }
}

export class FrameReader {
  private chunks: Buffer[] = [];
  /** Read offset into chunks[0]. */
  private offset = 0;
  private total = 0;

  constructor(private readonly maxFrameBytes: number) {}

  get buffered(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The next whole payload (without its size prefix), or null when more bytes are needed. */
  next(): Buffer | null {
    if (this.total < 4) return null;
    const first = this.chunks[0]!;
    const size = first.length - this.offset >= 4 ? first.readInt32BE(this.offset) : this.peek(4).readInt32BE(0);
    if (size < 0 || size > this.maxFrameBytes) throw new FrameSizeError(size, this.maxFrameBytes, this.peek(Math.min(16, this.total)));
    if (this.total < 4 + size) return null;
    this.skip(4);
    return this.take(size);
  }

  /** Copies the first n buffered bytes without consuming them. */
  peek(n: number): Buffer {
    const out = Buffer.allocUnsafe(Math.min(n, this.total));
    let filled = 0;
    let off = this.offset;
    for (const c of this.chunks) {
      if (filled === out.length) break;
      filled += c.copy(out, filled, off, Math.min(c.length, off + out.length - filled));
      off = 0;
    }
    return out;
  }

  private skip(n: number): void {
    this.total -= n;
    while (n > 0) {
      const first = this.chunks[0]!;
      const avail = first.length - this.offset;
      if (avail > n) {
        this.offset += n;
        return;
      }
      n -= avail;
      this.chunks.shift();
      this.offset = 0;
    }
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first && first.length - this.offset >= n) {
      const out = first.subarray(this.offset, this.offset + n);
      this.skip(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const count = Math.min(c.length - this.offset, n - filled);
      c.copy(out, filled, this.offset, this.offset + count);
      filled += count;
      this.skip(count);
    }
    return out;
  }
}
