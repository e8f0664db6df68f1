/**
 * What the troubleshoot runner learns beside the core's events: follow-up probes (is TLS on
 * that port? which certificate does it present?), error codes nested in decoded replies,
 * the advertised-listener check of each broker, and request failures that have no event.
 * Plain JSON, never a secret; exported with the events (see docs/export-format.md).
 */
import { z } from 'zod';
import { ApiKey, errorName } from '../core/protocol';
import type { CertSummary } from '../core';

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

export const NestedErrorSchema = z.object({
  /** Where in the reply, e.g. `topics[0]`. */
  path: z.string(),
  /** 'topic', 'group', 'partition', 'resource'… from the array it was found in. */
  resource: z.string().nullable(),
  /** The topic / group / resource name when the entry has one. */
  name: z.string().nullable(),
  errorCode: z.number(),
  errorName: z.string(),
});
export type NestedError = z.output<typeof NestedErrorSchema>;

export const AdvertisedCheckSchema = z.object({
  code: z.string(),
  nodeId: z.number(),
  advertised: z.string(),
  bootstrap: z.string(),
  failureKind: z.string().nullable(),
  message: z.string(),
});

export const ObservationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tls-probe'),
    time: z.number(),
    broker: z.string(),
    /** true: the port completed (or alerted in) a TLS handshake; false: it did not speak TLS; null: no answer. */
    speaksTls: z.boolean().nullable(),
    detail: z.string(),
  }),
  z.object({
    type: z.literal('peer-chain'),
    time: z.number(),
    broker: z.string(),
    servername: z.string().nullable(),
    /** What verification says about it ('CERT_HAS_EXPIRED'…), null when it verifies. */
    authorizationError: z.string().nullable(),
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
    /** The connection that tried the advertised address, when one was made. */
    connectionId: z.string().nullable(),
    check: AdvertisedCheckSchema,
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
export type Observation = z.output<typeof ObservationSchema>;

// Compile-time check: the core's CertSummary fits the schema.
const _certFits = (c: CertSummary): z.input<typeof CertSummarySchema> => c;
void _certFits;

const RESOURCE_OF: Record<string, string> = {
  topics: 'topic',
  responses: 'topic',
  groups: 'group',
  partitions: 'partition',
  partitionResponses: 'partition',
  resources: 'resource',
  results: 'resource',
  coordinators: 'coordinator',
  transactionalIds: 'transactional id',
  entries: 'entry',
};

function nameOf(o: Record<string, unknown>): string | null {
  for (const k of ['name', 'topic', 'groupId', 'key', 'resourceName', 'transactionalId']) {
    const v = o[k];
    if (typeof v === 'string') return v;
  }
  if (typeof o.partitionIndex === 'number') return `partition ${o.partitionIndex}`;
  return null;
}

/**
 * Every non-zero errorCode found inside arrays of a decoded reply body (not the top-level
 * one, which the core's `response` event already carries). Bounded: at most `limit` entries.
 */
export function nestedErrors(body: unknown, limit = 50): NestedError[] {
  const out: NestedError[] = [];
  const walk = (value: unknown, path: string, resource: string | null, depth: number): void => {
    if (out.length >= limit || depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, resource, depth + 1));
      return;
    }
    if (value instanceof Uint8Array) return;
    const o = value as Record<string, unknown>;
    if (depth > 0 && typeof o.errorCode === 'number' && o.errorCode !== 0) {
      out.push({
        path,
        resource,
        name: nameOf(o),
        errorCode: o.errorCode,
        errorName: errorName(o.errorCode),
      });
    }
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) walk(v, path ? `${path}.${k}` : k, RESOURCE_OF[k] ?? k, depth + 1);
    }
  };
  walk(body, '', null, 0);
  return out;
}

/** APIs whose replies carry host names (for masking) and nested errors worth decoding. */
export const APIS_WITH_HOSTS: ReadonlySet<number> = new Set([
  ApiKey.Metadata,
  ApiKey.DescribeCluster,
  ApiKey.FindCoordinator,
  ApiKey.DescribeQuorum,
]);
