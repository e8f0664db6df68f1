/**
 * What a session looks like at one moment: its status, the cluster view (per-broker state,
 * negotiated versions, stats), every live connection with its in-flight queue, and the
 * state of its event buffer. Mirrors core types; see services/sessions/core-compat.ts.
 */
import { z } from 'zod';
import { AdvertisedFindingSchema, ConnStateSchema, NegotiatedApiSchema } from './kafka-events';

export const PercentilesSchema = z.object({
  count: z.number(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  p50: z.number(),
  p75: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
});

export const ConnectionStatsSchema = z.object({
  connectionId: z.string(),
  broker: z.string(),
  nodeId: z.number().nullable(),
  state: ConnStateSchema,
  stateAgeMs: z.number(),
  ageMs: z.number(),
  queued: z.number(),
  inFlight: z.number(),
  txBytes: z.number(),
  rxBytes: z.number(),
  txRequests: z.number(),
  rxResponses: z.number(),
  requestsByApi: z.record(
    z.string(),
    z.object({ requests: z.number(), errors: z.number(), timeouts: z.number() }),
  ),
  errorsByCode: z.record(z.string(), z.number()),
  timeouts: z.number(),
  lateReplies: z.number(),
  throttleEvents: z.number(),
  throttleTimeMsTotal: z.number(),
  connects: z.number(),
  disconnects: z.number(),
  rttUs: PercentilesSchema,
});

export const BrokerViewSchema = z.object({
  nodeId: z.number(),
  host: z.string(),
  port: z.number(),
  rack: z.string().nullable(),
  isController: z.boolean(),
  /** False for a broker the pool knew that the latest Metadata no longer lists (e.g. it is down). */
  inMetadata: z.boolean(),
  connection: z
    .object({
      key: z.string(),
      connectionId: z.string(),
      state: ConnStateSchema,
      versions: z.array(NegotiatedApiSchema).nullable(),
      stats: ConnectionStatsSchema,
    })
    .nullable(),
  backoff: z.object({ attempts: z.number(), nextAttemptInMs: z.number() }).nullable(),
  lastError: z.string().nullable(),
});

export const ClusterViewSchema = z.object({
  clusterId: z.string().nullable(),
  controllerId: z.number().nullable(),
  brokers: z.array(BrokerViewSchema),
  bootstrap: z.array(z.string()),
  metadataFetchedAt: z.number().nullable(),
});

export const InFlightRequestSchema = z.object({
  correlationId: z.number(),
  apiKey: z.number(),
  apiName: z.string(),
  apiVersion: z.number(),
  bytes: z.number(),
  queuedAt: z.number(),
  sentAt: z.number().nullable(),
  timedOut: z.boolean(),
});

export const ConnectionViewSchema = z.object({
  key: z.string(),
  nodeId: z.number().nullable(),
  group: z.string(),
  connectionId: z.string(),
  broker: z.string(),
  state: ConnStateSchema,
  stats: ConnectionStatsSchema,
  /** Oldest first; at most the snapshot's in-flight cap. */
  inFlight: z.array(InFlightRequestSchema),
  /** How many more were pending than listed. */
  inFlightNotListed: z.number(),
});

export const SessionStatusSchema = z.enum([
  'connecting',
  'connected',
  'failed',
  'disconnecting',
  'disconnected',
]);

export const SessionSummarySchema = z.object({
  sessionId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  status: SessionStatusSchema,
  /** Wall-clock ms of the latest connect or reconnect. */
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Why the session failed, in plain words (never a secret). */
  error: z.string().nullable(),
});

export const EventBufferInfoSchema = z.object({
  /** Most events the session keeps for paging back. */
  cap: z.number(),
  buffered: z.number(),
  /** Oldest event still held (null when empty). */
  oldestSeq: z.number().nullable(),
  /** Session-wide sequence number of the newest event (0 before the first). */
  newestSeq: z.number(),
  /** Events never delivered live (the batch was full, or the buffer overtook them). */
  droppedTotal: z.number(),
  /** Events pushed out of the buffer by newer ones (no longer pageable). */
  evictedTotal: z.number(),
});

export const SessionSnapshotSchema = SessionSummarySchema.extend({
  takenAt: z.number(),
  cluster: ClusterViewSchema.nullable(),
  connections: z.array(ConnectionViewSchema),
  advertisedFindings: z.array(AdvertisedFindingSchema),
  events: EventBufferInfoSchema,
});

export type SessionStatus = z.output<typeof SessionStatusSchema>;
export type SessionSummary = z.output<typeof SessionSummarySchema>;
export type SessionSnapshot = z.output<typeof SessionSnapshotSchema>;
export type ClusterViewData = z.output<typeof ClusterViewSchema>;
export type ConnectionView = z.output<typeof ConnectionViewSchema>;
export type EventBufferInfo = z.output<typeof EventBufferInfoSchema>;
