/**
 * The Brokerscope log format (JSON Lines), version 1: the zod schemas the importer
 * validates with. Documented in docs/export-format.md; bump LOG_FORMAT_VERSION on any
 * change an older reader could not take. Missing or mistyped fields are errors; fields this
 * version does not know are dropped on import (a newer writer's additions), so a file this
 * version wrote reads back exactly (lossless).
 */
import { z } from 'zod';
import type { ConnectionEvent, PoolEvent } from '../core';
import { FindingSchema } from '../diagnose/findings';
import { CertSummarySchema, ObservationSchema } from '../diagnose/observations';

export const LOG_FORMAT = 'brokerscope-log';
export const LOG_FORMAT_VERSION = 1;

const num = z.number();
const str = z.string();
const nstr = z.string().nullable();

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
export const closeReasons = [
  'CONNECTION_BROKEN',
  'CONNECTION_TIMEOUT',
  'OUT_OF_SYNC',
  'IDLE_DROP',
  'SHUTDOWN',
  'AUTH_FAILURE',
] as const;
const State = z.enum(connStates);
const Reason = z.enum(closeReasons);
const Cause = z.object({ name: str, message: str, code: str.optional() });

const NegotiatedApiSchema = z.object({
  apiKey: num,
  name: str,
  clientMin: num.nullable(),
  clientMax: num.nullable(),
  brokerMin: num.nullable(),
  brokerMax: num.nullable(),
  selected: num.nullable(),
});

const stamp = { seq: num, time: num, mono: num, connectionId: str, broker: str, nodeId: num.nullable() };
const ref = { correlationId: num, apiKey: num, apiName: str, apiVersion: num };
const conn = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.object({ ...stamp, type: z.literal(type), ...shape });

export const ConnectionEventSchema = z.discriminatedUnion('type', [
  conn('state', { from: State, to: State, msInPrevious: num }),
  conn('dns', { host: str, addresses: z.array(z.object({ address: str, family: num })), ms: num }),
  conn('tcp.connected', { remoteAddress: str, remotePort: num, localAddress: str, localPort: num, ms: num }),
  conn('tls', {
    protocol: nstr,
    cipher: nstr,
    cipherStandardName: nstr,
    servername: nstr,
    alpn: nstr,
    authorized: z.boolean(),
    authorizationError: nstr,
    hostnameVerified: z.boolean(),
    peerChain: z.array(CertSummarySchema),
    keyLogEnabled: z.boolean(),
    ms: num,
  }),
  conn('warning', { code: str, message: str }),
  conn('versions', {
    source: z.enum(['ApiVersions', 'hint']),
    requestVersion: num.nullable(),
    attempts: num,
    hint: nstr,
    apis: z.array(NegotiatedApiSchema),
    ms: num,
  }),
  conn('request.queued', { ...ref, bytes: num, queued: num, inFlight: num }),
  conn('request.written', { ...ref, bytes: num, queuedMs: num, expectResponse: z.boolean() }),
  conn('response', {
    ...ref,
    latencyMs: num,
    requestBytes: num,
    responseBytes: num,
    errorCode: num,
    errorName: nstr,
    throttleTimeMs: num,
  }),
  conn('request.timeout', { ...ref, timeoutMs: num, written: z.boolean() }),
  conn('request.failed', { ...ref, error: Cause }),
  conn('late-reply', { ...ref, lateByMs: num, responseBytes: num }),
  conn('throttle', { ...ref, throttleTimeMs: num }),
  conn('auth.handshake', {
    mechanism: str,
    handshakeVersion: num,
    enabledMechanisms: z.array(str),
    errorCode: num,
  }),
  conn('auth.round', { mechanism: str, round: num, direction: z.enum(['sent', 'received']), bytes: num }),
  conn('auth.info', { mechanism: str, detail: z.record(str, z.union([str, num, z.boolean()])) }),
  conn('auth.success', { mechanism: str, sessionLifetimeMs: num.nullable(), rounds: num, ms: num }),
  conn('auth.failure', { mechanism: str, errorCode: num.nullable(), brokerMessage: nstr, message: str }),
  conn('frame', {
    direction: z.enum(['out', 'in']),
    correlationId: num.nullable(),
    apiKey: num.nullable(),
    apiVersion: num.nullable(),
    size: num,
    data: z.base64(),
    redacted: z.boolean(),
  }),
  conn('close', {
    reason: Reason,
    message: str,
    kind: nstr,
    cause: Cause.nullable(),
    state: State,
    msInState: num,
    inFlightFailed: num,
    queuedFailed: num,
  }),
]);

const BrokerNodeSchema = z.object({ nodeId: num, host: str, port: num, rack: nstr });
const poolStamp = { time: num, mono: num, poolId: str };
const pool = <K extends string, T extends z.ZodRawShape>(type: K, shape: T) =>
  z.object({ ...poolStamp, type: z.literal(type), ...shape });
const trigger = z.enum(['bootstrap', 'timer', 'connection-lost', 'manual']);
const slot = { key: str, nodeId: num.nullable() };

export const PoolEventSchema = z.discriminatedUnion('type', [
  pool('pool.bootstrap', { addresses: z.array(str) }),
  pool('pool.dial', { ...slot, address: str, attempt: num }),
  pool('pool.connected', { ...slot, address: str, connectionId: str }),
  pool('pool.backoff', {
    ...slot,
    address: str,
    attempt: num,
    delayMs: num,
    kind: nstr,
    error: str,
    message: str,
  }),
  pool('pool.disconnected', { ...slot, reason: Reason, message: str }),
  pool('pool.retire', { key: str, address: str, why: str }),
  pool('pool.metadata', {
    trigger,
    clusterId: nstr,
    controllerId: num.nullable(),
    brokers: z.array(BrokerNodeSchema),
    source: str,
  }),
  pool('pool.metadata-failed', { trigger, error: str }),
  pool('pool.advertised-check', {
    findings: z.array(
      z.object({ code: str, nodeId: num, advertised: str, bootstrap: str, failureKind: nstr, message: str }),
    ),
    checked: num,
  }),
  pool('pool.reaped', { key: str, idleMs: num }),
  pool('pool.shutdown', { drained: z.boolean(), closed: num, ms: num }),
]);

export const CONNECTION_EVENT_TYPES: ReadonlySet<string> = new Set<string>(
  ConnectionEventSchema.options.map((o) => o.shape.type.value),
);
export const POOL_EVENT_TYPES: ReadonlySet<string> = new Set<string>(
  PoolEventSchema.options.map((o) => o.shape.type.value),
);

export const RedactionInfoSchema = z.object({
  secrets: z.literal('scrubbed'),
  saslPayloads: z.literal('blanked'),
  hosts: z.enum(['masked', 'kept']),
  maskedHosts: num,
  maskedAddresses: num,
  knownSecrets: num,
});

export const LogHeaderSchema = z.object({
  format: z.literal(LOG_FORMAT),
  version: num,
  /** ISO 8601. */
  createdAt: str,
  app: z.object({ name: str, version: str }),
  redaction: RedactionInfoSchema,
  /** What was exported: a live session, a troubleshoot run, or plain events. */
  source: z.object({ kind: z.enum(['session', 'troubleshoot', 'events']), label: nstr.optional() }),
  /** Number of event lines that follow (records excluded). */
  eventCount: num,
});
export type LogHeader = z.output<typeof LogHeaderSchema>;

const StepSchema = z.object({
  id: str,
  label: str,
  status: z.enum(['pending', 'running', 'ok', 'failed', 'skipped']),
  address: nstr,
  attempt: num,
  startedAt: num.nullable(),
  ms: num.nullable(),
  detail: nstr,
  data: z.record(str, z.unknown()),
});

/** The last line of a troubleshoot export: what the runner concluded (events are the lines before it). */
export const TroubleshootRecordSchema = z.object({
  type: z.literal('troubleshoot.summary'),
  startedAt: num,
  finishedAt: num,
  ms: num,
  healthy: z.boolean(),
  target: z.record(str, z.unknown()),
  steps: z.array(StepSchema),
  attempts: z.array(
    z.object({ address: str, ok: z.boolean(), connectionId: nstr, steps: z.array(StepSchema) }),
  ),
  cluster: z
    .object({ clusterId: nstr, controllerId: num.nullable(), brokers: z.array(BrokerNodeSchema) })
    .nullable(),
  brokers: z.array(z.record(str, z.unknown())),
  topics: z.array(z.object({ name: str, errorCode: num, errorName: nstr })),
  observations: z.array(ObservationSchema),
  findings: z.array(FindingSchema),
});
export type TroubleshootRecord = z.output<typeof TroubleshootRecordSchema>;

// Compile-time proof that every core event fits the format (a core change that breaks it fails typecheck here).
type Fits<T, S extends z.ZodType> = [T] extends [z.input<S>] ? true : false;
const _connectionEventsFit: Fits<ConnectionEvent, typeof ConnectionEventSchema> = true;
const _poolEventsFit: Fits<PoolEvent, typeof PoolEventSchema> = true;
void _connectionEventsFit;
void _poolEventsFit;
