import { useDeferredValue, useEffect } from 'react';
import { boot } from './lib/boot';
import { useGlobalShortcuts } from './lib/shortcuts';
import { useSessions } from './stores/sessions';
import { useUi, type ViewId } from './stores/ui';
import { Sidebar } from './shell/Sidebar';
import { SessionBar } from './shell/SessionBar';
import { StatusBar } from './shell/StatusBar';
import { ShortcutsHelp } from './shell/ShortcutsHelp';
import { HostFailed } from './shell/HostFailed';
import { Toasts } from './components/Toasts';
import { ProfilesView } from './views/profiles/ProfilesView';
import { OverviewView } from './views/session/OverviewView';
import { VersionsView } from './views/versions/VersionsView';
import { InflightView } from './views/inflight/InflightView';
import { ClosesView } from './views/closes/ClosesView';
import { EventsView } from './views/events/EventsView';
import { LatencyView } from './views/latency/LatencyView';
import { TroubleshootView } from './views/troubleshoot/TroubleshootView';
import { LogsView } from './views/logs/LogsView';

const views: Record<ViewId, () => React.JSX.Element> = {
  profiles: ProfilesView,
  overview: OverviewView,
  versions: VersionsView,
  inflight: InflightView,
  closes: ClosesView,
  events: EventsView,
  latency: LatencyView,
  troubleshoot: TroubleshootView,
  logs: LogsView,
};

function cycleSession(delta: number): void {
  const { summaries, activeId, setActive } = useSessions.getState();
  if (summaries.length === 0) return;
  const i = summaries.findIndex((s) => s.sessionId === activeId);
  const next = summaries[(i + delta + summaries.length) % summaries.length];
  if (next) setActive(next.sessionId);
}

export function App(): React.JSX.Element {
  // The new view mounts in a transition: React renders it in slices between frames and live
  // updates, rather than in one long task when the user switches views mid-stream.
  const view = useDeferredValue(useUi((s) => s.view));
  const host = useUi((s) => s.host);
  useEffect(() => void boot(), []);
  useGlobalShortcuts(cycleSession);
  const View = views[view];
  return (
    <div className="flex h-full flex-col bg-canvas text-fg">
      <div className="flex min-h-0 flex-1">
        <Sidebar />
        <main className="flex min-w-0 flex-1 flex-col" aria-label={view}>
          <SessionBar />
          <div className="flex min-h-0 flex-1 flex-col" data-testid={`view-${view}`}>
            {host.kind === 'failed' ? <HostFailed message={host.message} /> : <View />}
          </div>
        </main>
      </div>
      <StatusBar />
      <Toasts />
      <ShortcutsHelp />
    </div>
  );
}
