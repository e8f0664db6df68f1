// Hand-written Kafka wire encodings for the few requests the harness tests (and the harness
// itself, for its ACLs) send, kept apart from the generated codecs in src/main/core/protocol
// on purpose: these check the broker, not our codecs. Big-endian. Classic requests use header
// v1 / response header v0; flexible ones (KIP-482) header v2 / response header v1.

export const ApiKey = {
  Metadata: 3,
  SaslHandshake: 17,
  ApiVersions: 18,
  DescribeAcls: 29,
  CreateAcls: 30,
  SaslAuthenticate: 36,
} as const;
export const ErrorCode = {
  NONE: 0,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  TOPIC_AUTHORIZATION_FAILED: 29,
  CLUSTER_AUTHORIZATION_FAILED: 31,
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
  int8(v: number): this {
    return this.raw(Buffer.from([v & 0xff]));
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  int64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    return this.raw(b);
  }
  uuid(v: Buffer = Buffer.alloc(16)): this {
    return this.raw(v);
  }
  /** UNSIGNED_VARINT (flexible versions' lengths). */
  uvarint(v: number): this {
    const out: number[] = [];
    let n = v >>> 0;
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return this.raw(Buffer.from(out));
  }
  /** COMPACT_(NULLABLE_)STRING: uvarint length+1 (0 = null) + UTF-8 bytes. */
  compactString(v: string | null): this {
    if (v === null) return this.uvarint(0);
    const bytes = Buffer.from(v, 'utf8');
    return this.uvarint(bytes.length + 1).raw(bytes);
  }
  /** COMPACT_BYTES: uvarint length+1 + bytes. */
  compactBytes(v: Uint8Array): this {
    return this.uvarint(v.length + 1).raw(Buffer.from(v));
  }
  /** COMPACT_ARRAY length prefix (null = -1 → 0). */
  compactArrayLength(n: number | null): this {
    return this.uvarint(n === null ? 0 : n + 1);
  }
  /** An empty tagged-field section. */
  noTags(): this {
    return this.uvarint(0);
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
  int8(): number {
    this.need(1);
    return this.buf.readInt8(this.off++);
  }
  bool(): boolean {
    return this.int8() !== 0;
  }
  uuid(): Buffer {
    this.need(16);
    const b = this.buf.subarray(this.off, this.off + 16);
    this.off += 16;
    return b;
  }
  uvarint(): number {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      this.need(1);
      const b = this.buf[this.off++] ?? 0;
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v >>> 0;
    }
    throw new RangeError('varint too long');
  }
  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    this.need(n - 1);
    const s = this.buf.toString('utf8', this.off, this.off + n - 1);
    this.off += n - 1;
    return s;
  }
  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new Error('unexpected null compact string');
    return s;
  }
  compactBytes(): Buffer {
    const n = this.uvarint();
    if (n === 0) throw new Error('unexpected null compact bytes');
    this.need(n - 1);
    const b = this.buf.subarray(this.off, this.off + n - 1);
    this.off += n - 1;
    return b;
  }
  /** COMPACT_ARRAY length (-1 for null). */
  compactArrayLength(): number {
    return this.uvarint() - 1;
  }
  /** Skips a tagged-field section. */
  tags(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.need(size);
      this.off += size;
    }
  }
  array<T>(read: (r: Reader) => T): T[] {
    const n = this.int32();
    return Array.from({ length: Math.max(n, 0) }, () => read(this));
  }
  compactArray<T>(read: (r: Reader) => T): T[] {
    const n = this.compactArrayLength();
    return Array.from({ length: Math.max(n, 0) }, () => read(this));
  }
  get remaining(): number {
    return this.buf.length - this.off;
  }
}

/**
 * A whole request frame: int32 size, then header v1 (api_key, api_version, correlation_id,
 * client_id) or, for `flexible` versions, header v2 (the same plus an empty tag section), then body.
 */
export function encodeRequest(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: Buffer = Buffer.alloc(0),
  flexible = false,
): Buffer {
  const header = new Writer().int16(apiKey).int16(apiVersion).int32(correlationId).string(clientId);
  if (flexible) header.noTags();
  const payload = header.raw(body).build();
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

/** SaslAuthenticate v2 (flexible) body: auth_bytes COMPACT_BYTES + tags. */
export function saslAuthenticateV2Body(authBytes: Uint8Array): Buffer {
  return new Writer().compactBytes(authBytes).noTags().build();
}

export function decodeSaslAuthenticateV2(body: Buffer): SaslAuthenticateV1Response {
  const r = new Reader(body);
  const res = {
    errorCode: r.int16(),
    errorMessage: r.compactNullableString(),
    authBytes: r.compactBytes(),
    sessionLifetimeMs: r.int64(),
  };
  r.tags();
  return res;
}

// ---- Metadata -------------------------------------------------------------------------

export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface MetadataTopic {
  errorCode: number;
  name: string | null;
  isInternal: boolean;
  partitions: {
    errorCode: number;
    partitionIndex: number;
    leaderId: number;
    replicas: number[];
    isr: number[];
  }[];
}

export interface MetadataResponse {
  brokers: MetadataBroker[];
  clusterId: string | null;
  controllerId: number;
  topics: MetadataTopic[];
}

/** Metadata v1..v4 (classic encoding); topics null = all topics. v4+ can ask for auto-creation. */
export function metadataBody(
  version: 1 | 4,
  topics: string[] | null,
  allowAutoTopicCreation = false,
): Buffer {
  const w = new Writer().int32(topics === null ? -1 : topics.length);
  for (const t of topics ?? []) w.string(t);
  if (version >= 4) w.bool(allowAutoTopicCreation);
  return w.build();
}

export function decodeMetadata(version: 1 | 4, body: Buffer): MetadataResponse {
  const r = new Reader(body);
  if (version >= 3) r.int32(); // throttle_time_ms
  const brokers = r.array((b) => ({
    nodeId: b.int32(),
    host: b.string(),
    port: b.int32(),
    rack: b.nullableString(),
  }));
  const clusterId = version >= 2 ? r.nullableString() : null;
  const controllerId = r.int32();
  const topics = r.array((t) => ({
    errorCode: t.int16(),
    name: t.nullableString(),
    isInternal: t.bool(),
    partitions: t.array((p) => ({
      errorCode: p.int16(),
      partitionIndex: p.int32(),
      leaderId: p.int32(),
      replicas: p.array((x) => x.int32()),
      isr: p.array((x) => x.int32()),
    })),
  }));
  return { brokers, clusterId, controllerId, topics };
}

/** Metadata v12 (flexible, header v2): topics by name; null = all topics. */
export function metadataV12Body(topics: string[] | null, allowAutoTopicCreation = false): Buffer {
  const w = new Writer().compactArrayLength(topics === null ? null : topics.length);
  for (const t of topics ?? []) w.uuid().compactString(t).noTags();
  return w.bool(allowAutoTopicCreation).bool(false).noTags().build();
}

export function decodeMetadataV12(body: Buffer): MetadataResponse {
  const r = new Reader(body);
  r.int32(); // throttle_time_ms
  const brokers = r.compactArray((b) => {
    const broker = {
      nodeId: b.int32(),
      host: b.compactString(),
      port: b.int32(),
      rack: b.compactNullableString(),
    };
    b.tags();
    return broker;
  });
  const clusterId = r.compactNullableString();
  const controllerId = r.int32();
  const topics = r.compactArray((t) => {
    const errorCode = t.int16();
    const name = t.compactNullableString();
    t.uuid();
    const isInternal = t.bool();
    const partitions = t.compactArray((p) => {
      const part = {
        errorCode: p.int16(),
        partitionIndex: p.int32(),
        leaderId: p.int32(),
        leaderEpoch: p.int32(),
        replicas: p.compactArray((x) => x.int32()),
        isr: p.compactArray((x) => x.int32()),
      };
      p.compactArray((x) => x.int32()); // offline_replicas
      p.tags();
      return part;
    });
    t.int32(); // topic_authorized_operations
    t.tags();
    return { errorCode, name, isInternal, partitions };
  });
  r.tags();
  return { brokers, clusterId, controllerId, topics };
}

// ---- ACLs (CreateAcls v1 / DescribeAcls v1, classic encoding) -------------------------

/** Kafka's enum codes (org.apache.kafka.common.resource / acl). */
export const AclResourceType = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4 } as const;
export const AclPatternType = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
export const AclOperation = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DESCRIBE: 8,
  ALTER_CONFIGS: 11,
} as const;
export const AclPermission = { ANY: 1, DENY: 2, ALLOW: 3 } as const;

export interface AclBinding {
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permission: number;
}

export function createAclsV1Body(bindings: readonly AclBinding[]): Buffer {
  const w = new Writer().int32(bindings.length);
  for (const b of bindings) {
    w.int8(b.resourceType).string(b.resourceName).int8(b.patternType);
    w.string(b.principal).string(b.host).int8(b.operation).int8(b.permission);
  }
  return w.build();
}

export function decodeCreateAclsV1(body: Buffer): { errorCode: number; errorMessage: string | null }[] {
  const r = new Reader(body);
  r.int32(); // throttle_time_ms
  return r.array((x) => ({ errorCode: x.int16(), errorMessage: x.nullableString() }));
}

/** DescribeAcls v1 filter; null strings match anything. */
export function describeAclsV1Body(f: {
  resourceType: number;
  resourceName: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permission: number;
}): Buffer {
  return new Writer()
    .int8(f.resourceType)
    .string(f.resourceName)
    .int8(f.patternType)
    .string(f.principal)
    .string(f.host)
    .int8(f.operation)
    .int8(f.permission)
    .build();
}

export function decodeDescribeAclsV1(body: Buffer): {
  errorCode: number;
  errorMessage: string | null;
  bindings: AclBinding[];
} {
  const r = new Reader(body);
  r.int32(); // throttle_time_ms
  const errorCode = r.int16();
  const errorMessage = r.nullableString();
  const bindings = r
    .array((res) => {
      const resourceType = res.int8();
      const resourceName = res.string();
      const patternType = res.int8();
      return res.array((a) => ({
        resourceType,
        resourceName,
        patternType,
        principal: a.string(),
        host: a.string(),
        operation: a.int8(),
        permission: a.int8(),
      }));
    })
    .flat();
  return { errorCode, errorMessage, bindings };
}
