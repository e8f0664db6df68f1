/**
 * A human-readable log: a header, the connections, one line per event (time, offset,
 * connection, summary), then the troubleshoot steps and findings when there are some.
 */
import type { PoolStreamEvent } from '../core';
import { isConnectionEvent, summarizeEvent } from '../diagnose/summary';
import type { TroubleshootRecord } from './log-schema';
import { prepareExport, type ExportInput, type ExportOptions, type PreparedExport } from './prepare';

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

export function toText(input: ExportInput, options: ExportOptions = {}): string {
  return textFromPrepared(prepareExport(input, options));
}

export function textFromPrepared(p: PreparedExport): string {
  const lines: string[] = [];
  const h = p.header;
  lines.push(
    `Brokerscope log (${h.format} v${h.version}), created ${h.createdAt} by ${h.app.name} ${h.app.version}`,
  );
  lines.push(`Source: ${h.source.kind}${h.source.label ? ` ${h.source.label}` : ''}`);
  lines.push(
    `Redaction: secrets scrubbed, SASL payloads blanked, host names and addresses ${h.redaction.hosts === 'masked' ? `masked (${h.redaction.maskedHosts} names, ${h.redaction.maskedAddresses} addresses)` : 'kept'}`,
  );

  const labels = new Map<string, string>();
  const conns: { label: string; id: string; broker: string; nodeId: number | null }[] = [];
  for (const e of p.events) {
    if (!isConnectionEvent(e) || labels.has(e.connectionId)) continue;
    const label = `c${labels.size + 1}`;
    labels.set(e.connectionId, label);
    conns.push({ label, id: e.connectionId, broker: e.broker, nodeId: e.nodeId });
  }
  lines.push(`Events: ${p.events.length} on ${conns.length} connection(s)`, '');
  if (conns.length) {
    lines.push('Connections:');
    for (const c of conns)
      lines.push(
        `  ${c.label.padEnd(4)} ${c.broker}${c.nodeId !== null ? ` (node ${c.nodeId})` : ''}  ${c.id}`,
      );
    lines.push('');
  }

  if (p.events.length) {
    lines.push('Events:');
    const t0 = Math.min(...p.events.map((e) => e.mono));
    const width = Math.max(4, ...[...labels.values()].map((l) => l.length));
    for (const e of p.events) lines.push(eventLine(e, t0, labels, width));
    lines.push('');
  }

  if (p.troubleshoot) lines.push(...troubleshootLines(p.troubleshoot));
  return `${lines.join('\n')}\n`;
}

function eventLine(
  e: PoolStreamEvent,
  t0: number,
  labels: ReadonlyMap<string, string>,
  width: number,
): string {
  const offset = `+${(e.mono - t0).toFixed(1)}ms`.padStart(11);
  const who = isConnectionEvent(e)
    ? `${(labels.get(e.connectionId) ?? '?').padEnd(width)} #${String(e.seq).padEnd(4)}`
    : `${'pool'.padEnd(width)} ${''.padEnd(5)}`;
  return `${clock(e.time)} ${offset}  ${who} ${summarizeEvent(e)}`;
}

function troubleshootLines(t: TroubleshootRecord): string[] {
  const lines: string[] = [];
  lines.push(`Troubleshoot: ${t.healthy ? 'healthy' : 'problems found'} in ${Math.round(t.ms)} ms`);
  for (const s of t.steps) {
    const ms = s.ms === null ? '' : ` (${s.ms.toFixed(1)} ms)`;
    lines.push(`  [${s.status.toUpperCase().padEnd(7)}] ${s.label}${ms}${s.detail ? `: ${s.detail}` : ''}`);
  }
  lines.push('');
  if (t.findings.length === 0) {
    lines.push('Findings: none', '');
    return lines;
  }
  lines.push('Findings:');
  for (const f of t.findings) {
    lines.push(`  ${f.severity.toUpperCase()} ${f.code}: ${f.title}`);
    lines.push(`    cause: ${f.cause}`);
    lines.push(`    fix:   ${f.fix}`);
    for (const e of f.evidence) lines.push(`    - ${e.seq !== null ? `#${e.seq} ` : ''}${e.summary}`);
  }
  lines.push('');
  return lines;
}
