/** Every close across connections: a timeline, then the table (reason, cause, state, what it failed). */
import { useMemo, useState } from 'react';
import { closeReasons, type CloseReasonName } from '@shared/api/kafka-events';
import { useUi } from '../../stores/ui';
import { useEvents } from '../../stores/events';
import { useSessions } from '../../stores/sessions';
import { useNow } from '../../lib/use-now';
import { closeReasonColor } from '../../lib/tone';
import { EmptyState } from '../../components/EmptyState';
import { Segmented } from '../../components/controls';
import { Stat, Toolbar, ToolbarSep } from '../../components/Toolbar';
import { Tree } from '../../components/Tree';
import { IconButton } from '../../components/Button';
import { NoSession } from '../../shell/NoSession';
import { CloseTimeline } from './CloseTimeline';
import { ClosesTable } from './ClosesTable';
import type { CloseItem, TimelineLane } from './model';

export function ClosesView(): React.JSX.Element {
  const activeId = useSessions((s) => s.activeId);
  const summaries = useSessions((s) => s.summaries);
  const bySession = useEvents((s) => s.bySession);
  const setView = useUi((s) => s.setView);
  const [scope, setScope] = useState<'session' | 'all'>('session');
  const [hidden, setHidden] = useState<ReadonlySet<CloseReasonName>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const now = useNow(1000);

  const { items, lanes } = useMemo(() => {
    const items: CloseItem[] = [];
    const lanes: TimelineLane[] = [];
    for (const s of summaries) {
      if (scope === 'session' && s.sessionId !== activeId) continue;
      const d = bySession[s.sessionId]?.derived;
      if (!d) continue;
      for (const c of d.closes) items.push({ key: `${s.sessionId}:${c.seq}`, sessionId: s.sessionId, session: s.profileName, seq: c.seq, event: c.event });
      for (const c of d.conns.values())
        lanes.push({
          connectionId: c.connectionId,
          broker: c.broker,
          session: scope === 'all' ? s.profileName : null,
          openedAt: c.firstTime,
          close: c.close,
          closeKey: c.close ? `${s.sessionId}:${c.close.seq}` : null,
        });
    }
    items.sort((a, b) => a.event.time - b.event.time);
    lanes.sort((a, b) => a.openedAt - b.openedAt);
    return { items, lanes };
  }, [summaries, bySession, scope, activeId]);

  if (!activeId && scope === 'session') return <NoSession icon="timeline" what="The closes view puts every connection close on a timeline: its reason, its cause, the state it was in and how many requests it failed." />;

  const shown = items.filter((i) => !hidden.has(i.event.reason));
  const from = Math.min(...lanes.map((l) => l.openedAt), now);
  // Live sessions run to now; ended ones to their last event, so short lives stay readable.
  const live = summaries.some((s) => (scope === 'all' || s.sessionId === activeId) && (s.status === 'connected' || s.status === 'connecting'));
  const lastSeen = Math.max(from, ...lanes.map((l) => l.close?.time ?? l.openedAt), ...items.map((i) => i.event.time));
  const to = live ? now : lastSeen + Math.max(50, (lastSeen - from) * 0.04);
  const sel = items.find((i) => i.key === selected) ?? null;
  const abnormal = items.filter((i) => i.event.reason !== 'SHUTDOWN').length;
  const failedReqs = items.reduce((a, i) => a + i.event.inFlightFailed + i.event.queuedFailed, 0);
  const counts = new Map<CloseReasonName, number>();
  for (const i of items) counts.set(i.event.reason, (counts.get(i.event.reason) ?? 0) + 1);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar>
        <Segmented
          label="Scope"
          size="xs"
          value={scope}
          onChange={setScope}
          options={[
            { value: 'session', label: 'This session' },
            { value: 'all', label: 'All sessions' },
          ]}
        />
        <ToolbarSep />
        {closeReasons.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={!hidden.has(r)}
            onClick={() => {
              const next = new Set(hidden);
              if (next.has(r)) next.delete(r);
              else next.add(r);
              setHidden(next);
            }}
            className={`inline-flex h-6 items-center gap-1.5 rounded-md border px-2 font-mono text-[11px] ${hidden.has(r) ? 'border-line text-faint line-through' : 'border-line-strong text-fg'}`}
          >
            <span className="size-2 rotate-45" style={{ backgroundColor: closeReasonColor(r) }} />
            {r}
            <span className="num text-muted">{counts.get(r) ?? 0}</span>
          </button>
        ))}
        <span className="ml-auto flex gap-3">
          <Stat label="closes" value={items.length} testId="close-count" />
          <Stat label="abnormal" value={abnormal} tone={abnormal ? 'text-red-600 dark:text-red-400' : undefined} />
          <Stat label="requests failed" value={failedReqs} tone={failedReqs ? 'text-red-600 dark:text-red-400' : undefined} />
        </span>
      </Toolbar>
      {lanes.length === 0 ? (
        <EmptyState icon="timeline" title="No connection yet">
          Connections appear here as the session opens them; a close shows as a diamond coloured by its reason.
        </EmptyState>
      ) : (
        <div className="flex min-h-0 flex-1">
          <div className="flex min-w-0 flex-1 flex-col">
            <div className="max-h-[45%] shrink-0 overflow-y-auto border-b border-line-strong bg-raised">
              <CloseTimeline lanes={lanes} from={from} to={to} selected={selected} onSelect={setSelected} />
            </div>
            <div className="min-h-0 flex-1 overflow-auto">
              {shown.length > 0 ? (
                <ClosesTable items={shown} showSession={scope === 'all'} selected={selected} onSelect={setSelected} />
              ) : (
                <p className="p-6 text-center text-xs text-muted" data-testid="closes-empty">
                  No close yet{items.length > 0 ? ' with these reasons' : ''}. Press <b>Disconnect</b> to see a SHUTDOWN close; broken connections, timeouts and
                  failed logins show up here too, with the requests they failed. The{' '}
                  <button type="button" className="text-accent hover:underline" onClick={() => setView('events')}>
                    event log
                  </button>{' '}
                  has the events around each.
                </p>
              )}
            </div>
          </div>
          {sel ? (
            <aside className="flex w-96 shrink-0 flex-col border-l border-line bg-raised" aria-label="Close details">
              <header className="flex h-9 items-center border-b border-line pr-1 pl-3 text-[13px] font-semibold">
                {sel.event.reason}
                <IconButton icon="x" label="Close details" className="ml-auto" onClick={() => setSelected(null)} />
              </header>
              <div className="min-h-0 flex-1 overflow-auto p-3">
                <p className="mb-2 text-xs text-muted">{sel.event.message}</p>
                <Tree value={sel.event} name="close" open={2} />
              </div>
            </aside>
          ) : null}
        </div>
      )}
    </div>
  );
}
