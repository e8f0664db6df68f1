/** Tables for the terminal and for docs/benchmarks.md, and the ratios against the targets. */
import {
  API_LABEL,
  CLIENT_LABEL,
  PEERS,
  type Api,
  type CellResult,
  type ClientName,
  type ReadyInfo,
} from './types';

/** ours ÷ peer in requests/s must reach these. */
export const RPS_TARGET: Partial<Record<ClientName, number>> = { platformatic: 1.3, kafkajs: 2, aiokafka: 3 };
/** ours CPU per round trip ÷ the best (lowest) peer's must stay at or under this. */
export const CPU_TARGET = 0.5;

export interface Cell {
  api: Api;
  inflight: number;
  /** Per client: the median over rounds. */
  results: Partial<Record<ClientName, CellResult>>;
  /** Per client: every round, in order. */
  rounds?: Partial<Record<ClientName, CellResult[]>>;
}

/** req/s spread over rounds: (max − min) / median, as a percentage. */
function spread(cell: Cell, c: ClientName): string {
  const rs = cell.rounds?.[c]?.map((r) => r.rps) ?? [];
  const med = cell.results[c]?.rps ?? 0;
  if (rs.length < 2 || med <= 0) return '—';
  return `±${Math.round((50 * (Math.max(...rs) - Math.min(...rs))) / med)}%`;
}

export interface CellRatios {
  rps: Partial<Record<ClientName, number | null>>;
  cpu: Partial<Record<ClientName, number | null>>;
  bestPeer: ClientName | null;
  cpuVsBest: number | null;
}

const ok = (r: CellResult | undefined): r is CellResult => !!r && r.count > 0 && r.errors === 0;

export function ratios(cell: Cell, peers: ClientName[]): CellRatios {
  const ours = cell.results.ours;
  const out: CellRatios = { rps: {}, cpu: {}, bestPeer: null, cpuVsBest: null };
  let best: CellResult | null = null;
  for (const p of peers) {
    const r = cell.results[p];
    out.rps[p] = ok(ours) && ok(r) && r.rps > 0 ? ours.rps / r.rps : null;
    out.cpu[p] = ok(ours) && ok(r) && r.cpuUsPerRt ? ours.cpuUsPerRt! / r.cpuUsPerRt : null;
    if (ok(r) && r.cpuUsPerRt !== null && (!best || r.cpuUsPerRt < best.cpuUsPerRt!)) best = r;
  }
  if (best) {
    out.bestPeer = best.client;
    out.cpuVsBest = ok(ours) ? ours.cpuUsPerRt! / best.cpuUsPerRt! : null;
  }
  return out;
}

// ---------------------------------------------------------------- formatting

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null): string => (n === null ? '—' : n < 10 ? n.toFixed(3) : n.toFixed(1));
const us = (n: number | null): string => (n === null ? '—' : n.toFixed(1));
const x = (n: number | null | undefined, target?: number): string =>
  n === null || n === undefined
    ? '—'
    : `${n.toFixed(target !== undefined && Math.abs(n - target) < 0.01 ? 3 : 2)}×`;
const mark = (pass: boolean): string => (pass ? 'met' : 'MISSED');

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

function renderText(header: string[], rows: string[][], rightFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => pad(c, widths[i]!, i >= rightFrom)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function renderMarkdown(header: string[], rows: string[][], rightFrom: number): string {
  const sep = header.map((_, i) => (i >= rightFrom ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function resultCells(cell: Cell, c: ClientName, ready: ReadyInfo | undefined): string[] {
  const r = cell.results[c];
  const v = ready ? `v${ready.apiVersions[cell.api]}` : '—';
  if (!r) return [v, '—', '—', '—', '—', '—'];
  const err = r.errors > 0 ? ` (${r.errors} err)` : '';
  return [v, int(r.rps) + err, spread(cell, c), ms(r.p50Ms), ms(r.p99Ms), us(r.cpuUsPerRt)];
}

export function measurementRows(
  cells: Cell[],
  clients: ClientName[],
  readies: Partial<Record<ClientName, ReadyInfo>>,
): string[][] {
  const peers = clients.filter((c) => PEERS.includes(c));
  const rows: string[][] = [];
  for (const cell of cells) {
    const rat = ratios(cell, peers);
    for (const c of clients) {
      const isOurs = c === 'ours';
      rows.push([
        API_LABEL[cell.api],
        String(cell.inflight),
        CLIENT_LABEL[c],
        ...resultCells(cell, c, readies[c]),
        isOurs || !PEERS.includes(c) ? '—' : x(rat.rps[c]),
        isOurs || !PEERS.includes(c) ? '—' : x(rat.cpu[c]),
      ]);
    }
  }
  return rows;
}

const MEASURE_HEADER = [
  'API',
  'in-flight',
  'client',
  'req ver',
  'req/s',
  'spread',
  'p50 ms',
  'p99 ms',
  'CPU µs/RT',
  'ours÷peer req/s',
  'ours÷peer CPU/RT',
];

export function targetRows(
  cells: Cell[],
  clients: ClientName[],
): { header: string[]; rows: string[][]; met: number; total: number } {
  const peers = clients.filter((c) => PEERS.includes(c));
  const header = [
    'API',
    'in-flight',
    ...peers.map((p) => `req/s vs ${CLIENT_LABEL[p]} (≥${RPS_TARGET[p]}×)`),
    `CPU/RT vs best peer (≤${CPU_TARGET}×)`,
  ];
  let met = 0;
  let total = 0;
  const rows = cells.map((cell) => {
    const rat = ratios(cell, peers);
    const row = [API_LABEL[cell.api], String(cell.inflight)];
    for (const p of peers) {
      const v = rat.rps[p];
      const target = RPS_TARGET[p]!;
      if (v === null || v === undefined) row.push('—');
      else {
        total++;
        if (v >= target) met++;
        row.push(`${x(v, target)} ${mark(v >= target)}`);
      }
    }
    if (rat.cpuVsBest === null) row.push('—');
    else {
      total++;
      if (rat.cpuVsBest <= CPU_TARGET) met++;
      row.push(
        `${x(rat.cpuVsBest, CPU_TARGET)} vs ${CLIENT_LABEL[rat.bestPeer!]} ${mark(rat.cpuVsBest <= CPU_TARGET)}`,
      );
    }
    return row;
  });
  return { header, rows, met, total };
}

export function textReport(
  cells: Cell[],
  clients: ClientName[],
  readies: Partial<Record<ClientName, ReadyInfo>>,
): string {
  const t = targetRows(cells, clients);
  return [
    renderText(MEASURE_HEADER, measurementRows(cells, clients, readies), 3),
    '',
    `Targets: ours÷peer req/s ≥ ${Object.entries(RPS_TARGET)
      .map(([p, v]) => `${v}× ${CLIENT_LABEL[p as ClientName]}`)
      .join(', ')}; ours CPU/RT ≤ ${CPU_TARGET}× the best peer's`,
    renderText(t.header, t.rows, 2),
    `${t.met} of ${t.total} target checks met.`,
  ].join('\n');
}

export function markdownReport(
  cells: Cell[],
  clients: ClientName[],
  readies: Partial<Record<ClientName, ReadyInfo>>,
): string {
  const t = targetRows(cells, clients);
  return [
    renderMarkdown(MEASURE_HEADER, measurementRows(cells, clients, readies), 3),
    '',
    renderMarkdown(t.header, t.rows, 2),
    '',
    `${t.met} of ${t.total} target checks met.`,
  ].join('\n');
}
