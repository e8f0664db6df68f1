/** The event log: every event of the session, virtualised, with follow-tail, filters, search and paging back. */
import { useMemo, useState } from 'react';
import type { SessionEventRecord } from '@shared/api/contract';
import { categoryLabel, categoryTone, eventBroker, eventCategories, eventCategory, type EventCategory } from '../../lib/event-summary';
import { fire } from '../../lib/api-client';
import { fmtBytes, fmtInt } from '../../lib/format';
import { createAppendFilter, type SeqSource } from '../../lib/append-filter';
import { indexOfSeq, seqView } from '../../lib/event-window';
import { useActiveSnapshot, useActiveSummary, useSessionEvents } from '../../lib/hooks';
import { useShortcut } from '../../lib/shortcuts';
import { dotTone } from '../../lib/tone';
import { useEvents } from '../../stores/events';
import { Button, IconButton } from '../../components/Button';
import { Select } from '../../components/controls';
import { SearchInput } from '../../components/SearchInput';
import { Stat, Toolbar } from '../../components/Toolbar';
import { Tree } from '../../components/Tree';
import { VirtualTable } from '../../components/VirtualTable';
import { Icon } from '../../components/Icon';
import { NoSession } from '../../shell/NoSession';
import { eventColumns, summaryOf } from './columns';

const bySeq = (r: SessionEventRecord): number => r.seq;

export function EventsView(): React.JSX.Element {
  const summary = useActiveSummary();
  const snap = useActiveSnapshot();
  const ev = useSessionEvents(summary?.sessionId);
  const loadOlder = useEvents((s) => s.loadOlder);
  const [query, setQuery] = useState('');
  const [hidden, setHidden] = useState<ReadonlySet<EventCategory>>(new Set(['frame']));
  const [broker, setBroker] = useState('');
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const events = ev?.events;

  const brokers = useMemo(() => {
    const set = new Set<string>();
    for (const c of ev?.derived.conns.values() ?? []) set.add(c.broker);
    return [...set].sort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks changes of the mutable derived state
  }, [ev?.derived, ev?.rev]);

  // Live batches only add to the tail (and push the oldest out): the filter folds in what is new,
  // and keeps the seqs of what passes (the window makes their records when they are shown).
  const [filter] = useState(() => createAppendFilter<SessionEventRecord, number>(bySeq, bySeq, (n) => n));
  const rows = useMemo<SeqSource<SessionEventRecord>>(() => {
    if (!events || !ev) return [];
    const q = query.trim().toLowerCase();
    // Hiding frames hides nothing in a session that captures none.
    const hiding = ev.derived.framesSeen === 0 && hidden.size === 1 && hidden.has('frame') ? new Set<EventCategory>() : hidden;
    if (!q && hiding.size === 0 && !broker) return events;
    const key = `${ev.sessionId}\u0000${q}\u0000${[...hiding].sort().join(',')}\u0000${broker}`;
    return seqView(events, filter.apply(events, key, (r) => {
      if (hiding.size > 0 && hiding.has(eventCategory(r.event))) return false;
      if (broker && eventBroker(r.event) !== broker) return false;
      if (q && !summaryOf(r).toLowerCase().includes(q) && !r.event.type.includes(q)) return false;
      return true;
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks changes of the mutable window
  }, [ev, ev?.rev, events, query, hidden, broker, filter]);

  const step = (delta: number): void => {
    if (rows.length === 0) return;
    const i = selected === null ? -1 : indexOfSeq(rows, selected);
    const next = rows.at(Math.min(rows.length - 1, Math.max(0, i < 0 ? (delta > 0 ? 0 : rows.length - 1) : i + delta)))!;
    setSelected(next.seq);
    setScrollTo(String(next.seq));
    setFollow(false);
  };
  useShortcut('f', () => setFollow(true), !!ev);
  useShortcut('j', () => step(1), !!ev);
  useShortcut('k', () => step(-1), !!ev);
  useShortcut('c', () => {
    setHidden(new Set());
    setBroker('');
    setQuery('');
  }, !!ev);
  useShortcut('Escape', () => setSelected(null), selected !== null);

  if (!summary || !ev) return <NoSession icon="list" what="The event log lists every event of a session — state changes, TLS, SASL, requests, replies, closes — and scrolls through 100 000 of them." />;

  const sel = selected !== null ? (ev.events.bySeq(selected) ?? null) : null;
  const missing = ev.gaps.reduce((a, g) => a + g.to - g.from + 1, 0);
  const toggle = (c: EventCategory): void => {
    const next = new Set(hidden);
    if (next.has(c)) next.delete(c);
    else next.add(c);
    setHidden(next);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar>
        <SearchInput value={query} onChange={setQuery} placeholder="Search events" label="Search events" className="w-64" />
        <Select aria-label="Filter by broker" value={broker} onChange={(e) => setBroker(e.target.value)} className="h-6 text-xs">
          <option value="">All brokers</option>
          {brokers.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </Select>
        <span className="ml-auto flex items-center gap-3">
          <Stat label="shown" value={fmtInt(rows.length)} testId="events-shown" />
          <Stat
            label="held"
            value={fmtInt(ev.events.length)}
            testId="events-held"
            title={`${fmtInt(ev.events.length)} events held here in ${fmtBytes(ev.events.bytes())}${ev.events.objects ? ` (${fmtInt(ev.events.objects)} of them kept whole, with nested values)` : ''}`}
          />
          <Stat label="session total" value={fmtInt(snap?.events.newestSeq ?? 0)} />
          <Button size="xs" variant={follow ? 'primary' : 'secondary'} icon="arrowDown" onClick={() => setFollow(!follow)} kbd="F" data-testid="follow-tail" aria-pressed={follow}>
            Follow
          </Button>
        </span>
      </Toolbar>
      <div className="flex shrink-0 flex-wrap items-center gap-1 border-b border-line bg-panel px-2 py-1" role="group" aria-label="Event types">
        <span className="mr-1 text-[11px] text-faint">Types</span>
        {eventCategories.map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={!hidden.has(c)}
            onClick={() => toggle(c)}
            onDoubleClick={() => setHidden(new Set(eventCategories.filter((x) => x !== c)))}
            title="Click: show/hide · double-click: only this"
            className={`inline-flex h-5 items-center gap-1.5 rounded border px-1.5 text-[11px] ${
              hidden.has(c) ? 'border-transparent text-faint' : 'border-line-strong bg-raised text-fg'
            }`}
          >
            <span className={`size-1.5 rounded-full ${hidden.has(c) ? 'bg-line-strong' : dotTone[categoryTone[c]]}`} />
            {categoryLabel[c]}
          </button>
        ))}
      </div>
      {ev.hasOlder || missing > 0 || ev.droppedTotal > 0 ? (
        <div className="flex items-center gap-3 border-b border-line bg-sunken px-3 py-1 text-[11.5px] text-muted">
          {ev.hasOlder ? (
            <span className="flex items-center gap-2">
              Older events are held by the session{snap ? ` (from #${snap.events.oldestSeq ?? '?'})` : ''}.
              <Button size="xs" icon="upload" busy={ev.loadingOlder} onClick={() => fire(loadOlder(ev.sessionId))} data-testid="load-older">
                Load older
              </Button>
            </span>
          ) : null}
          {missing > 0 || ev.droppedTotal > 0 ? (
            <span className="flex items-center gap-1.5 text-amber-700 dark:text-amber-400">
              <Icon name="alert" className="size-3.5" />
              {fmtInt(ev.droppedTotal)} events were not delivered live (overload){missing > 0 ? `; ${fmtInt(missing)} missing here in ${ev.gaps.length} gap(s)` : ''}.
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <VirtualTable
            rows={rows}
            columns={eventColumns}
            rowKey={(r) => String(r.seq)}
            selectedKey={selected !== null ? String(selected) : null}
            onSelect={(r) => setSelected(r.seq)}
            follow={follow}
            onFollowChange={setFollow}
            scrollToKey={scrollTo}
            indexOfKey={(key) => indexOfSeq(rows, Number(key))}
            label="Events"
            testId="event-log"
            rowTestId="event-row"
            empty={<p className="p-6 text-center text-xs text-muted">{ev.events.length === 0 ? 'No event received yet.' : 'No event matches these filters (press C to clear them).'}</p>}
          />
        </div>
        {sel ? (
          <aside className="flex w-[420px] shrink-0 flex-col border-l border-line bg-raised" aria-label="Event details" data-testid="event-details">
            <header className="flex h-9 items-center gap-2 border-b border-line pr-1 pl-3">
              <span className="font-mono text-[12px] font-semibold">{sel.event.type}</span>
              <span className="num text-muted">#{sel.seq}</span>
              <IconButton icon="x" label="Close details" className="ml-auto" onClick={() => setSelected(null)} />
            </header>
            <div className="min-h-0 flex-1 overflow-auto p-3">
              <p className="mb-2 text-xs break-words text-muted">{summaryOf(sel)}</p>
              <Tree value={sel.event} name="event" open={2} />
            </div>
          </aside>
        ) : null}
      </div>
    </div>
  );
}
