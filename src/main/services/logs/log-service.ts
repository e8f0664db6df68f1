/**
 * Exports and imports for the renderer. Exports read a session's buffered events (paged out
 * oldest first) or a kept troubleshoot run, and go through the export layer, which redacts
 * (known secret values, secret-shaped strings, SASL payloads) and masks hosts on request.
 * Imports read a JSONL export read-only, diagnose its events, and keep it in memory for
 * paging like a session's events.
 */
import { randomUUID } from 'node:crypto';
import type { PoolStreamEvent } from '../../core';
import { diagnose, type DiagnoseContext } from '../../diagnose';
import {
  fromTroubleshoot,
  importJsonl,
  jsonlFromPrepared,
  pcapngFromPrepared,
  prepareExport,
  textFromPrepared,
  toKeyLog,
  type ExportInput,
  type ImportedLog,
  type PreparedExport,
} from '../../export';
import type { Result } from '@shared/api/contract';
import type { ExportFormat, ExportSource, LogSummary } from '@shared/api/logs';
import { EVENT_PAGE_MAX } from '@shared/api/sessions';
import type { Emit } from '../../transport/event-bus';

/** What the log service needs of the sessions. */
export interface SessionEventSource {
  list(): Result<'sessions.list'>;
  page(sessionId: string, beforeSeq: number | undefined, limit: number): Result<'sessions.events.page'>;
}

/** What it needs of the troubleshoot runs. */
export interface RunSource {
  exportable(runId: string): {
    profileName: string;
    securityProtocol: string;
    keyLog: boolean;
    result: Parameters<typeof fromTroubleshoot>[0];
    secretValues: string[];
  };
}

export interface LogServiceOptions {
  sessions: SessionEventSource;
  runs: RunSource;
  /** Secret values of a profile, to scrub from exports (empty when it has none or is gone). */
  secretsOf: (profileId: string) => Promise<string[]>;
  emit: Emit;
  /** Imported logs kept (default 20); the oldest is closed beyond. */
  keep?: number;
  /** Clock for file names and headers (tests). */
  now?: () => Date;
}

export class LogNotFoundError extends Error {
  override readonly name = 'LogNotFoundError';
  constructor(id: string) {
    super(`logId: no imported log ${JSON.stringify(id)}`);
  }
}

export const KEPT_LOGS = 20;

const FORMATS: Record<ExportFormat, { ext: string; mediaType: string }> = {
  jsonl: { ext: 'jsonl', mediaType: 'application/x-ndjson' },
  text: { ext: 'txt', mediaType: 'text/plain; charset=utf-8' },
  pcapng: { ext: 'pcapng', mediaType: 'application/x-pcapng' },
  keylog: { ext: 'keylog.txt', mediaType: 'text/plain; charset=utf-8' },
};

interface ImportedRecord {
  summary: LogSummary;
  events: PoolStreamEvent[];
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'export'
  );
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The most lines of a failed import named in the error. */
const ERRORS_SHOWN = 5;

export class LogService {
  private readonly logs = new Map<string, ImportedRecord>();

  constructor(private readonly opts: LogServiceOptions) {}

  // ---------------------------------------------------------------- export

  async export(
    source: ExportSource,
    format: ExportFormat,
    maskHosts: boolean,
  ): Promise<Result<'logs.export'>> {
    const now = this.opts.now?.() ?? new Date();
    let input: ExportInput;
    let secrets: string[];
    let keyLog: string[] | null = null;
    let noKeyLog: string;
    let what: string;
    if (source.kind === 'session') {
      const summary = this.opts.sessions.list().find((s) => s.sessionId === source.sessionId);
      if (!summary) throw new Error(`source.sessionId: no session ${JSON.stringify(source.sessionId)}`);
      input = {
        events: this.sessionEvents(source.sessionId),
        source: { kind: 'session', label: summary.profileName },
      };
      secrets = await this.opts.secretsOf(summary.profileId).catch(() => []);
      noKeyLog = 'no TLS key log was kept for this session';
      what = 'session';
    } else {
      const run = this.opts.runs.exportable(source.runId);
      input = fromTroubleshoot(run.result, run.profileName);
      secrets = run.secretValues;
      what = 'troubleshoot';
      if (run.keyLog && run.result.keyLog.length > 0) keyLog = run.result.keyLog;
      noKeyLog = run.keyLog
        ? 'no TLS key log was kept for this run: it made no TLS connection'
        : run.securityProtocol === 'SSL' || run.securityProtocol === 'SASL_SSL'
          ? 'no TLS key log was kept for this run: start it with keyLog on to keep one'
          : `no TLS key log was kept for this run: ${run.securityProtocol} does not use TLS`;
    }

    if (format === 'keylog') {
      if (!keyLog) throw new Error(noKeyLog);
      return this.file(what, input.source?.label ?? null, maskHosts, now, format, toKeyLog(keyLog));
    }
    if (format === 'pcapng' && !input.events.some((e) => e.type === 'frame')) {
      throw new Error(
        source.kind === 'session'
          ? 'no frames were captured in this session: connect it with captureFrames on (sessions.connect) to export pcapng'
          : 'no frames were captured in this run',
      );
    }
    const prepared = prepareExport(input, { maskHosts, secrets, createdAt: now });
    return this.file(
      what,
      prepared.header.source.label ?? null,
      maskHosts,
      now,
      format,
      this.render(prepared, format),
    );
  }

  private render(p: PreparedExport, format: Exclude<ExportFormat, 'keylog'>): string | Buffer {
    switch (format) {
      case 'jsonl':
        return jsonlFromPrepared(p);
      case 'text':
        return textFromPrepared(p);
      case 'pcapng':
        return pcapngFromPrepared(p);
    }
  }

  private file(
    what: string,
    label: string | null,
    maskHosts: boolean,
    now: Date,
    format: ExportFormat,
    content: string | Buffer,
  ): Result<'logs.export'> {
    const { ext, mediaType } = FORMATS[format];
    // A masked export keeps names out of its file name too (a profile name may hold a host).
    const name = label && !maskHosts ? `-${slug(label)}` : '';
    const fileName = `brokerscope-${what}${name}-${stamp(now)}.${ext}`;
    return typeof content === 'string'
      ? { fileName, mediaType, encoding: 'utf8', data: content }
      : { fileName, mediaType, encoding: 'base64', data: content.toString('base64') };
  }

  /** Every event still buffered for the session, oldest first (paged out backwards). */
  private sessionEvents(sessionId: string): PoolStreamEvent[] {
    const pages: PoolStreamEvent[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = this.opts.sessions.page(sessionId, beforeSeq, EVENT_PAGE_MAX);
      if (page.events.length === 0) break;
      pages.push(page.events.map((r) => r.event as PoolStreamEvent));
      if (!page.hasMore) break;
      beforeSeq = page.events[0]!.seq;
    }
    return pages.reverse().flat();
  }

  // ---------------------------------------------------------------- import

  import(fileName: string, text: string): LogSummary {
    const r = importJsonl(text);
    if (!r.ok) {
      const shown = r.errors
        .slice(0, ERRORS_SHOWN)
        .map((e) => (e.line > 0 ? `line ${e.line}: ${e.message}` : e.message));
      const more = r.errors.length > ERRORS_SHOWN ? `; and ${r.errors.length - ERRORS_SHOWN} more` : '';
      throw new Error(`${fileName} is not a readable Brokerscope log: ${shown.join('; ')}${more}`);
    }
    const log = r.log;
    const summary: LogSummary = {
      logId: randomUUID(),
      fileName,
      importedAt: Date.now(),
      header: log.header,
      events: log.events.length,
      findings: diagnoseLog(log),
      warnings: log.warnings,
    };
    this.logs.set(summary.logId, { summary, events: log.events });
    const keep = this.opts.keep ?? KEPT_LOGS;
    for (const id of this.logs.keys()) {
      if (this.logs.size <= keep) break;
      this.logs.delete(id);
    }
    this.changed();
    return summary;
  }

  page(logId: string, beforeSeq: number | undefined, limit: number): Result<'logs.events.page'> {
    const { events } = this.get(logId);
    const n = events.length;
    const hi = Math.min((beforeSeq ?? n + 1) - 1, n);
    const lo = Math.max(hi - limit + 1, 1);
    const out: Result<'logs.events.page'>['events'] = [];
    for (let seq = lo; seq <= hi; seq++) out.push({ seq, event: events[seq - 1]! });
    return { events: out, hasMore: hi >= lo && lo > 1, oldestSeq: n > 0 ? 1 : null, newestSeq: n };
  }

  list(): LogSummary[] {
    return [...this.logs.values()].map((l) => l.summary);
  }

  close(logId: string): { logId: string; closed: boolean } {
    const closed = this.logs.delete(logId);
    if (closed) this.changed();
    return { logId, closed };
  }

  private get(logId: string): ImportedRecord {
    const l = this.logs.get(logId);
    if (!l) throw new LogNotFoundError(logId);
    return l;
  }

  private changed(): void {
    this.opts.emit('logs.changed', { logs: this.list() });
  }
}

const PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;

/** The diagnosis of an imported log: its events, plus a troubleshoot run's observations and target. */
export function diagnoseLog(log: ImportedLog): LogSummary['findings'] {
  const target = log.troubleshoot?.target ?? {};
  const str = (k: string): string | null => (typeof target[k] === 'string' ? (target[k] as string) : null);
  const protocol = str('securityProtocol');
  const context: DiagnoseContext = {
    securityProtocol: PROTOCOLS.find((p) => p === protocol) ?? null,
    saslMechanism: str('saslMechanism'),
    username: str('username'),
    clientId: str('clientId'),
  };
  const created = Date.parse(log.header.createdAt);
  return diagnose({
    events: log.events,
    observations: log.troubleshoot?.observations ?? [],
    context,
    // Certificate dates are judged as of when the log was written.
    now: Number.isFinite(created) ? created : Date.now(),
  });
}
