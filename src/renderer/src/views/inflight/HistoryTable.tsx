/** Completed requests, chronological, virtualised: latency, sizes, error code, throttle. */
import { doneError, type DoneRow } from '../../lib/derive';
import { fmtBytes, fmtClock, fmtMs, shortId } from '../../lib/format';
import { Badge } from '../../components/Badge';
import { VirtualTable, type Column } from '../../components/VirtualTable';

function latencyTone(ms: number | null): string {
  if (ms === null) return 'text-faint';
  if (ms > 1000) return 'text-red-600 dark:text-red-400';
  if (ms > 100) return 'text-amber-600 dark:text-amber-400';
  return '';
}

/** "node 1", or the address for a bootstrap connection; the full address is in the tooltip. */
export function brokerLabel(r: { nodeId: number | null; broker: string }): string {
  return r.nodeId !== null ? `node ${r.nodeId}` : r.broker;
}

const columns: Column<DoneRow>[] = [
  { id: 'time', header: 'Done at', width: '108px', mono: true, render: (r) => fmtClock(r.doneAt) },
  { id: 'conn', header: 'Conn', width: '80px', mono: true, cellClass: () => 'text-muted', render: (r) => shortId(r.connectionId), title: (r) => r.connectionId },
  { id: 'broker', header: 'Broker', width: 'minmax(72px, 0.6fr)', mono: true, render: (r) => brokerLabel(r), title: (r) => r.broker },
  { id: 'corr', header: 'Corr', width: '56px', align: 'right', mono: true, render: (r) => r.correlationId },
  { id: 'api', header: 'API', width: 'minmax(96px, 1fr)', cellClass: () => 'font-medium', render: (r) => r.apiName },
  { id: 'ver', header: 'Ver', width: '36px', align: 'right', mono: true, render: (r) => r.apiVersion },
  { id: 'req', header: 'Req', width: '64px', align: 'right', mono: true, render: (r) => fmtBytes(r.bytes) },
  { id: 'resp', header: 'Resp', width: '72px', align: 'right', mono: true, render: (r) => fmtBytes(r.responseBytes) },
  {
    id: 'lat',
    header: 'Latency',
    width: '76px',
    align: 'right',
    mono: true,
    cellClass: (r) => latencyTone(r.latencyMs),
    render: (r) => fmtMs(r.latencyMs),
  },
  { id: 'thr', header: 'Throttle', width: '64px', align: 'right', mono: true, cellClass: (r) => (r.throttleMs > 0 ? 'text-amber-600' : 'text-faint'), render: (r) => (r.throttleMs > 0 ? fmtMs(r.throttleMs) : '—') },
  {
    id: 'err',
    header: 'Error',
    width: 'minmax(120px, 1.2fr)',
    render: (r) => {
      const e = doneError(r);
      if (!e) return '—';
      return (
        <Badge tone={r.outcome === 'timeout' ? 'warn' : 'err'} mono>
          {e}
          {r.errorCode ? ` (${r.errorCode})` : ''}
        </Badge>
      );
    },
    cellClass: (r) => (r.outcome === 'ok' ? 'text-faint' : ''),
    title: (r) => r.message ?? undefined,
  },
];

export function HistoryTable({
  rows,
  selectedKey,
  onSelect,
  follow,
  onFollowChange,
  scrollToKey,
  decodedKeys,
}: {
  rows: readonly DoneRow[];
  selectedKey: string | null;
  onSelect: (r: DoneRow) => void;
  follow: boolean;
  onFollowChange: (f: boolean) => void;
  scrollToKey: string | null;
  decodedKeys: ReadonlySet<string>;
}): React.JSX.Element {
  const cols: Column<DoneRow>[] = [
    ...columns,
    {
      id: 'dec',
      header: '',
      width: '30px',
      render: (r) => (decodedKeys.has(r.key) ? <span title="Decoded response available" className="text-accent">◆</span> : null),
    },
  ];
  return (
    <VirtualTable
      rows={rows}
      columns={cols}
      rowKey={(r) => `${r.key}:${r.doneSeq}`}
      selectedKey={selectedKey}
      onSelect={onSelect}
      follow={follow}
      onFollowChange={onFollowChange}
      scrollToKey={scrollToKey}
      label="Completed requests"
      testId="history-table"
      rowTestId="history-row"
      rowClass={(r) => (r.outcome !== 'ok' ? 'bg-red-50/60 dark:bg-red-400/[0.06]' : '')}
      empty={<p className="p-6 text-center text-xs text-muted">No completed request matches. Send one with the Metadata button above (or press M).</p>}
    />
  );
}
