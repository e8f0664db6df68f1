import type { SessionEventRecord } from '@shared/api/contract';
import { eventBroker, eventConnection, eventSummary, eventTone } from '../../lib/event-summary';
import { fmtClock, shortId } from '../../lib/format';
import { textTone } from '../../lib/tone';
import type { Column } from '../../components/VirtualTable';

/**
 * The event's one-line summary. Not cached per record: the session's records are made on
 * demand (lib/event-window), and a cache keyed by them would hold every one it saw.
 */
export function summaryOf(r: SessionEventRecord): string {
  return eventSummary(r.event);
}

export const eventColumns: Column<SessionEventRecord>[] = [
  { id: 'seq', header: '#', width: '64px', align: 'right', mono: true, cellClass: () => 'text-faint', render: (r) => r.seq },
  { id: 'time', header: 'Time', width: '108px', mono: true, render: (r) => fmtClock(r.event.time) },
  { id: 'broker', header: 'Broker / pool', width: '150px', mono: true, render: (r) => eventBroker(r.event) || <span className="text-faint">pool</span> },
  {
    id: 'conn',
    header: 'Conn',
    width: '84px',
    mono: true,
    cellClass: () => 'text-muted',
    render: (r) => shortId(eventConnection(r.event) ?? ''),
    title: (r) => eventConnection(r.event) ?? undefined,
  },
  {
    id: 'type',
    header: 'Type',
    width: '132px',
    cellClass: (r) => `font-mono text-[11px] font-medium ${textTone[eventTone(r.event)]}`,
    render: (r) => r.event.type,
  },
  { id: 'summary', header: 'Summary', width: 'minmax(300px, 1fr)', render: (r) => summaryOf(r), title: (r) => summaryOf(r) },
];
