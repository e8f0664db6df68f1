/** Every API key of one broker (optionally against another): ranges, the version in use, and what stands out. */
import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { Th, Td } from '../../components/table';
import { RangeBar } from './RangeBar';
import { apiStatus, type NegotiatedApi, type VersionSource } from './sources';

const range = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '—' : lo === hi ? `${lo}` : `${lo}–${hi}`);

export interface Row {
  apiKey: number;
  name: string;
  a: NegotiatedApi | null;
  b: NegotiatedApi | null;
  /** Other brokers of A's session using another version: "node 2: v11". */
  differsInSession: string[];
}

function statusBadge(a: NegotiatedApi | null): ReactNode {
  if (!a) return <Badge tone="neutral">not listed</Badge>;
  switch (apiStatus(a)) {
    case 'broker-lacks':
      return <Badge tone="neutral">broker lacks</Badge>;
    case 'client-lacks':
      return <Badge tone="neutral" title="The broker offers it; Brokerscope's client does not implement it">client lacks</Badge>;
    case 'no-overlap':
      return <Badge tone="err">no common version</Badge>;
    case 'older':
      return (
        <Badge tone="info" title="The broker supports a newer version than the client">
          broker up to v{a.brokerMax}
        </Badge>
      );
    default:
      return null;
  }
}

export function VersionsTable({ rows, b }: { rows: Row[]; b: VersionSource | null }): React.JSX.Element {
  const scale = Math.max(1, ...rows.flatMap((r) => [r.a?.clientMax ?? 0, r.a?.brokerMax ?? 0, r.b?.brokerMax ?? 0]));
  return (
    <table className="w-full border-separate border-spacing-0 text-xs" data-testid="versions-table">
      <thead>
        <tr>
          <Th align="right" className="w-12">
            Key
          </Th>
          <Th>API</Th>
          <Th align="right">Client</Th>
          <Th align="right">{b ? 'A broker' : 'Broker'}</Th>
          <Th align="right">{b ? 'A in use' : 'In use'}</Th>
          {b ? (
            <>
              <Th align="right">B broker</Th>
              <Th align="right">B in use</Th>
            </>
          ) : (
            <Th>
              <span className="flex items-center gap-2">
                Range
                <span className="flex items-center gap-1 font-normal text-faint">
                  <span className="inline-block h-1 w-3 rounded bg-blue-500/70" /> client
                  <span className="inline-block h-1 w-3 rounded bg-zinc-400" /> broker
                  <span className="inline-block h-2.5 w-[3px] rounded-sm bg-emerald-500" /> in use
                </span>
              </span>
            </Th>
          )}
          <Th>Notes</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const unsupported = r.a !== null && (r.a.brokerMax === null || r.a.clientMax === null);
          const compareDiff = b !== null && (r.a?.selected ?? null) !== (r.b?.selected ?? null);
          const mismatch = r.differsInSession.length > 0 || compareDiff;
          return (
            <tr
              key={r.apiKey}
              data-testid="version-row"
              data-api={r.name}
              data-mismatch={mismatch || undefined}
              className={`${unsupported ? 'text-faint' : ''} ${mismatch ? 'bg-red-50/70 dark:bg-red-400/[0.07]' : 'hover:bg-hover'}`}
            >
              <Td mono align="right" className={`border-b border-line ${mismatch ? 'shadow-[inset_3px_0_0_#ef4444]' : ''}`}>
                {r.apiKey}
              </Td>
              <Td className="border-b border-line font-medium">{r.name}</Td>
              <Td mono align="right" className="border-b border-line">
                {range(r.a?.clientMin ?? null, r.a?.clientMax ?? null)}
              </Td>
              <Td mono align="right" className="border-b border-line">
                {range(r.a?.brokerMin ?? null, r.a?.brokerMax ?? null)}
              </Td>
              <Td mono align="right" className="border-b border-line font-semibold">
                {r.a?.selected ?? <span className="font-normal text-faint">—</span>}
              </Td>
              {b ? (
                <>
                  <Td mono align="right" className="border-b border-line">
                    {range(r.b?.brokerMin ?? null, r.b?.brokerMax ?? null)}
                  </Td>
                  <Td mono align="right" className={`border-b border-line font-semibold ${compareDiff ? 'text-red-600 dark:text-red-400' : ''}`}>
                    {r.b?.selected ?? <span className="font-normal text-faint">—</span>}
                  </Td>
                </>
              ) : (
                <Td className="border-b border-line">
                  {r.a ? <RangeBar clientMin={r.a.clientMin} clientMax={r.a.clientMax} brokerMin={r.a.brokerMin} brokerMax={r.a.brokerMax} selected={r.a.selected} scale={scale} /> : null}
                </Td>
              )}
              <Td className="border-b border-line">
                <span className="flex gap-1">
                  {statusBadge(r.a)}
                  {compareDiff ? <Badge tone="err">A v{r.a?.selected ?? '—'} ≠ B v{r.b?.selected ?? '—'}</Badge> : null}
                  {r.differsInSession.length > 0 ? <Badge tone="err" title={r.differsInSession.join('\n')}>differs across brokers: {r.differsInSession.join(', ')}</Badge> : null}
                </span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
