/**
 * JSON Lines export: a header line, then one event per line, then (for a troubleshoot run)
 * one summary record. Format and versioning: docs/export-format.md.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prepareExport, type ExportInput, type ExportOptions, type PreparedExport } from './prepare';

/** The lines of the export, without newlines. */
export function* jsonlLines(p: PreparedExport): Generator<string> {
  yield JSON.stringify(p.header);
  for (const e of p.events) yield JSON.stringify(e);
  if (p.troubleshoot) yield JSON.stringify(p.troubleshoot);
}

export function toJsonl(input: ExportInput, options: ExportOptions = {}): string {
  return jsonlFromPrepared(prepareExport(input, options));
}

export function jsonlFromPrepared(p: PreparedExport): string {
  let out = '';
  for (const line of jsonlLines(p)) out += `${line}\n`;
  return out;
}

/** Streams the export to a file (no whole-file string for long sessions). */
export async function writeJsonl(path: string, p: PreparedExport): Promise<void> {
  const stream = createWriteStream(path, { encoding: 'utf8', mode: 0o600 });
  const done = once(stream, 'finish');
  const failed = once(stream, 'error').then(([err]) => {
    throw err;
  });
  for (const line of jsonlLines(p)) {
    if (!stream.write(`${line}\n`)) await Promise.race([once(stream, 'drain'), failed]);
  }
  stream.end();
  await Promise.race([done, failed]);
}
