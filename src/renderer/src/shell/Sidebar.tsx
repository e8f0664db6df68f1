/** The main navigation: one entry per view, with its shortcut and a live count where useful. */
import { useActiveSnapshot, useSessionEvents } from '../lib/hooks';
import { useSessions } from '../stores/sessions';
import { useUi, viewIds, viewLabels, type ViewId } from '../stores/ui';
import { Icon, type IconName } from '../components/Icon';
import { IconButton } from '../components/Button';
import { modKey } from '../components/Kbd';
import { fmtInt } from '../lib/format';

const icons: Record<ViewId, IconName> = {
  profiles: 'layers',
  overview: 'server',
  versions: 'compare',
  inflight: 'activity',
  closes: 'timeline',
  events: 'list',
  latency: 'chart',
  troubleshoot: 'stethoscope',
  logs: 'file',
};

const groups: { title: string | null; ids: ViewId[] }[] = [
  { title: null, ids: ['profiles'] },
  { title: 'Session', ids: ['overview', 'versions', 'inflight', 'closes', 'events', 'latency'] },
  { title: 'Tools', ids: ['troubleshoot', 'logs'] },
];

function useCounts(): Partial<Record<ViewId, { n: number; alert?: boolean }>> {
  const activeId = useSessions((s) => s.activeId);
  const ev = useSessionEvents(activeId);
  const snap = useActiveSnapshot();
  if (!ev) return {};
  const d = ev.derived;
  const abnormal = d.closes.filter((c) => c.event.reason !== 'SHUTDOWN').length;
  return {
    inflight: { n: d.inflight.size },
    closes: { n: d.closes.length, alert: abnormal > 0 },
    events: { n: snap?.events.newestSeq ?? ev.events.length },
  };
}

export function Sidebar(): React.JSX.Element {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const openShortcuts = useUi((s) => s.setShortcutsOpen);
  const counts = useCounts();
  return (
    <nav aria-label="Main" className="flex w-52 shrink-0 flex-col border-r border-line bg-panel">
      <div className="flex h-10 items-center gap-2 border-b border-line px-3">
        <svg viewBox="0 0 20 20" className="size-5 text-accent" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12.5 12.5 17 17" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
          <path d="M5.5 8.5h1.5l1-2 1.5 4 1-2h1" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="text-[14px] font-semibold tracking-tight">Brokerscope</span>
      </div>
      <div className="flex-1 overflow-y-auto px-2 py-2">
        {groups.map((g) => (
          <div key={g.title ?? 'top'} className="mb-2">
            {g.title ? <div className="px-2 pt-2 pb-1 text-[10.5px] font-semibold tracking-wider text-faint uppercase">{g.title}</div> : null}
            {g.ids.map((id) => {
              const n = viewIds.indexOf(id) + 1;
              const c = counts[id];
              const active = view === id;
              return (
                <button
                  key={id}
                  type="button"
                  data-testid={`nav-${id}`}
                  aria-current={active ? 'page' : undefined}
                  onClick={() => setView(id)}
                  title={`${viewLabels[id]} (${modKey}+${n})`}
                  className={`group flex h-7 w-full items-center gap-2 rounded-md px-2 text-left text-[13px] transition-colors ${
                    active ? 'bg-selected font-medium text-fg' : 'text-muted hover:bg-hover hover:text-fg'
                  }`}
                >
                  <Icon name={icons[id]} className={`size-4 ${active ? 'text-accent' : ''}`} />
                  <span className="flex-1 truncate">{viewLabels[id]}</span>
                  {c && c.n > 0 ? (
                    <span className={`num rounded px-1 text-[10.5px] ${c.alert ? 'bg-red-500/15 text-red-600 dark:text-red-400' : 'bg-sunken text-muted'}`}>
                      {fmtInt(c.n)}
                    </span>
                  ) : (
                    <span className="font-mono text-[10px] text-faint opacity-0 group-hover:opacity-100">
                      {modKey === '⌘' ? '⌘' : '⌃'}
                      {n}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <div className="flex items-center gap-1 border-t border-line px-2 py-1.5">
        <IconButton
          icon={theme === 'dark' ? 'sun' : 'moon'}
          label={theme === 'dark' ? 'Switch to light theme (T)' : 'Switch to dark theme (T)'}
          data-testid="theme-toggle"
          onClick={toggleTheme}
        />
        <IconButton icon="keyboard" label="Keyboard shortcuts (?)" onClick={() => openShortcuts(true)} />
      </div>
    </nav>
  );
}
