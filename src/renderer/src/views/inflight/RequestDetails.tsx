/** The selected request: its facts, and its decoded request/response when the inspector sent it, else its events. */
import type { ReactNode } from 'react';
import type { SessionEventRecord } from '@shared/api/contract';
import type { DoneRow, InspectorCall, RequestRow } from '../../lib/derive';
import { firstAbove, type SeqSource } from '../../lib/append-filter';
import { fmtBytes, fmtClock, fmtMs } from '../../lib/format';
import { IconButton } from '../../components/Button';
import { Tree } from '../../components/Tree';

function Fact({ label, children }: { label: string; children: ReactNode }): React.JSX.Element {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="num truncate">{children}</dd>
    </>
  );
}

/** How far past a request's first event its other events are looked for. */
const SCAN_MAX = 20_000;

/** Events of one request, found by seq range (events are sorted by seq). */
export function requestEvents(events: SeqSource<SessionEventRecord>, row: RequestRow, untilSeq: number | null): SessionEventRecord[] {
  const lo = firstAbove(events, row.seq - 1);
  const out: SessionEventRecord[] = [];
  const end = untilSeq ?? Number.POSITIVE_INFINITY;
  for (let i = lo; i < Math.min(events.length, lo + SCAN_MAX) && out.length < 20; i++) {
    const r = events.at(i)!;
    if (r.seq > end) break;
    const e = r.event;
    if ('correlationId' in e && 'connectionId' in e && e.connectionId === row.connectionId && e.correlationId === row.correlationId) out.push(r);
  }
  return out;
}

export function RequestDetails({
  row,
  done,
  call,
  events,
  onClose,
}: {
  row: RequestRow;
  done: DoneRow | null;
  call: InspectorCall | null;
  events: SeqSource<SessionEventRecord>;
  onClose: () => void;
}): React.JSX.Element {
  const own = requestEvents(events, row, done?.doneSeq ?? null);
  return (
    <aside className="flex w-[360px] shrink-0 flex-col border-l border-line bg-raised" aria-label="Request details" data-testid="request-details">
      <header className="flex h-9 shrink-0 items-center gap-2 border-b border-line pr-1 pl-3">
        <span className="text-[13px] font-semibold">{row.apiName}</span>
        <span className="num text-muted">
          v{row.apiVersion} · #{row.correlationId}
        </span>
        <IconButton icon="x" label="Close details" className="ml-auto" onClick={onClose} />
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <dl className="mb-3 grid grid-cols-[110px_1fr] gap-x-3 gap-y-0.5 text-xs">
          <Fact label="Broker">
            {row.broker}
            {row.nodeId !== null ? ` (node ${row.nodeId})` : ''}
          </Fact>
          <Fact label="Connection">{row.connectionId}</Fact>
          <Fact label="Queued">{fmtClock(row.queuedAt)}</Fact>
          <Fact label="Sent">{row.sentAt ? `${fmtClock(row.sentAt)} (+${fmtMs(row.sentAt - row.queuedAt)})` : done ? '—' : 'not yet'}</Fact>
          <Fact label="Request size">{fmtBytes(row.bytes)}</Fact>
          {done ? (
            <>
              <Fact label="Completed">{fmtClock(done.doneAt)}</Fact>
              <Fact label="Latency">{fmtMs(done.latencyMs)}</Fact>
              <Fact label="Response size">{fmtBytes(done.responseBytes)}</Fact>
              <Fact label="Outcome">
                {done.outcome}
                {done.errorName ? ` · ${done.errorName} (${done.errorCode})` : ''}
              </Fact>
              {done.throttleMs > 0 ? <Fact label="Throttle">{fmtMs(done.throttleMs)}</Fact> : null}
              {done.message ? <Fact label="Message">{done.message}</Fact> : null}
            </>
          ) : null}
        </dl>
        {call ? (
          <div className="flex flex-col gap-3" data-testid="decoded">
            <div>
              <h4 className="mb-1 text-[10.5px] font-semibold tracking-wide text-faint uppercase">Decoded request</h4>
              <Tree value={call.request} name="request" open={2} />
            </div>
            <div>
              <h4 className="mb-1 text-[10.5px] font-semibold tracking-wide text-faint uppercase">
                Decoded response{' '}
                <span className="font-normal normal-case">{call.sentAs ? `(correlation id ${call.sentAs.split(':').at(-1)})` : '(matched by node, API and time)'}</span>
              </h4>
              <Tree value={call.response} name="response" open={2} testId="decoded-response" />
            </div>
          </div>
        ) : (
          <div>
            <h4 className="mb-1 text-[10.5px] font-semibold tracking-wide text-faint uppercase">Events</h4>
            <p className="mb-2 text-[11px] text-muted">
              The decoded body is available for requests Brokerscope sends itself (the Metadata button and its menu); for the others, these are the events the
              connection recorded.
            </p>
            {own.length > 0 ? (
              own.map((r) => <Tree key={r.seq} value={r.event} name={`#${r.seq} ${r.event.type}`} open={1} />)
            ) : (
              <p className="text-xs text-faint">Its events are no longer held here (older than the window kept).</p>
            )}
          </div>
        )}
      </div>
    </aside>
  );
}
