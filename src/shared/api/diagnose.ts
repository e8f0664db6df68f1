/**
 * The troubleshoot area: a step-by-step check of a profile (DNS → TCP → TLS → ApiVersions →
 * SASL → Metadata → each advertised broker), its progress as events, and its result with
 * the diagnosis. The result schemas mirror the diagnose layer's types (src/main/diagnose);
 * src/main/services/diagnose/core-compat.ts proves at compile time that they fit.
 * Open vocabularies (finding codes, categories, failure kinds) are plain strings on purpose.
 */
import { z } from 'zod';
import { ProfileIdSchema } from './profile-schema';
import {
  AdvertisedFindingSchema,
  BrokerNodeSchema,
  CertSummarySchema,
  ConnectionEventSchema,
  NegotiatedApiSchema,
} from './kafka-events';

export const RunIdSchema = z.string().min(1).max(100);

const nstr = z.string().nullable();
const nnum = z.number().nullable();

export const stepStatuses = ['pending', 'running', 'ok', 'failed', 'skipped'] as const;

/** One step of the walk. Handshake steps repeat per bootstrap attempt (address, attempt). */
export const TroubleshootStepSchema = z.object({
  /** dns, tcp, tls, apiVersions, saslHandshake, saslAuthenticate, metadata, or broker:<nodeId>. */
  id: z.string(),
  label: z.string(),
  status: z.enum(stepStatuses),
  /** The bootstrap address of a handshake step; null for Metadata and broker steps. */
  address: nstr,
  /** 0-based bootstrap attempt. */
  attempt: z.number(),
  startedAt: nnum,
  ms: nnum,
  /** One line: what it found, or why it failed or was skipped. */
  detail: nstr,
  /** Plain JSON facts (addresses, TLS details, mechanisms, versions…). */
  data: z.record(z.string(), z.unknown()),
});

export const TlsSummarySchema = z.object({
  protocol: nstr,
  cipher: nstr,
  servername: nstr,
  authorized: z.boolean(),
  authorizationError: nstr,
  hostnameVerified: z.boolean(),
  peerChain: z.array(CertSummarySchema),
});

export const BrokerCheckSchema = z.object({
  nodeId: z.number(),
  host: z.string(),
  port: z.number(),
  rack: nstr,
  isController: z.boolean(),
  status: z.enum(['ok', 'failed', 'skipped']),
  ms: nnum,
  error: nstr,
  failureKind: nstr,
  connectionId: nstr,
  tls: TlsSummarySchema.nullable(),
  /** Negotiated API versions (only APIs both sides know). */
  versions: z.array(NegotiatedApiSchema).nullable(),
});

export const TopicCheckSchema = z.object({ name: z.string(), errorCode: z.number(), errorName: nstr });

export const BootstrapAttemptSchema = z.object({
  address: z.string(),
  ok: z.boolean(),
  connectionId: nstr,
  steps: z.array(TroubleshootStepSchema),
});

export const EvidenceSchema = z.object({
  /** The event's connection; null for a pool event or an observation. */
  connectionId: nstr,
  /** The event's per-connection sequence number; null for pool events and observations. */
  seq: nnum,
  /** Event type, or `observation:<type>`. */
  type: z.string(),
  time: nnum,
  broker: nstr,
  summary: z.string(),
});

export const severities = ['error', 'warning', 'info'] as const;

export const FindingSchema = z.object({
  /** Stable code (SASL_AUTH_FAILED, TLS_UNTRUSTED_CA…), documented in docs/diagnosis.md. */
  code: z.string(),
  severity: z.enum(severities),
  /** network, protocol, tls, sasl, versions, advertised, authorization, load, other. */
  category: z.string(),
  title: z.string(),
  /** One line, plain words. */
  cause: z.string(),
  evidence: z.array(EvidenceSchema),
  fix: z.string(),
  /** host:port the finding is about, when it is about one broker. */
  broker: nstr,
  details: z.record(z.string(), z.unknown()),
});

const NestedErrorSchema = z.object({
  path: z.string(),
  resource: nstr,
  name: nstr,
  errorCode: z.number(),
  errorName: z.string(),
});

/** What the runner learned beside the events: probes, nested reply errors, advertised checks. */
export const ObservationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tls-probe'),
    time: z.number(),
    broker: z.string(),
    speaksTls: z.boolean().nullable(),
    detail: z.string(),
  }),
  z.object({
    type: z.literal('peer-chain'),
    time: z.number(),
    broker: z.string(),
    servername: nstr,
    authorizationError: nstr,
    chain: z.array(CertSummarySchema),
  }),
  z.object({
    type: z.literal('nested-errors'),
    time: z.number(),
    broker: z.string(),
    connectionId: z.string(),
    correlationId: z.number(),
    apiKey: z.number(),
    apiName: z.string(),
    errors: z.array(NestedErrorSchema),
  }),
  z.object({
    type: z.literal('advertised'),
    time: z.number(),
    connectionId: nstr,
    check: AdvertisedFindingSchema,
  }),
  z.object({
    type: z.literal('request-error'),
    time: z.number(),
    broker: z.string(),
    connectionId: z.string(),
    apiName: z.string(),
    message: z.string(),
  }),
]);

export const TroubleshootResultSchema = z.object({
  startedAt: z.number(),
  finishedAt: z.number(),
  ms: z.number(),
  target: z.object({
    bootstrap: z.array(z.string()),
    securityProtocol: z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']),
    saslMechanism: nstr,
    username: nstr,
    clientId: z.string(),
    tls: z
      .object({
        caGiven: z.boolean(),
        clientCert: z.boolean(),
        servername: nstr,
        verifyCertificate: z.boolean(),
        verifyHostname: z.boolean(),
      })
      .nullable(),
    topics: z.array(z.string()),
  }),
  attempts: z.array(BootstrapAttemptSchema),
  /** The handshake steps of the last attempt, then Metadata, then one step per broker. */
  steps: z.array(TroubleshootStepSchema),
  /** What the bootstrap connection negotiated. */
  bootstrap: z
    .object({
      address: z.string(),
      connectionId: z.string(),
      tls: TlsSummarySchema.nullable(),
      versions: z.array(NegotiatedApiSchema).nullable(),
      saslMechanism: nstr,
      sessionLifetimeMs: nnum,
    })
    .nullable(),
  cluster: z.object({ clusterId: nstr, controllerId: nnum, brokers: z.array(BrokerNodeSchema) }).nullable(),
  brokers: z.array(BrokerCheckSchema),
  topics: z.array(TopicCheckSchema),
  /** Every connection event of the run (frames included: runs always capture them). */
  events: z.array(ConnectionEventSchema),
  observations: z.array(ObservationSchema),
  /** Errors first, then warnings, then info. */
  findings: z.array(FindingSchema),
  /** TLS key log lines kept in the main process (never sent; export with logs.export format keylog). */
  keyLogLines: z.number(),
  healthy: z.boolean(),
});

export const runStatuses = ['running', 'done', 'cancelled', 'failed'] as const;

export const TroubleshootRunSummarySchema = z.object({
  runId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  /** done: finished (healthy or not, see the result); failed: the runner itself broke (error). */
  status: z.enum(runStatuses),
  startedAt: z.number(),
  finishedAt: nnum,
  /** Why the run failed (never a secret). */
  error: nstr,
  /** Whether the run keeps a TLS key log (asked for, on a TLS profile). */
  keyLog: z.boolean(),
  healthy: z.boolean().nullable(),
  findingCounts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
});

export const TroubleshootRunSchema = TroubleshootRunSummarySchema.extend({
  /** Every step as last reported, in the order they first appeared. */
  steps: z.array(TroubleshootStepSchema),
  /** Null while running, and when the run failed. */
  result: TroubleshootResultSchema.nullable(),
});

const byRun = z.strictObject({ runId: RunIdSchema });

/** How many finished runs are kept (with their events, for export). */
export const KEPT_RUNS = 20;

export const troubleshootMethods = {
  /**
   * Starts a troubleshoot run for the profile; progress comes as troubleshoot.update events,
   * the end as troubleshoot.done. A mistake in the profile fails the call, naming the field.
   */
  'troubleshoot.run': {
    params: z.strictObject({
      profileId: ProfileIdSchema,
      /** Keep the TLS key log of the run's connections for export (TLS profiles only). */
      keyLog: z.boolean().default(false),
      /** Topics to look up in Metadata (their errors show authorization problems). */
      topics: z.array(z.string().min(1).max(249)).max(100).default([]),
    }),
    result: z.object({ runId: z.string() }),
  },
  /** Stops a running run; it still ends with troubleshoot.done (status cancelled). */
  'troubleshoot.cancel': {
    params: byRun,
    result: z.object({ runId: z.string(), cancelled: z.boolean() }),
  },
  /** A run as it stands: its steps, and its result once finished. */
  'troubleshoot.result': { params: byRun, result: TroubleshootRunSchema },
  /** The runs kept in memory (the last KEPT_RUNS), oldest first. */
  'troubleshoot.list': { params: z.strictObject({}), result: z.array(TroubleshootRunSummarySchema) },
} as const;

export const troubleshootEvents = {
  /** A step changed (started, finished, failed, skipped). */
  'troubleshoot.update': z.object({ runId: z.string(), step: TroubleshootStepSchema }),
  /** The run ended; result is null only when status is failed. */
  'troubleshoot.done': z.object({
    runId: z.string(),
    status: z.enum(runStatuses),
    result: TroubleshootResultSchema.nullable(),
    error: nstr,
  }),
} as const;

export type TroubleshootStep = z.output<typeof TroubleshootStepSchema>;
export type TroubleshootResultData = z.output<typeof TroubleshootResultSchema>;
export type TroubleshootRun = z.output<typeof TroubleshootRunSchema>;
export type TroubleshootRunSummary = z.output<typeof TroubleshootRunSummarySchema>;
export type TroubleshootRunStatus = z.output<typeof TroubleshootRunSummarySchema>['status'];
export type FindingData = z.output<typeof FindingSchema>;
export type EvidenceData = z.output<typeof EvidenceSchema>;
export type ObservationData = z.output<typeof ObservationSchema>;
export type TlsSummaryData = z.output<typeof TlsSummarySchema>;
export type BrokerCheckData = z.output<typeof BrokerCheckSchema>;
export type TopicCheckData = z.output<typeof TopicCheckSchema>;
export type BootstrapAttemptData = z.output<typeof BootstrapAttemptSchema>;
