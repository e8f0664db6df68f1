/**
 * The readable report of `brokerscope probe`, and the progress line. Plain ASCII status
 * words (grep- and CI-friendly); colour only on a terminal, never with NO_COLOR.
 */
import type { Finding } from '../main/diagnose/findings';
import type { Step } from '../main/diagnose/troubleshoot';
import type { ProbeReport } from './report';

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOR: Style = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
const id = (s: string): string => s;
export const PLAIN: Style = { red: id, yellow: id, green: id, dim: id, bold: id };

function status(s: ProbeReport['steps'][number]['status'], st: Style): string {
  return s === 'ok' ? st.green('[ ok ]') : s === 'failed' ? st.red('[FAIL]') : st.dim('[skip]');
}

function ms(v: number | null): string {
  if (v === null) return '';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`;
}

function severity(f: Finding, st: Style): string {
  return f.severity === 'error'
    ? st.red(st.bold('ERROR  '))
    : f.severity === 'warning'
      ? st.yellow('WARNING')
      : st.dim('INFO   ');
}

export function renderReport(r: ProbeReport, st: Style): string {
  const out: string[] = [];
  const t = r.target;
  const who = t.saslMechanism ? `, ${t.saslMechanism}${t.username ? ` as ${t.username}` : ''}` : '';
  out.push(st.bold(`brokerscope probe ${t.bootstrap.join(',')} (${t.securityProtocol}${who})`), '');

  for (const a of r.attempts.slice(0, -1)) {
    const failed = a.steps.find((s) => s.status === 'failed');
    out.push(
      `  ${st.red('[FAIL]')} bootstrap ${a.address}: ${failed ? `${failed.label}: ${failed.detail ?? ''}` : 'failed'}`,
    );
  }
  if (r.attempts.length > 1) out.push('');
  const width = Math.max(...r.steps.map((s) => s.label.length), 10);
  for (const s of r.steps) {
    out.push(
      `  ${status(s.status, st)} ${s.label.padEnd(width)}  ${ms(s.ms).padStart(9)}  ${s.detail ?? ''}`.trimEnd(),
    );
  }
  out.push('');

  if (r.cluster) {
    out.push(
      `Cluster ${r.cluster.clusterId ?? '(no id)'}, controller ${r.cluster.controllerId ?? 'unknown'}, ${r.cluster.brokers.length} broker(s):`,
    );
    for (const b of r.cluster.brokers) {
      const versions = b.versions
        ? ['Produce', 'Fetch', 'Metadata']
            .map((n) => b.versions!.find((v) => v.name === n))
            .filter((v) => v !== undefined)
            .map((v) => `${v!.name} v${v!.selected ?? '-'}`)
            .join(', ')
        : '';
      const state =
        b.status === 'ok' ? st.green('ok') : b.status === 'failed' ? st.red('failed') : st.dim('not checked');
      out.push(
        `  broker ${b.nodeId}  ${b.host}:${b.port}${b.rack ? ` rack ${b.rack}` : ''}${b.isController ? ' (controller)' : ''}  ${state}${b.connectMs !== null ? ` ${ms(b.connectMs)}` : ''}${b.tls ? `  ${b.tls.protocol}` : ''}${versions ? `  ${versions}` : ''}${b.error ? `: ${b.error}` : ''}`,
      );
    }
    out.push('');
  }
  const tls = r.bootstrap?.tls;
  if (tls) {
    const leaf = tls.peerChain[0];
    out.push(
      `TLS: ${tls.protocol ?? '?'} ${tls.cipher ?? ''}${leaf ? `; certificate ${leaf.subject}, issued by ${leaf.issuer}, valid until ${leaf.validTo.slice(0, 10)}` : ''}${tls.authorized ? '' : st.yellow(` (not verified${tls.authorizationError ? `: ${tls.authorizationError}` : ''})`)}`,
      '',
    );
  }
  if (r.topics.length) {
    out.push(
      `Topics: ${r.topics.map((x) => `${x.name} ${x.errorName ? st.red(x.errorName) : st.green('ok')}`).join(', ')}`,
      '',
    );
  }

  if (r.findings.length === 0) {
    out.push(st.green('No problems found.'));
  } else {
    out.push(st.bold(`Findings: ${r.summary.errors} error(s), ${r.summary.warnings} warning(s)`));
    for (const f of r.findings) {
      out.push('', `  ${severity(f, st)} ${st.bold(f.code)}  ${f.title}`);
      out.push(`          ${f.cause}`);
      out.push(`          Fix: ${f.fix}`);
      if (f.evidence.length) {
        out.push(st.dim('          Evidence:'));
        for (const e of f.evidence.slice(0, 6))
          out.push(st.dim(`            ${e.seq !== null ? `#${e.seq} `.padEnd(5) : '     '}${e.summary}`));
      }
    }
  }
  const exported = Object.entries(r.exports).filter(([, v]) => v !== null);
  if (exported.length) out.push('', `Exported: ${exported.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(
    '',
    r.healthy
      ? st.green(`Healthy (exit 0), ${ms(r.durationMs)}`)
      : st.red(`Problems found (exit 1), ${ms(r.durationMs)}`),
  );
  return `${out.join('\n')}\n`;
}

const SPINNER = ['|', '/', '-', '\\'];

/** A one-line progress display on a terminal: the running step, rewritten in place. */
export class ProgressLine {
  private frame = 0;
  private current: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly write: (s: string) => void) {}

  step(s: Step): void {
    if (s.status === 'running') {
      this.current = s.label;
      this.draw();
      if (!this.timer) {
        this.timer = setInterval(() => this.draw(), 120);
        this.timer.unref();
      }
    }
  }

  private draw(): void {
    if (this.current === null) return;
    this.frame = (this.frame + 1) % SPINNER.length;
    this.write(`\r\x1b[2K${SPINNER[this.frame]} ${this.current}…`);
  }

  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.write('\r\x1b[2K');
  }
}
