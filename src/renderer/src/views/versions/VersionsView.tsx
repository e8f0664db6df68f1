/** Negotiated versions per broker; compare two brokers, or two sessions, side by side. */
import { useMemo, useState } from 'react';
import { useEvents } from '../../stores/events';
import { useSessions } from '../../stores/sessions';
import { useUi } from '../../stores/ui';
import { Segmented, Select } from '../../components/controls';
import { SearchInput } from '../../components/SearchInput';
import { Stat, Toolbar, ToolbarSep } from '../../components/Toolbar';
import { EmptyState } from '../../components/EmptyState';
import { NoSession } from '../../shell/NoSession';
import { VersionsTable, type Row } from './VersionsTable';
import { apiStatus, versionSources } from './sources';

type Filter = 'all' | 'usable' | 'unsupported' | 'diff';

export function VersionsView(): React.JSX.Element {
  const summaries = useSessions((s) => s.summaries);
  const snapshots = useSessions((s) => s.snapshots);
  const activeId = useSessions((s) => s.activeId);
  const bySession = useEvents((s) => s.bySession);
  const setView = useUi((s) => s.setView);
  const [aKey, setAKey] = useState<string | null>(null);
  const [bKey, setBKey] = useState<string>('');
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');

  const sources = useMemo(() => versionSources(summaries, snapshots, bySession), [summaries, snapshots, bySession]);
  const mine = sources.filter((s) => s.sessionId === activeId);
  const a = sources.find((s) => s.key === aKey && s.sessionId === activeId) ?? mine[0] ?? null;
  const b = bKey ? (sources.find((s) => s.key === bKey) ?? null) : null;

  const rows = ((): Row[] => {
    if (!a) return [];
    const siblings = sources.filter((s) => s.sessionId === a.sessionId && s.key !== a.key && s.nodeId !== null);
    const keys = new Map<number, string>();
    for (const x of [...a.apis, ...(b?.apis ?? [])]) keys.set(x.apiKey, x.name);
    return [...keys.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([apiKey, name]) => {
        const ra = a.apis.find((x) => x.apiKey === apiKey) ?? null;
        const differsInSession = siblings
          .map((s) => ({ s, v: s.apis.find((x) => x.apiKey === apiKey)?.selected ?? null }))
          .filter(({ v }) => v !== (ra?.selected ?? null))
          .map(({ s, v }) => `node ${s.nodeId}: ${v === null ? 'none' : `v${v}`}`);
        return { apiKey, name, a: ra, b: b?.apis.find((x) => x.apiKey === apiKey) ?? null, differsInSession };
      });
  })();

  if (!activeId) return <NoSession icon="compare" what="The versions table lists, per broker, every API key with the client's and the broker's version range and the version in use." />;
  if (!a)
    return (
      <EmptyState icon="compare" title="No versions negotiated yet" testId="versions-empty">
        Versions appear once a connection of this session has completed its ApiVersions exchange. If the session failed, see the{' '}
        <button type="button" className="text-accent hover:underline" onClick={() => setView('events')}>
          event log
        </button>{' '}
        for the step where it stopped.
      </EmptyState>
    );

  const q = query.trim().toLowerCase();
  const shown = rows.filter((r) => {
    if (q && !r.name.toLowerCase().includes(q) && String(r.apiKey) !== q) return false;
    const st = r.a ? apiStatus(r.a) : 'broker-lacks';
    if (filter === 'usable') return r.a?.selected !== null && r.a !== null;
    if (filter === 'unsupported') return st === 'broker-lacks' || st === 'client-lacks' || st === 'no-overlap';
    if (filter === 'diff') return r.differsInSession.length > 0 || (b !== null && (r.a?.selected ?? null) !== (r.b?.selected ?? null));
    return true;
  });
  const usable = rows.filter((r) => r.a?.selected !== null && r.a !== null).length;
  const diffs = rows.filter((r) => r.differsInSession.length > 0 || (b !== null && (r.a?.selected ?? null) !== (r.b?.selected ?? null))).length;
  const others = sources.filter((s) => s.key !== a.key);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <Toolbar>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          {b ? 'A' : 'Broker'}
          <Select value={a.key} onChange={(e) => setAKey(e.target.value)} aria-label="Broker" data-testid="versions-broker" className="max-w-64">
            {mine.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          compare with
          <Select value={bKey} onChange={(e) => setBKey(e.target.value)} aria-label="Compare with" data-testid="versions-compare" className="max-w-64">
            <option value="">nothing</option>
            {others.map((s) => (
              <option key={s.key} value={s.key}>
                {s.sessionId === a.sessionId ? s.label : `${s.sessionName} / ${s.label}`}
              </option>
            ))}
          </Select>
        </label>
        <ToolbarSep />
        <Segmented<Filter>
          label="Show"
          size="xs"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: 'All' },
            { value: 'usable', label: 'Usable' },
            { value: 'unsupported', label: 'Unsupported' },
            { value: 'diff', label: 'Differences' },
          ]}
        />
        <SearchInput value={query} onChange={setQuery} placeholder="API name or key" label="Search APIs" className="w-48" />
        <span className="ml-auto flex gap-3">
          <Stat label="APIs" value={rows.length} />
          <Stat label="usable" value={usable} testId="versions-usable" />
          <Stat label="differences" value={diffs} tone={diffs ? 'text-red-600 dark:text-red-400' : undefined} />
        </span>
      </Toolbar>
      {b ? (
        <div className="flex gap-6 border-b border-line bg-panel px-3 py-1 text-[11.5px] text-muted">
          <span>
            <b className="text-fg">A</b> {a.sessionName} / {a.label}
          </span>
          <span>
            <b className="text-fg">B</b> {b.sessionName} / {b.label}
          </span>
        </div>
      ) : null}
      <div className="min-h-0 flex-1 overflow-auto">
        <VersionsTable rows={shown} b={b} />
        {shown.length === 0 ? <p className="p-6 text-center text-xs text-muted">No API matches this filter.</p> : null}
      </div>
    </div>
  );
}
