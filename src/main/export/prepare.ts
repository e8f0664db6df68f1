/**
 * What every export format starts from: the events (and, for a troubleshoot run, its
 * conclusions), redacted once with one Redactor so masks agree across formats.
 */
import type { PoolStreamEvent } from '../core';
import type { TroubleshootResult } from '../diagnose/troubleshoot';
import { LOG_FORMAT, LOG_FORMAT_VERSION, type LogHeader, type TroubleshootRecord } from './log-schema';
import { Redactor, type RedactionOptions } from './redaction';

export const APP = { name: 'brokerscope', version: '0.1.0' } as const;

export interface ExportInput {
  /** Connection and pool events, oldest first. */
  events: readonly PoolStreamEvent[];
  /** A troubleshoot run: its summary is exported after the events. */
  troubleshoot?: TroubleshootResult | null;
  source?: { kind: 'session' | 'troubleshoot' | 'events'; label?: string | null };
}

export interface ExportOptions extends RedactionOptions {
  /** For the header's createdAt (default now). */
  createdAt?: Date;
}

export interface PreparedExport {
  header: LogHeader;
  events: PoolStreamEvent[];
  troubleshoot: TroubleshootRecord | null;
  redactor: Redactor;
}

/** The summary record of a troubleshoot run (everything but its events and key log). */
export function troubleshootRecord(r: TroubleshootResult): TroubleshootRecord {
  return {
    type: 'troubleshoot.summary',
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    ms: r.ms,
    healthy: r.healthy,
    target: { ...r.target },
    steps: r.steps,
    attempts: r.attempts,
    cluster: r.cluster,
    brokers: r.brokers.map((b) => ({ ...b })),
    topics: r.topics,
    observations: r.observations,
    findings: r.findings,
  };
}

/** Inputs of a troubleshoot run, ready to export. */
export function fromTroubleshoot(r: TroubleshootResult, label?: string): ExportInput {
  return {
    events: r.events,
    troubleshoot: r,
    source: { kind: 'troubleshoot', label: label ?? r.target.bootstrap.join(',') },
  };
}

export function prepareExport(input: ExportInput, options: ExportOptions = {}): PreparedExport {
  const record = input.troubleshoot ? troubleshootRecord(input.troubleshoot) : null;
  const redactor = new Redactor(options, [input.events, record]);
  const events = input.events.map((e) => redactor.event(e));
  const source = input.source ?? { kind: input.troubleshoot ? 'troubleshoot' : 'events' };
  const header: LogHeader = {
    format: LOG_FORMAT,
    version: LOG_FORMAT_VERSION,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    app: { ...APP },
    redaction: redactor.info(),
    source: { kind: source.kind, label: source.label == null ? null : redactor.text(source.label) },
    eventCount: events.length,
  };
  return { header, events, troubleshoot: record ? redactor.value(record) : null, redactor };
}
