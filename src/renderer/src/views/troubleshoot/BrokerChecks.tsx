import type { TroubleshootResultData } from '@shared/api/contract';
import { fmtMs } from '../../lib/format';
import { Badge } from '../../components/Badge';
import { Th, Td } from '../../components/table';

/** Each broker Metadata named, reached on its own: status, time, TLS, versions. */
export function BrokerChecks({ result }: { result: TroubleshootResultData }): React.JSX.Element {
  if (result.brokers.length === 0) return <p className="p-3 text-xs text-muted">No broker was checked (Metadata was not reached).</p>;
  return (
    <table className="w-full border-separate border-spacing-0 text-xs" data-testid="broker-checks">
      <thead>
        <tr>
          <Th align="right">Node</Th>
          <Th>Address</Th>
          <Th>Status</Th>
          <Th align="right">Time</Th>
          <Th>TLS</Th>
          <Th align="right">APIs</Th>
          <Th>Error</Th>
        </tr>
      </thead>
      <tbody>
        {result.brokers.map((b) => (
          <tr key={b.nodeId} className="hover:bg-hover">
            <Td mono align="right" className="border-b border-line/60">
              {b.nodeId}
              {b.isController ? <span className="ml-1 text-[10px] text-blue-600 dark:text-blue-400">ctrl</span> : null}
            </Td>
            <Td mono className="border-b border-line/60">
              {b.host}:{b.port}
            </Td>
            <Td className="border-b border-line/60">
              <Badge tone={b.status === 'ok' ? 'ok' : b.status === 'failed' ? 'err' : 'neutral'}>{b.status}</Badge>
            </Td>
            <Td mono align="right" className="border-b border-line/60">
              {fmtMs(b.ms)}
            </Td>
            <Td mono className="border-b border-line/60">
              {b.tls ? `${b.tls.protocol ?? 'TLS'}${b.tls.authorized ? '' : ' (unverified)'}` : '—'}
            </Td>
            <Td mono align="right" className="border-b border-line/60">
              {b.versions?.length ?? '—'}
            </Td>
            <Td className="w-full max-w-0 truncate border-b border-line/60" title={b.error ?? ''}>
              {b.error ?? <span className="text-faint">—</span>}
            </Td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
