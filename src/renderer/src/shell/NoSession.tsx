import { useSessions } from '../stores/sessions';
import { useUi } from '../stores/ui';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import type { IconName } from '../components/Icon';
import { modKey } from '../components/Kbd';

/** What a session view shows before any profile is connected. */
export function NoSession({ icon, what }: { icon: IconName; what: string }): React.JSX.Element {
  const setView = useUi((s) => s.setView);
  const count = useSessions((s) => s.summaries.length);
  return (
    <EmptyState
      icon={icon}
      title={count === 0 ? 'No session yet' : 'Pick a session'}
      testId="no-session"
      actions={
        <Button variant="primary" icon="plug" onClick={() => setView('profiles')} kbd={`${modKey}+1`}>
          Go to profiles
        </Button>
      }
    >
      {what} Open <b>Profiles</b>, create or pick a profile, and press <b>Connect</b>: each connected profile gets a tab at the top.
    </EmptyState>
  );
}
