/** The strip of open sessions (one tab per connected profile) and the active session's actions. */
import { fire } from '../lib/api-client';
import { useActiveSummary } from '../lib/hooks';
import { sessionTone } from '../lib/tone';
import { useProfiles } from '../stores/profiles';
import { useSessions } from '../stores/sessions';
import { useUi } from '../stores/ui';
import { Button } from '../components/Button';
import { Dot } from '../components/Badge';
import { Icon } from '../components/Icon';
import { SendMenu } from './SendMenu';

function SessionTab({ id }: { id: string }): React.JSX.Element | null {
  const s = useSessions((st) => st.summaries.find((x) => x.sessionId === id));
  const active = useSessions((st) => st.activeId === id);
  const setActive = useSessions((st) => st.setActive);
  const disconnect = useSessions((st) => st.disconnect);
  const tagColor = useProfiles((st) => {
    const p = st.profiles.find((x) => x.id === s?.profileId);
    const tag = p ? st.tags.find((t) => p.tagIds.includes(t.id)) : undefined;
    return tag?.color ?? null;
  });
  if (!s) return null;
  const live = s.status === 'connected' || s.status === 'connecting';
  return (
    <div
      role="tab"
      aria-selected={active}
      data-testid="session-tab"
      data-session-id={id}
      className={`group relative flex h-full max-w-60 items-center gap-2 border-r border-line pr-1 pl-3 text-[13px] ${
        active ? 'bg-canvas text-fg' : 'text-muted hover:bg-hover'
      }`}
    >
      {active ? <span className="absolute inset-x-0 top-0 h-0.5 bg-accent" /> : null}
      {tagColor ? <span className="absolute inset-y-2 left-0 w-0.5 rounded" style={{ backgroundColor: tagColor }} /> : null}
      <button type="button" className="flex min-w-0 items-center gap-2" onClick={() => setActive(id)} title={`${s.profileName}: ${s.status}`}>
        <Dot tone={sessionTone(s.status)} pulse={s.status === 'connecting'} />
        <span className="truncate font-medium">{s.profileName}</span>
      </button>
      <button
        type="button"
        aria-label={live ? `Disconnect and close ${s.profileName}` : `Close ${s.profileName}`}
        title={live ? 'Disconnect and close this session' : 'Close this session (its events are dropped)'}
        onClick={() => fire(disconnect(id, true))}
        className="rounded p-0.5 text-faint opacity-0 group-hover:opacity-100 hover:bg-hover hover:text-fg aria-selected:opacity-100"
      >
        <Icon name="x" className="size-3" />
      </button>
    </div>
  );
}

export function SessionBar(): React.JSX.Element {
  const ids = useSessions((s) => s.summaries.map((x) => x.sessionId).join('\n'));
  const active = useActiveSummary();
  const disconnect = useSessions((s) => s.disconnect);
  const reconnect = useSessions((s) => s.reconnect);
  const setView = useUi((s) => s.setView);
  const list = ids ? ids.split('\n') : [];
  const live = active && (active.status === 'connected' || active.status === 'connecting');
  return (
    <div className="flex h-10 shrink-0 items-stretch border-b border-line bg-panel" role="tablist" aria-label="Sessions">
      {list.length === 0 ? (
        <div className="flex items-center gap-2 px-3 text-[13px] text-muted">
          <Dot tone="neutral" />
          No session.
          <button type="button" className="text-accent hover:underline" onClick={() => setView('profiles')}>
            Connect a profile
          </button>
        </div>
      ) : (
        <div className="flex min-w-0 items-stretch overflow-x-auto">
          {list.map((id) => (
            <SessionTab key={id} id={id} />
          ))}
        </div>
      )}
      {active ? (
        <div className="ml-auto flex items-center gap-1.5 px-2">
          <SendMenu sessionId={active.sessionId} disabled={active.status !== 'connected'} />
          {live ? (
            <Button size="sm" icon="unplug" data-testid="disconnect" onClick={() => fire(disconnect(active.sessionId))}>
              Disconnect
            </Button>
          ) : (
            <Button size="sm" icon="refresh" data-testid="reconnect" onClick={() => fire(reconnect(active.sessionId))}>
              Reconnect
            </Button>
          )}
        </div>
      ) : null}
    </div>
  );
}
