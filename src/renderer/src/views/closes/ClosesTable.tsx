import { fmtClock, fmtMs, shortId } from '../../lib/format';
import { closeReasonTone } from '../../lib/tone';
import { Badge } from '../../components/Badge';
import { Th, Td } from '../../components/table';
import type { CloseItem } from './model';

export function ClosesTable({ items, showSession, selected, onSelect }: { items: CloseItem[]; showSession: boolean; selected: string | null; onSelect: (k: string) => void }): React.JSX.Element {
  return (
    <table className="w-full border-separate border-spacing-0 text-xs" data-testid="closes-table">
      <thead>
        <tr>
          <Th>Time</Th>
          {showSession ? <Th>Session</Th> : null}
          <Th>Broker</Th>
          <Th>Conn</Th>
          <Th>Reason</Th>
          <Th>Kind</Th>
          <Th>State at close</Th>
          <Th align="right">In state</Th>
          <Th align="right" title="Requests written and waiting for a reply, failed by the close">
            In-flight failed
          </Th>
          <Th align="right" title="Requests still queued, failed by the close">
            Queued failed
          </Th>
          <Th>Message / cause</Th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ key, event: e, session }) => {
          return (
            <tr key={key} data-testid="close-row" aria-selected={key === selected} onClick={() => onSelect(key)} className={key === selected ? 'bg-selected' : 'hover:bg-hover'}>
              <Td mono className="border-b border-line/60">
                {fmtClock(e.time)}
              </Td>
              {showSession ? <Td className="border-b border-line/60">{session}</Td> : null}
              <Td mono className="border-b border-line/60">
                {e.broker}
                {e.nodeId !== null ? <span className="text-faint"> n{e.nodeId}</span> : null}
              </Td>
              <Td mono className="border-b border-line/60 text-muted" title={e.connectionId}>
                {shortId(e.connectionId)}
              </Td>
              <Td className="border-b border-line/60">
                <Badge tone={closeReasonTone(e.reason)} mono>
                  {e.reason}
                </Badge>
              </Td>
              <Td mono className="border-b border-line/60">
                {e.kind ?? <span className="text-faint">—</span>}
              </Td>
              <Td mono className="border-b border-line/60">
                {e.state}
              </Td>
              <Td mono align="right" className="border-b border-line/60">
                {fmtMs(e.msInState)}
              </Td>
              <Td mono align="right" className={`border-b border-line/60 ${e.inFlightFailed ? 'font-semibold text-red-600 dark:text-red-400' : 'text-faint'}`}>
                {e.inFlightFailed}
              </Td>
              <Td mono align="right" className={`border-b border-line/60 ${e.queuedFailed ? 'font-semibold text-red-600 dark:text-red-400' : 'text-faint'}`}>
                {e.queuedFailed}
              </Td>
              <Td className="w-full max-w-0 truncate border-b border-line/60" title={`${e.message}${e.cause ? `\n${e.cause.name}: ${e.cause.message}` : ''}`}>
                {e.cause ? <span className="font-mono text-red-700 dark:text-red-300">{e.cause.code ?? e.cause.name}: </span> : null}
                {e.cause?.message ?? e.message}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
