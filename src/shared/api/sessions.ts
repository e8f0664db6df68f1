/** The sessions area: live connections to a profile's cluster, their events and snapshots. */
import { z } from 'zod';
import { KafkaEventSchema } from './kafka-events';
import { ProfileIdSchema } from './profile-schema';
import { SessionSnapshotSchema, SessionSummarySchema } from './session-snapshot';

export const SessionIdSchema = z.string().min(1).max(100);

/** One event of a session: its session-wide sequence number and the core event itself. */
export const SessionEventRecordSchema = z.object({ seq: z.number(), event: KafkaEventSchema });
export type SessionEventRecord = z.output<typeof SessionEventRecordSchema>;

/** Read-only requests the inspector may send through a session. */
export const inspectorApis = { ApiVersions: 18, Metadata: 3, ListGroups: 16, DescribeCluster: 60 } as const;

const names = z.array(z.string().min(1).max(249)).max(1000);

export const InspectorRequestSchema = z.discriminatedUnion('apiKey', [
  z.strictObject({ apiKey: z.literal(inspectorApis.ApiVersions), body: z.strictObject({}).default({}) }),
  z.strictObject({
    apiKey: z.literal(inspectorApis.Metadata),
    // Topic auto-creation is always off: the inspector never changes the cluster.
    body: z
      .strictObject({
        topics: names.nullable().default(null),
        includeTopicAuthorizedOperations: z.boolean().default(false),
      })
      .default({
        topics: null,
        includeTopicAuthorizedOperations: false,
      }),
  }),
  z.strictObject({
    apiKey: z.literal(inspectorApis.ListGroups),
    body: z
      .strictObject({ statesFilter: names.default([]), typesFilter: names.default([]) })
      .default({ statesFilter: [], typesFilter: [] }),
  }),
  z.strictObject({
    apiKey: z.literal(inspectorApis.DescribeCluster),
    body: z
      .strictObject({ includeClusterAuthorizedOperations: z.boolean().default(false) })
      .default({ includeClusterAuthorizedOperations: false }),
  }),
]);

const bySession = z.strictObject({ sessionId: SessionIdSchema });

export const EVENT_PAGE_MAX = 2000;

export const sessionMethods = {
  /** Opens a session for the profile (or returns its live one); the pool starts in the background. */
  'sessions.connect': {
    params: z.strictObject({
      profileId: ProfileIdSchema,
      /**
       * Capture every frame (before TLS, SASL payloads blanked) as `frame` events, for the
       * pcapng export. Absent: as the session had it (off for a new one). On a live session it
       * applies from the next reconnect.
       */
      captureFrames: z.boolean().optional(),
    }),
    result: z.object({ sessionId: z.string() }),
  },
  /** Closes every connection (close reason SHUTDOWN); forget also drops the session and its events. */
  'sessions.disconnect': {
    params: z.strictObject({ sessionId: SessionIdSchema, forget: z.boolean().default(false) }),
    result: z.object({ sessionId: z.string(), forgotten: z.boolean() }),
  },
  /** Disconnects if needed, re-reads the profile, and connects again; the event history carries on. */
  'sessions.reconnect': { params: bySession, result: SessionSummarySchema },
  'sessions.list': { params: z.strictObject({}), result: z.array(SessionSummarySchema) },
  'sessions.snapshot': { params: bySession, result: SessionSnapshotSchema },
  /** Older events, newest first in what is selected, returned oldest first. */
  'sessions.events.page': {
    params: z.strictObject({
      sessionId: SessionIdSchema,
      /** Only events with seq below this; absent: up to the newest. */
      beforeSeq: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(EVENT_PAGE_MAX).default(200),
    }),
    result: z.object({
      events: z.array(SessionEventRecordSchema),
      /** Older events are still buffered. */
      hasMore: z.boolean(),
      oldestSeq: z.number().nullable(),
      newestSeq: z.number(),
    }),
  },
  /** Sends one read-only request (ApiVersions, Metadata, ListGroups, DescribeCluster) for the inspector. */
  'sessions.send': {
    params: z.strictObject({
      sessionId: SessionIdSchema,
      /** Absent: the controller, else the first broker. */
      nodeId: z.number().int().min(0).optional(),
      request: InspectorRequestSchema,
    }),
    result: z.object({
      nodeId: z.number(),
      apiKey: z.number(),
      apiName: z.string(),
      /** The connection and correlation id it went out with: its events and history row carry the same. */
      connectionId: z.string(),
      correlationId: z.number().int(),
      latencyMs: z.number(),
      /** The decoded response as JSON: int64 as decimal strings, bytes as base64. */
      response: z.unknown(),
    }),
  },
} as const;

/** A batch of live events. At most one per session per batch interval, with a bounded size. */
export const EventBatchSchema = z.object({
  sessionId: z.string(),
  /** Oldest first; the newest events of the window when some had to be dropped. */
  events: z.array(SessionEventRecordSchema),
  /** Events of this window not carried here (still pageable unless evicted). */
  dropped: z.number(),
  droppedTotal: z.number(),
  newestSeq: z.number(),
});
export type EventBatch = z.output<typeof EventBatchSchema>;

export const sessionEvents = {
  'sessions.events': EventBatchSchema,
  /** Pushed every few hundred ms while something changed, and on every status change. */
  'sessions.snapshot': SessionSnapshotSchema,
  'sessions.changed': z.object({ sessions: z.array(SessionSummarySchema) }),
} as const;
