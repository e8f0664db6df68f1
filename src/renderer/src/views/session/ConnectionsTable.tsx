/** Every connection the session opened (bootstrap ones too), newest first, with how each ended. */
import type { ConnInfo } from '../../lib/derive';
import { fmtClock, fmtMs, shortId } from '../../lib/format';
import { closeReasonTone, connStateTone } from '../../lib/tone';
import { useNow } from '../../lib/use-now';
import { Badge } from '../../components/Badge';
import { Th, Td } from '../../components/table';

export function ConnectionsTable({ conns }: { conns: ConnInfo[] }): React.JSX.Element {
  const now = useNow(1000);
  const rows = [...conns].sort((a, b) => b.firstTime - a.firstTime);
  return (
    <table className="w-full text-xs" data-testid="connections-table">
      <thead>
        <tr>
          <Th>Connection</Th>
          <Th>Broker</Th>
          <Th align="right">Node</Th>
          <Th>State</Th>
          <Th align="right">In state</Th>
          <Th align="right">Opened</Th>
          <Th>TLS</Th>
          <Th>SASL</Th>
          <Th>Closed</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.connectionId} className="border-b border-line last:border-0 hover:bg-hover">
            <Td mono title={c.connectionId}>
              {shortId(c.connectionId)}
            </Td>
            <Td mono>{c.broker}</Td>
            <Td mono align="right">
              {c.nodeId ?? <span className="text-faint">boot</span>}
            </Td>
            <Td>
              <Badge tone={connStateTone(c.state)} mono>
                {c.state}
              </Badge>
            </Td>
            <Td mono align="right">
              {c.state === 'CLOSED' ? '—' : fmtMs(now - c.stateSince)}
            </Td>
            <Td mono align="right">
              {fmtClock(c.firstTime)}
            </Td>
            <Td>{c.tls ? <span className="font-mono">{c.tls.protocol}</span> : <span className="text-faint">—</span>}</Td>
            <Td>
              {c.authSuccess ? (
                <span className="text-emerald-700 dark:text-emerald-400">{c.authSuccess.mechanism} ✓</span>
              ) : c.authFailure ? (
                <span className="text-red-600 dark:text-red-400">{c.authFailure.mechanism} ✗</span>
              ) : (
                <span className="text-faint">—</span>
              )}
            </Td>
            <Td>
              {c.close ? (
                <Badge tone={closeReasonTone(c.close.reason)} mono>
                  {c.close.reason}
                </Badge>
              ) : (
                <span className="text-faint">open</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
