/**
 * The connection core's event stream as the renderer receives it: a mirror, in zod, of
 * ConnectionEvent and PoolEvent (src/main/core). Shared code cannot import the core (the
 * renderer's typecheck has no Node types), so src/main/services/sessions/core-compat.ts
 * proves at compile time that every core event fits these schemas.
 * Open-ended vocabularies (failure kinds, warning codes) are plain strings on purpose.
 */
import { z } from 'zod';

export const connStates = [
  'INIT',
  'DNS',
  'TCP_CONNECT',
  'TLS_HANDSHAKE',
  'APIVERSION_QUERY',
  'AUTH_HANDSHAKE',
  'AUTH',
  'READY',
  'REAUTH',
  'CLOSING',
  'CLOSED',
] as const;
export const ConnStateSchema = z.enum(connStates);
export type ConnStateName = z.output<typeof ConnStateSchema>;

export const closeReasons = [
  'CONNECTION_BROKEN',
  'CONNECTION_TIMEOUT',
  'OUT_OF_SYNC',
  'IDLE_DROP',
  'SHUTDOWN',
  'AUTH_FAILURE',
] as const;
export const CloseReasonSchema = z.enum(closeReasons);
export type CloseReasonName = z.output<typeof CloseReasonSchema>;

const nullableString = z.string().nullable();

export const SerializedCauseSchema = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
});

export const NegotiatedApiSchema = z.object({
  apiKey: z.number(),
  name: z.string(),
  clientMin: z.number().nullable(),
  clientMax: z.number().nullable(),
  brokerMin: z.number().nullable(),
  brokerMax: z.number().nullable(),
  selected: z.number().nullable(),
});

export const CertSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  subjectAltNames: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  serialNumber: z.string(),
  selfSigned: z.boolean(),
});

const stamp = {
  seq: z.number(),
  time: z.number(),
  mono: z.number(),
  connectionId: z.string(),
  broker: z.string(),
  nodeId: z.number().nullable(),
};

const ref = { correlationId: z.number(), apiKey: z.number(), apiName: z.string(), apiVersion: z.number() };

const conn = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.object({ ...stamp, type: z.literal(type), ...shape });

export const ConnectionEventSchema = z.discriminatedUnion('type', [
  conn('state', { from: ConnStateSchema, to: ConnStateSchema, msInPrevious: z.number() }),
  conn('dns', {
    host: z.string(),
    addresses: z.array(z.object({ address: z.string(), family: z.number() })),
    ms: z.number(),
  }),
  conn('tcp.connected', {
    remoteAddress: z.string(),
    remotePort: z.number(),
    localAddress: z.string(),
    localPort: z.number(),
    ms: z.number(),
  }),
  conn('tls', {
    protocol: nullableString,
    cipher: nullableString,
    cipherStandardName: nullableString,
    servername: nullableString,
    alpn: nullableString,
    authorized: z.boolean(),
    authorizationError: nullableString,
    hostnameVerified: z.boolean(),
    peerChain: z.array(CertSummarySchema),
    keyLogEnabled: z.boolean(),
    ms: z.number(),
  }),
  conn('warning', { code: z.string(), message: z.string() }),
  conn('versions', {
    source: z.enum(['ApiVersions', 'hint']),
    requestVersion: z.number().nullable(),
    attempts: z.number(),
    hint: nullableString,
    apis: z.array(NegotiatedApiSchema),
    ms: z.number(),
  }),
  conn('request.queued', { ...ref, bytes: z.number(), queued: z.number(), inFlight: z.number() }),
  conn('request.written', { ...ref, bytes: z.number(), queuedMs: z.number(), expectResponse: z.boolean() }),
  conn('response', {
    ...ref,
    latencyMs: z.number(),
    requestBytes: z.number(),
    responseBytes: z.number(),
    errorCode: z.number(),
    errorName: nullableString,
    throttleTimeMs: z.number(),
  }),
  conn('request.timeout', { ...ref, timeoutMs: z.number(), written: z.boolean() }),
  conn('request.failed', { ...ref, error: SerializedCauseSchema }),
  conn('late-reply', { ...ref, lateByMs: z.number(), responseBytes: z.number() }),
  conn('throttle', { ...ref, throttleTimeMs: z.number() }),
  conn('auth.handshake', {
    mechanism: z.string(),
    handshakeVersion: z.number(),
    enabledMechanisms: z.array(z.string()),
    errorCode: z.number(),
  }),
  conn('auth.round', {
    mechanism: z.string(),
    round: z.number(),
    direction: z.enum(['sent', 'received']),
    bytes: z.number(),
  }),
  conn('auth.info', {
    mechanism: z.string(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
  conn('auth.success', {
    mechanism: z.string(),
    sessionLifetimeMs: z.number().nullable(),
    rounds: z.number(),
    ms: z.number(),
  }),
  conn('auth.failure', {
    mechanism: z.string(),
    errorCode: z.number().nullable(),
    brokerMessage: nullableString,
    message: z.string(),
  }),
  /** Only when frame capture is on: a whole frame before TLS, base64, SASL payloads blanked. */
  conn('frame', {
    direction: z.enum(['out', 'in']),
    correlationId: z.number().nullable(),
    apiKey: z.number().nullable(),
    apiVersion: z.number().nullable(),
    size: z.number(),
    data: z.string(),
    redacted: z.boolean(),
  }),
  conn('close', {
    reason: CloseReasonSchema,
    message: z.string(),
    kind: nullableString,
    cause: SerializedCauseSchema.nullable(),
    state: ConnStateSchema,
    msInState: z.number(),
    inFlightFailed: z.number(),
    queuedFailed: z.number(),
  }),
]);
export type ConnectionEventData = z.output<typeof ConnectionEventSchema>;

export const BrokerNodeSchema = z.object({
  nodeId: z.number(),
  host: z.string(),
  port: z.number(),
  rack: z.string().nullable(),
});

export const AdvertisedFindingSchema = z.object({
  code: z.string(),
  nodeId: z.number(),
  advertised: z.string(),
  bootstrap: z.string(),
  failureKind: nullableString,
  message: z.string(),
});

const poolStamp = { time: z.number(), mono: z.number(), poolId: z.string() };
const pool = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.object({ ...poolStamp, type: z.literal(type), ...shape });
const trigger = z.enum(['bootstrap', 'timer', 'connection-lost', 'manual']);
const slot = { key: z.string(), nodeId: z.number().nullable() };

export const PoolEventSchema = z.discriminatedUnion('type', [
  pool('pool.bootstrap', { addresses: z.array(z.string()) }),
  pool('pool.dial', { ...slot, address: z.string(), attempt: z.number() }),
  pool('pool.connected', { ...slot, address: z.string(), connectionId: z.string() }),
  pool('pool.backoff', {
    ...slot,
    address: z.string(),
    attempt: z.number(),
    delayMs: z.number(),
    kind: nullableString,
    error: z.string(),
    message: z.string(),
  }),
  pool('pool.disconnected', { ...slot, reason: CloseReasonSchema, message: z.string() }),
  pool('pool.retire', { key: z.string(), address: z.string(), why: z.string() }),
  pool('pool.metadata', {
    trigger,
    clusterId: nullableString,
    controllerId: z.number().nullable(),
    brokers: z.array(BrokerNodeSchema),
    source: z.string(),
  }),
  pool('pool.metadata-failed', { trigger, error: z.string() }),
  pool('pool.advertised-check', { findings: z.array(AdvertisedFindingSchema), checked: z.number() }),
  pool('pool.reaped', { key: z.string(), idleMs: z.number() }),
  pool('pool.shutdown', { drained: z.boolean(), closed: z.number(), ms: z.number() }),
]);
export type PoolEventData = z.output<typeof PoolEventSchema>;

/** Anything a session's pool emits: its own events and every connection's. */
export const KafkaEventSchema = z.union([ConnectionEventSchema, PoolEventSchema]);
export type KafkaEvent = z.output<typeof KafkaEventSchema>;
