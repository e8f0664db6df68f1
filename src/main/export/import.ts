/**
 * Reads a JSONL export back into the same event objects, for a read-only view. Every line
 * is validated (zod); a corrupt file gives errors with line numbers, never an exception.
 * Event types this version does not know (a newer exporter) are skipped with a warning.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import type { PoolStreamEvent } from '../core';
import {
  CONNECTION_EVENT_TYPES,
  ConnectionEventSchema,
  LOG_FORMAT,
  LOG_FORMAT_VERSION,
  LogHeaderSchema,
  POOL_EVENT_TYPES,
  PoolEventSchema,
  TroubleshootRecordSchema,
  type LogHeader,
  type TroubleshootRecord,
} from './log-schema';

export interface ImportIssue {
  /** 1-based line number; 0 for the file as a whole. */
  line: number;
  message: string;
}

export interface ImportedLog {
  header: LogHeader;
  events: PoolStreamEvent[];
  troubleshoot: TroubleshootRecord | null;
  /** Lines skipped (unknown record types, blank lines are not counted). */
  warnings: ImportIssue[];
}

export type ImportResult = { ok: true; log: ImportedLog } | { ok: false; errors: ImportIssue[] };

export interface ImportOptions {
  /** Stop collecting errors after this many (default 20). */
  maxErrors?: number;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

/** Incremental parser: feed lines in order, then finish(). */
export class JsonlImporter {
  private lineNo = 0;
  private header: LogHeader | null = null;
  private readonly events: PoolStreamEvent[] = [];
  private troubleshoot: TroubleshootRecord | null = null;
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly maxErrors: number;

  constructor(options: ImportOptions = {}) {
    this.maxErrors = options.maxErrors ?? 20;
  }

  private error(message: string, line = this.lineNo): void {
    if (this.errors.length < this.maxErrors) this.errors.push({ line, message });
  }

  line(raw: string): void {
    this.lineNo++;
    try {
      this.parseLine(raw);
    } catch (err) {
      this.error(`could not be read: ${(err as Error).message}`);
    }
  }

  private parseLine(raw: string): void {
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') return;
    if (this.header === null && this.lineNo > 1 && this.errors.length > 0) return; // no usable header: the rest is noise
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.error(`not valid JSON (${(err as Error).message})`);
      return;
    }
    if (this.header === null) {
      this.readHeader(value);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.error('expected a JSON object');
      return;
    }
    const type = (value as { type?: unknown }).type;
    if (typeof type !== 'string') {
      this.error('the object has no "type"');
      return;
    }
    if (CONNECTION_EVENT_TYPES.has(type)) {
      const r = ConnectionEventSchema.safeParse(value);
      if (r.success) this.events.push(r.data as PoolStreamEvent);
      else this.error(`invalid "${type}" event: ${describeIssues(r.error)}`);
    } else if (POOL_EVENT_TYPES.has(type)) {
      const r = PoolEventSchema.safeParse(value);
      if (r.success) this.events.push(r.data as PoolStreamEvent);
      else this.error(`invalid "${type}" event: ${describeIssues(r.error)}`);
    } else if (type === 'troubleshoot.summary') {
      const r = TroubleshootRecordSchema.safeParse(value);
      if (!r.success) this.error(`invalid troubleshoot summary: ${describeIssues(r.error)}`);
      else if (this.troubleshoot) this.error('a second troubleshoot summary');
      else this.troubleshoot = r.data;
    } else {
      this.warnings.push({ line: this.lineNo, message: `unknown record type "${type}" skipped` });
    }
  }

  private readHeader(value: unknown): void {
    const v = value as { format?: unknown; version?: unknown } | null;
    if (!v || typeof v !== 'object' || v.format !== LOG_FORMAT) {
      this.error(`the first line is not a Brokerscope log header (expected {"format":"${LOG_FORMAT}",…})`);
      return;
    }
    if (typeof v.version === 'number' && v.version > LOG_FORMAT_VERSION) {
      this.error(
        `format version ${v.version} is newer than this reader (${LOG_FORMAT_VERSION}): update Brokerscope`,
      );
      return;
    }
    const r = LogHeaderSchema.safeParse(value);
    if (!r.success) {
      this.error(`invalid header: ${describeIssues(r.error)}`);
      return;
    }
    this.header = r.data;
  }

  finish(): ImportResult {
    if (this.header === null && this.errors.length === 0)
      this.errors.push({ line: 0, message: 'the file is empty' });
    if (this.errors.length > 0 || this.header === null) return { ok: false, errors: this.errors };
    if (this.header.eventCount !== this.events.length) {
      this.warnings.push({
        line: 0,
        message: `the header announces ${this.header.eventCount} events, the file has ${this.events.length} (truncated?)`,
      });
    }
    return {
      ok: true,
      log: {
        header: this.header,
        events: this.events,
        troubleshoot: this.troubleshoot,
        warnings: this.warnings,
      },
    };
  }
}

export function importJsonl(text: string, options: ImportOptions = {}): ImportResult {
  const importer = new JsonlImporter(options);
  try {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        if (start < text.length) importer.line(text.slice(start));
        break;
      }
      importer.line(text.slice(start, nl));
      start = nl + 1;
    }
  } catch (err) {
    return { ok: false, errors: [{ line: 0, message: (err as Error).message }] };
  }
  return importer.finish();
}

/** Reads a file line by line; I/O errors are import errors too. */
export async function importJsonlFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const importer = new JsonlImporter(options);
  try {
    const stream = createReadStream(path, { encoding: 'utf8' });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) importer.line(line);
  } catch (err) {
    return { ok: false, errors: [{ line: 0, message: `cannot read ${path}: ${(err as Error).message}` }] };
  }
  return importer.finish();
}
