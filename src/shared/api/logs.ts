/**
 * The logs area: exports of a session or a troubleshoot run (JSONL, text, pcapng, TLS key
 * log), and imported JSONL logs opened read-only with their diagnosis. Secrets never appear
 * in an export (the export layer redacts); host names are masked on request. The header
 * schema mirrors the export layer's (src/main/export/log-schema.ts); see
 * src/main/services/diagnose/core-compat.ts.
 */
import { z } from 'zod';
import { FindingSchema, RunIdSchema } from './diagnose';
import { EVENT_PAGE_MAX, SessionEventRecordSchema, SessionIdSchema } from './sessions';

export const LogIdSchema = z.string().min(1).max(100);

export const exportFormats = ['jsonl', 'text', 'pcapng', 'keylog'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ExportSourceSchema = z.discriminatedUnion('kind', [
  /** The events still in the session's buffer, oldest first. */
  z.strictObject({ kind: z.literal('session'), sessionId: SessionIdSchema }),
  /** A troubleshoot run kept in memory: its events, then its steps and findings. */
  z.strictObject({ kind: z.literal('troubleshoot'), runId: RunIdSchema }),
]);
export type ExportSource = z.output<typeof ExportSourceSchema>;

export const LogHeaderSchema = z.object({
  format: z.literal('brokerscope-log'),
  version: z.number(),
  /** ISO 8601. */
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  redaction: z.object({
    secrets: z.literal('scrubbed'),
    saslPayloads: z.literal('blanked'),
    hosts: z.enum(['masked', 'kept']),
    maskedHosts: z.number(),
    maskedAddresses: z.number(),
    knownSecrets: z.number(),
  }),
  source: z.object({
    kind: z.enum(['session', 'troubleshoot', 'events']),
    label: z.string().nullable().optional(),
  }),
  /** Event lines in the file. */
  eventCount: z.number(),
});
export type LogHeaderData = z.output<typeof LogHeaderSchema>;

export const ImportIssueSchema = z.object({
  /** 1-based line; 0 for the file as a whole. */
  line: z.number(),
  message: z.string(),
});

/** An imported log as listed: its header, how many events, and what the diagnosis found. */
export const LogSummarySchema = z.object({
  logId: z.string(),
  fileName: z.string(),
  importedAt: z.number(),
  header: LogHeaderSchema,
  /** Events read (pageable with logs.events.page). */
  events: z.number(),
  /** The diagnosis engine's findings over the log's events (and the run's observations, if any). */
  findings: z.array(FindingSchema),
  /** Lines skipped (record types this version does not know) and other notes. */
  warnings: z.array(ImportIssueSchema),
});
export type LogSummary = z.output<typeof LogSummarySchema>;

/** Same shape as sessions.events.page; seq is the event's 1-based position in the file. */
export const EventPageSchema = z.object({
  events: z.array(SessionEventRecordSchema),
  hasMore: z.boolean(),
  oldestSeq: z.number().nullable(),
  newestSeq: z.number(),
});

const byLog = z.strictObject({ logId: LogIdSchema });

/** Largest JSONL text logs.import takes (the WebSocket transport caps a message at 16 MiB). */
export const IMPORT_MAX_CHARS = 64 * 1024 * 1024;

export const logMethods = {
  /**
   * An export as file content: utf8 text (jsonl, text, keylog) or base64 (pcapng). pcapng
   * needs captured frames (troubleshoot runs always capture; sessions with captureFrames);
   * keylog needs a run started with keyLog on a TLS profile.
   */
  'logs.export': {
    params: z.strictObject({
      source: ExportSourceSchema,
      format: z.enum(exportFormats),
      /** Mask host names and IP addresses consistently (host-1, 10.0.0.1…). */
      maskHosts: z.boolean().default(false),
    }),
    result: z.object({
      fileName: z.string(),
      mediaType: z.string(),
      encoding: z.enum(['utf8', 'base64']),
      data: z.string(),
    }),
  },
  /** Opens a JSONL export read-only and diagnoses its events; a corrupt file fails naming the line. */
  'logs.import': {
    params: z.strictObject({
      fileName: z.string().trim().min(1).max(255),
      text: z.string().min(1).max(IMPORT_MAX_CHARS),
    }),
    result: LogSummarySchema,
  },
  /** Older events of an imported log, returned oldest first (like sessions.events.page). */
  'logs.events.page': {
    params: z.strictObject({
      logId: LogIdSchema,
      /** Only events with seq below this; absent: up to the last. */
      beforeSeq: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(EVENT_PAGE_MAX).default(200),
    }),
    result: EventPageSchema,
  },
  /** The imported logs kept in memory, oldest first. */
  'logs.list': { params: z.strictObject({}), result: z.array(LogSummarySchema) },
  'logs.close': { params: byLog, result: z.object({ logId: z.string(), closed: z.boolean() }) },
} as const;

export const logEvents = {
  /** The list of imported logs changed (any window, any transport). */
  'logs.changed': z.object({ logs: z.array(LogSummarySchema) }),
} as const;
