/** The bottom line: who answers (host, version, transport) and the active session's counters. */
import { useActiveSnapshot, useActiveSummary, useSessionEvents } from '../lib/hooks';
import { fmtInt } from '../lib/format';
import { sessionTone, textTone } from '../lib/tone';
import { useUi } from '../stores/ui';
import { Dot } from '../components/Badge';

export function StatusBar(): React.JSX.Element {
  const host = useUi((s) => s.host);
  const summary = useActiveSummary();
  const snap = useActiveSnapshot();
  const ev = useSessionEvents(summary?.sessionId);
  return (
    <footer
      className="flex h-6 shrink-0 items-center gap-4 border-t border-line bg-panel px-3 text-[11px] text-muted"
      data-testid="status-bar"
    >
      {host.kind === 'ready' ? (
        <span className="flex items-center gap-1.5" data-testid="app-version">
          <Dot tone="ok" />
          {host.version.name} {host.version.version} · {host.version.runtime} · {host.transport === 'ipc' ? 'IPC' : 'WebSocket'} · Node{' '}
          {host.version.node}
          {host.version.electron ? ` · Electron ${host.version.electron}` : ''}
        </span>
      ) : host.kind === 'connecting' ? (
        <span className="flex items-center gap-1.5">
          <Dot tone="pending" pulse /> Connecting to the Brokerscope host…
        </span>
      ) : (
        <span className="flex items-center gap-1.5 text-red-600 dark:text-red-400">
          <Dot tone="err" /> host unreachable
        </span>
      )}
      {summary ? (
        <span className="ml-auto flex items-center gap-4">
          <span className={textTone[sessionTone(summary.status)]}>
            {summary.profileName}: {summary.status}
          </span>
          {snap ? (
            <>
              <span>
                events <span className="num text-fg">{fmtInt(snap.events.newestSeq)}</span>
              </span>
              <span>
                held here <span className="num text-fg">{fmtInt(ev?.events.length ?? 0)}</span>
              </span>
              <span title="Events the main process could not deliver live (overload); page back in the Event log to fill the gaps">
                dropped{' '}
                <span className={`num ${snap.events.droppedTotal > 0 ? 'text-amber-600 dark:text-amber-400' : 'text-fg'}`}>
                  {fmtInt(snap.events.droppedTotal)}
                </span>
              </span>
            </>
          ) : null}
        </span>
      ) : null}
    </footer>
  );
}
