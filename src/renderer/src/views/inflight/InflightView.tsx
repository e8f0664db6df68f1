/** The correlation queue, live: requests in flight (queued vs sent) above, completed ones below. */
import { useMemo, useState } from 'react';
import { doneError, type DoneRow, type RequestRow } from '../../lib/derive';
import { createAppendFilter } from '../../lib/append-filter';
import { fmtInt } from '../../lib/format';
import { useActiveSummary, useSessionEvents } from '../../lib/hooks';
import { useShortcut } from '../../lib/shortcuts';
import { Button } from '../../components/Button';
import { Select } from '../../components/controls';
import { Badge } from '../../components/Badge';
import { Stat, Toolbar, ToolbarSep } from '../../components/Toolbar';
import { NoSession } from '../../shell/NoSession';
import { HistoryTable } from './HistoryTable';
import { InflightTable } from './InflightTable';
import { RequestDetails } from './RequestDetails';
import { matchDone, matchRequest, noFilter, type RequestFilter } from './filters';

type Selection = { kind: 'inflight'; key: string } | { kind: 'done'; key: string } | null;

interface Frozen {
  inflight: RequestRow[];
  history: DoneRow[];
  completed: number;
}

const doneKey = (r: DoneRow): string => `${r.key}:${r.doneSeq}`;

export function InflightView(): React.JSX.Element {
  const summary = useActiveSummary();
  const ev = useSessionEvents(summary?.sessionId);
  const [filter, setFilter] = useState<RequestFilter>(noFilter);
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [follow, setFollow] = useState(true);
  const [scrollTo, setScrollTo] = useState<string | null>(null);
  const d = ev?.derived ?? null;
  const rev = ev?.rev ?? 0;

  // Live rows, or the copy taken when the view was paused.
  const live = useMemo(
    // The history is the derived array itself (appended in place; copying 20 000 rows on every
    // update was large-object garbage); pausing takes a copy.
    () => ({ inflight: d ? [...d.inflight.values()] : [], history: d ? d.history : [] }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks every change of the mutable derived state
    [d, rev],
  );
  const view = frozen ?? live;
  const inflight = useMemo(() => view.inflight.filter((r) => matchRequest(r, filter)), [view, filter]);
  // The history grows at its end and loses its start: filtered incrementally (by completion order).
  const [historyFilter] = useState(() => createAppendFilter<DoneRow>((r) => r.doneSeq));
  const history = useMemo(() => {
    if (!filter.api && !filter.broker && !filter.error) return view.history;
    const key = `${summary?.sessionId}\u0000${frozen ? 'frozen' : 'live'}\u0000${filter.api}\u0000${filter.broker}\u0000${filter.error}`;
    return historyFilter.apply(view.history, key, (r) => matchDone(r, filter));
  }, [view, filter, frozen, historyFilter, summary?.sessionId]);
  const options = useMemo(
    () => ({ apis: [...(d?.seen.apis ?? [])].sort(), brokers: [...(d?.seen.brokers ?? [])].sort(), errors: [...(d?.seen.errors ?? [])].sort() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks every change of the mutable derived state
    [d, rev],
  );
  const failures = useMemo(
    () => (frozen ? frozen.history.filter((r) => doneError(r) !== null).length : (d?.historyFailures ?? 0)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rev marks every change of the mutable derived state
    [frozen, d, rev],
  );

  const togglePause = (): void => setFrozen(frozen ? null : { inflight: live.inflight, history: live.history.slice(), completed: d?.completedTotal ?? 0 });
  useShortcut(' ', togglePause, !!d);
  useShortcut('c', () => setFilter(noFilter), !!d);
  const step = (delta: number): void => {
    if (history.length === 0) return;
    const i = selection?.kind === 'done' ? history.findIndex((r) => doneKey(r) === selection.key) : -1;
    const next = history[Math.min(history.length - 1, Math.max(0, i < 0 ? (delta > 0 ? 0 : history.length - 1) : i + delta))]!;
    setSelection({ kind: 'done', key: doneKey(next) });
    setScrollTo(doneKey(next));
    setFollow(false);
  };
  useShortcut('j', () => step(1), !!d);
  useShortcut('k', () => step(-1), !!d);
  useShortcut('Escape', () => setSelection(null), selection !== null);

  if (!summary || !d || !ev) return <NoSession icon="activity" what="The in-flight view lists every request waiting for its reply by correlation id, and moves each to the history when it completes." />;

  const selRow: RequestRow | null =
    selection?.kind === 'inflight'
      ? (view.inflight.find((r) => r.key === selection.key) ?? d.history.find((r) => r.key === selection.key) ?? null)
      : selection?.kind === 'done'
        ? (view.history.find((r) => doneKey(r) === selection.key) ?? null)
        : null;
  const selDone = selRow && 'doneAt' in selRow ? (selRow as DoneRow) : selRow ? (d.history.find((r) => r.key === selRow.key) ?? null) : null;
  const queued = view.inflight.filter((r) => r.sentAt === null).length;
  const decodedKeys = new Set(d.inspectorByRow.keys());
  const filtered = filter.api || filter.broker || filter.error;
  const newSince = frozen ? d.completedTotal - frozen.completed : 0;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar>
        <Button size="xs" icon={frozen ? 'play' : 'pause'} onClick={togglePause} kbd="Space" data-testid="inflight-pause" variant={frozen ? 'primary' : 'secondary'}>
          {frozen ? 'Resume' : 'Pause'}
        </Button>
        {frozen ? <Badge tone="warn">paused{newSince > 0 ? ` · ${fmtInt(newSince)} newer` : ''}</Badge> : null}
        <ToolbarSep />
        <Select aria-label="Filter by API" value={filter.api} onChange={(e) => setFilter({ ...filter, api: e.target.value })} className="h-6 text-xs" data-testid="filter-api">
          <option value="">All APIs</option>
          {options.apis.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </Select>
        <Select aria-label="Filter by broker" value={filter.broker} onChange={(e) => setFilter({ ...filter, broker: e.target.value })} className="h-6 text-xs">
          <option value="">All brokers</option>
          {options.brokers.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </Select>
        <Select aria-label="Filter by error" value={filter.error} onChange={(e) => setFilter({ ...filter, error: e.target.value })} className="h-6 text-xs" data-testid="filter-error">
          <option value="">Any outcome</option>
          <option value="*">Failures only</option>
          {options.errors.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </Select>
        {filtered ? (
          <Button size="xs" variant="ghost" onClick={() => setFilter(noFilter)} kbd="C">
            Clear
          </Button>
        ) : null}
        <span className="ml-auto flex gap-3">
          <Stat label="in flight" value={fmtInt(view.inflight.length)} testId="inflight-count" />
          <Stat label="queued" value={fmtInt(queued)} tone={queued ? 'text-amber-600 dark:text-amber-400' : undefined} />
          <Stat label="peak" value={fmtInt(d.peakInFlight)} testId="inflight-peak" />
          <Stat label="completed" value={fmtInt(d.completedTotal)} testId="completed-count" />
          <Stat label="failed" value={fmtInt(failures)} tone={failures ? 'text-red-600 dark:text-red-400' : undefined} />
        </span>
      </Toolbar>
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex max-h-[38%] min-h-[92px] shrink-0 flex-col border-b border-line-strong">
            <div className="flex h-7 shrink-0 items-center gap-2 border-b border-line bg-sunken px-2 text-[11px] font-semibold tracking-wide text-muted uppercase">
              In flight <span className="num font-normal">{inflight.length}</span>
            </div>
            <div className="min-h-0 flex-1 overflow-auto">
              {inflight.length > 0 ? (
                <InflightTable rows={inflight} paused={!!frozen} selectedKey={selection?.kind === 'inflight' ? selection.key : null} onSelect={(r) => setSelection({ kind: 'inflight', key: r.key })} />
              ) : (
                <p className="p-3 text-xs text-muted" data-testid="inflight-empty">
                  Nothing in flight. On a healthy loopback broker requests complete within milliseconds; try the <b>Burst</b> entries of the Metadata menu to
                  watch the queue fill (at most 64 are sent per connection, the rest wait as <i>queued</i>).
                </p>
              )}
            </div>
          </div>
          <div className="flex h-7 shrink-0 items-center gap-2 border-b border-line bg-sunken px-2 text-[11px] font-semibold tracking-wide text-muted uppercase">
            History <span className="num font-normal">{history.length}</span>
            {!follow ? (
              <Button size="xs" variant="ghost" icon="arrowDown" className="ml-auto normal-case" onClick={() => setFollow(true)}>
                Follow newest
              </Button>
            ) : null}
          </div>
          <HistoryTable
            rows={history}
            selectedKey={selection?.kind === 'done' ? selection.key : null}
            onSelect={(r) => setSelection({ kind: 'done', key: doneKey(r) })}
            follow={follow && !frozen}
            onFollowChange={setFollow}
            scrollToKey={scrollTo}
            decodedKeys={decodedKeys}
          />
        </div>
        {selRow ? <RequestDetails row={selRow} done={selDone} call={d.inspectorByRow.get(selRow.key) ?? null} events={ev.events} onClose={() => setSelection(null)} /> : null}
      </div>
    </div>
  );
}
