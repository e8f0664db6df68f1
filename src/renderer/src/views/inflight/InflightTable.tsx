/** Requests waiting for their reply, oldest first, with a ticking age. */
import type { RequestRow } from '../../lib/derive';
import { fmtBytes, fmtMs, shortId } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { Badge } from '../../components/Badge';
import { Th, Td } from '../../components/table';
import { brokerLabel } from './HistoryTable';

function ageTone(ms: number): string {
  if (ms > 5000) return 'text-red-600 dark:text-red-400 font-semibold';
  if (ms > 1000) return 'text-amber-600 dark:text-amber-400';
  return '';
}

export function InflightTable({
  rows,
  selectedKey,
  onSelect,
  paused,
}: {
  rows: RequestRow[];
  selectedKey: string | null;
  onSelect: (r: RequestRow) => void;
  paused: boolean;
}): React.JSX.Element {
  const now = useNow(100, !paused && rows.length > 0);
  return (
    <table className="w-full border-separate border-spacing-0 text-xs" aria-label="In-flight requests" data-testid="inflight-table">
      <thead>
        <tr>
          <Th>Connection</Th>
          <Th>Broker</Th>
          <Th align="right">Corr. id</Th>
          <Th>API</Th>
          <Th align="right">Ver</Th>
          <Th align="right">Bytes</Th>
          <Th>State</Th>
          <Th align="right">Age</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const age = now - r.queuedAt;
          return (
            <tr
              key={r.key}
              data-testid="inflight-row"
              aria-selected={r.key === selectedKey}
              onClick={() => onSelect(r)}
              className={r.key === selectedKey ? 'bg-selected' : 'hover:bg-hover'}
            >
              <Td mono className="border-b border-line/60 text-muted" title={r.connectionId}>
                {shortId(r.connectionId)}
              </Td>
              <Td mono className="border-b border-line/60" title={r.broker}>
                {brokerLabel(r)}
              </Td>
              <Td mono align="right" className="border-b border-line/60">
                {r.correlationId}
              </Td>
              <Td className="border-b border-line/60 font-medium">{r.apiName}</Td>
              <Td mono align="right" className="border-b border-line/60">
                {r.apiVersion}
              </Td>
              <Td mono align="right" className="border-b border-line/60">
                {fmtBytes(r.bytes)}
              </Td>
              <Td className="border-b border-line/60">
                {r.sentAt === null ? <Badge tone="warn">queued</Badge> : <Badge tone="pending">sent</Badge>}
              </Td>
              <Td mono align="right" className={`border-b border-line/60 ${ageTone(age)}`}>
                {fmtMs(Math.max(0, age))}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
