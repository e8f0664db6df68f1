/**
 * The machine-readable report of `brokerscope probe --json`, its zod schema (exported for
 * anyone who consumes it) and the JSON Schema generated from it (docs/probe-report.schema.json,
 * also printed by `brokerscope schema`).
 */
import { z } from 'zod';
import { FindingSchema } from '../main/diagnose/findings';
import { CertSummarySchema } from '../main/diagnose/observations';
import type { TroubleshootResult, Step, TlsSummary } from '../main/diagnose/troubleshoot';

export const REPORT_SCHEMA_ID = 'brokerscope-probe-report';
export const REPORT_VERSION = 1;

const StepReportSchema = z.object({
  id: z
    .string()
    .describe('dns, tcp, tls, apiVersions, saslHandshake, saslAuthenticate, metadata, or broker:<nodeId>'),
  label: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  /** Bootstrap address for handshake steps. */
  address: z.string().nullable(),
  ms: z.number().nullable().describe('how long the step took, ms'),
  detail: z.string().nullable().describe('what the step found, or why it failed or was skipped'),
});

const TlsReportSchema = z.object({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  servername: z.string().nullable(),
  authorized: z.boolean(),
  authorizationError: z.string().nullable(),
  hostnameVerified: z.boolean(),
  peerChain: z.array(CertSummarySchema),
});

const VersionSchema = z.object({
  apiKey: z.number(),
  name: z.string(),
  clientMin: z.number().nullable(),
  clientMax: z.number().nullable(),
  brokerMin: z.number().nullable(),
  brokerMax: z.number().nullable(),
  selected: z.number().nullable().describe('the version requests use; null when there is no common version'),
});

const BrokerReportSchema = z.object({
  nodeId: z.number(),
  host: z.string(),
  port: z.number(),
  rack: z.string().nullable(),
  isController: z.boolean(),
  status: z.enum(['ok', 'failed', 'skipped']),
  connectMs: z.number().nullable(),
  error: z.string().nullable(),
  failureKind: z.string().nullable(),
  tls: TlsReportSchema.nullable(),
  versions: z.array(VersionSchema).nullable().describe('negotiated API versions with this broker'),
});

export const ProbeReportSchema = z
  .object({
    schema: z.literal(REPORT_SCHEMA_ID),
    version: z.literal(REPORT_VERSION),
    tool: z.object({ name: z.literal('brokerscope'), version: z.string() }),
    startedAt: z.string().describe('ISO 8601'),
    durationMs: z.number(),
    healthy: z.boolean().describe('no finding of error severity'),
    exitCode: z.union([z.literal(0), z.literal(1)]),
    target: z.object({
      bootstrap: z.array(z.string()),
      securityProtocol: z.enum(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']),
      saslMechanism: z.string().nullable(),
      username: z.string().nullable(),
      clientId: z.string(),
      tls: z
        .object({
          caGiven: z.boolean(),
          clientCert: z.boolean(),
          servername: z.string().nullable(),
          verifyCertificate: z.boolean(),
          verifyHostname: z.boolean(),
        })
        .nullable(),
      topics: z.array(z.string()),
    }),
    summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }),
    findings: z.array(FindingSchema),
    steps: z
      .array(StepReportSchema)
      .describe(
        'the handshake of the bootstrap address used (or the last one tried), Metadata, then each broker',
      ),
    attempts: z
      .array(z.object({ address: z.string(), ok: z.boolean(), steps: z.array(StepReportSchema) }))
      .describe('one per bootstrap address tried'),
    bootstrap: z
      .object({
        address: z.string(),
        tls: TlsReportSchema.nullable(),
        saslMechanism: z.string().nullable(),
        sessionLifetimeMs: z.number().nullable(),
        versions: z.array(VersionSchema).nullable(),
      })
      .nullable(),
    cluster: z
      .object({
        clusterId: z.string().nullable(),
        controllerId: z.number().nullable(),
        brokers: z.array(BrokerReportSchema),
      })
      .nullable(),
    topics: z.array(z.object({ name: z.string(), errorCode: z.number(), errorName: z.string().nullable() })),
    exports: z.object({
      jsonl: z.string().nullable(),
      log: z.string().nullable(),
      pcapng: z.string().nullable(),
      keylog: z.string().nullable(),
    }),
  })
  .describe('brokerscope probe --json report, version 1');

export type ProbeReport = z.output<typeof ProbeReportSchema>;

function stepReport(s: Step): z.output<typeof StepReportSchema> {
  return {
    id: s.id,
    label: s.label,
    status: s.status === 'ok' || s.status === 'failed' ? s.status : 'skipped',
    address: s.address,
    ms: s.ms === null ? null : Math.round(s.ms * 10) / 10,
    detail: s.detail,
  };
}

function tlsReport(t: TlsSummary | null): z.output<typeof TlsReportSchema> | null {
  return t ? { ...t, peerChain: t.peerChain.map((c) => ({ ...c })) } : null;
}

export function buildReport(
  r: TroubleshootResult,
  exports: ProbeReport['exports'],
  toolVersion: string,
): ProbeReport {
  const count = (sev: string): number => r.findings.filter((f) => f.severity === sev).length;
  return {
    schema: REPORT_SCHEMA_ID,
    version: REPORT_VERSION,
    tool: { name: 'brokerscope', version: toolVersion },
    startedAt: new Date(r.startedAt).toISOString(),
    durationMs: r.ms,
    healthy: r.healthy,
    exitCode: r.healthy ? 0 : 1,
    target: r.target,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    findings: r.findings,
    steps: r.steps.map(stepReport),
    attempts: r.attempts.map((a) => ({ address: a.address, ok: a.ok, steps: a.steps.map(stepReport) })),
    bootstrap: r.bootstrap
      ? {
          address: r.bootstrap.address,
          tls: tlsReport(r.bootstrap.tls),
          saslMechanism: r.bootstrap.saslMechanism,
          sessionLifetimeMs: r.bootstrap.sessionLifetimeMs,
          versions: r.bootstrap.versions,
        }
      : null,
    cluster: r.cluster
      ? {
          clusterId: r.cluster.clusterId,
          controllerId: r.cluster.controllerId,
          brokers: r.brokers.map((b) => ({
            nodeId: b.nodeId,
            host: b.host,
            port: b.port,
            rack: b.rack,
            isController: b.isController,
            status: b.status,
            connectMs: b.ms === null ? null : Math.round(b.ms * 10) / 10,
            error: b.error,
            failureKind: b.failureKind,
            tls: tlsReport(b.tls),
            versions: b.versions,
          })),
        }
      : null,
    topics: r.topics,
    exports,
  };
}

/** The JSON Schema (draft 2020-12) of the report. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    title: 'brokerscope probe report',
    ...(z.toJSONSchema(ProbeReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>),
  };
}
