// Hand-written Kafka wire encodings for the few requests the harness tests send (kept apart
// from the generated codecs in src/main/core/protocol on purpose: these check the broker,
// not our codecs). Big-endian; request header v1; response header v0.

export const ApiKey = { SaslHandshake: 17, ApiVersions: 18, SaslAuthenticate: 36 } as const;
export const ErrorCode = {
  NONE: 0,
  ILLEGAL_SASL_STATE: 34,
  UNSUPPORTED_SASL_MECHANISM: 33,
  SASL_AUTHENTICATION_FAILED: 58,
} as const;

export class Writer {
  private parts: Buffer[] = [];
  int16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  int32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.parts.push(b);
    return this;
  }
  /** STRING / NULLABLE_STRING: int16 length (-1 = null) + UTF-8 bytes. */
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const bytes = Buffer.from(v, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }
  /** BYTES: int32 length + bytes. */
  bytes(v: Uint8Array): this {
    return this.int32(v.length).raw(Buffer.from(v));
  }
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export class Reader {
  private off = 0;
  constructor(private readonly buf: Buffer) {}
  private need(n: number): void {
    if (this.off + n > this.buf.length)
      throw new RangeError(`need ${n} bytes at ${this.off}, have ${this.buf.length}`);
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.off);
    this.off += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.off);
    this.off += 4;
    return v;
  }
  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.off);
    this.off += 8;
    return v;
  }
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    this.need(len);
    const s = this.buf.toString('utf8', this.off, this.off + len);
    this.off += len;
    return s;
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new Error('unexpected null string');
    return s;
  }
  bytes(): Buffer {
    const len = this.int32();
    if (len < 0) throw new Error('unexpected null bytes');
    this.need(len);
    const b = this.buf.subarray(this.off, this.off + len);
    this.off += len;
    return b;
  }
  get remaining(): number {
    return this.buf.length - this.off;
  }
}

/** A whole request frame: int32 size, then header v1 (api_key, api_version, correlation_id, client_id), then body. */
export function encodeRequest(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const payload = new Writer()
    .int16(apiKey)
    .int16(apiVersion)
    .int32(correlationId)
    .string(clientId)
    .raw(body)
    .build();
  return new Writer().int32(payload.length).raw(payload).build();
}

export interface ApiVersionsV0Response {
  errorCode: number;
  apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
}

export function decodeApiVersionsV0(body: Buffer): ApiVersionsV0Response {
  const r = new Reader(body);
  const errorCode = r.int16();
  const count = r.int32();
  const apiKeys = Array.from({ length: Math.max(count, 0) }, () => ({
    apiKey: r.int16(),
    minVersion: r.int16(),
    maxVersion: r.int16(),
  }));
  return { errorCode, apiKeys };
}

/** SaslHandshake v0/v1 body: mechanism STRING. */
export function saslHandshakeBody(mechanism: string): Buffer {
  return new Writer().string(mechanism).build();
}

export function decodeSaslHandshake(body: Buffer): { errorCode: number; mechanisms: string[] } {
  const r = new Reader(body);
  const errorCode = r.int16();
  const count = r.int32();
  return { errorCode, mechanisms: Array.from({ length: Math.max(count, 0) }, () => r.string()) };
}

/** SaslAuthenticate v1 body: auth_bytes BYTES. */
export function saslAuthenticateBody(authBytes: Uint8Array): Buffer {
  return new Writer().bytes(authBytes).build();
}

export interface SaslAuthenticateV1Response {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  sessionLifetimeMs: bigint;
}

export function decodeSaslAuthenticateV1(body: Buffer): SaslAuthenticateV1Response {
  const r = new Reader(body);
  return {
    errorCode: r.int16(),
    errorMessage: r.nullableString(),
    authBytes: r.bytes(),
    sessionLifetimeMs: r.int64(),
  };
}
