/** Sends the inspector's read-only requests through the session (sessions.send). */
import { fire } from '../lib/api-client';
import { useShortcut } from '../lib/shortcuts';
import { useSessions } from '../stores/sessions';
import { Button } from '../components/Button';
import { Menu } from '../components/Menu';

export function SendMenu({ sessionId, disabled }: { sessionId: string; disabled: boolean }): React.JSX.Element {
  const send = useSessions((s) => s.send);
  const burst = useSessions((s) => s.burst);
  useShortcut('m', () => fire(send(sessionId, { apiKey: 3 })), !disabled);
  return (
    <div className="flex items-center">
      <Button
        size="sm"
        variant="primary"
        icon="send"
        disabled={disabled}
        data-testid="send-metadata"
        title="Send a Metadata request (all topics) to the controller (M)"
        className="rounded-r-none"
        onClick={() => fire(send(sessionId, { apiKey: 3 }))}
      >
        Metadata
      </Button>
      <Menu
        label={<span className="sr-only">More requests</span>}
        testId="send-menu"
        button={{ size: 'sm', variant: 'primary', disabled, className: 'rounded-l-none border-l border-l-white/25 px-1.5' }}
        items={[
          { label: 'ApiVersions', hint: 'key 18', testId: 'send-apiversions', onSelect: () => fire(send(sessionId, { apiKey: 18 })) },
          { label: 'Metadata (all topics)', hint: 'key 3', onSelect: () => fire(send(sessionId, { apiKey: 3 })) },
          { label: 'DescribeCluster', hint: 'key 60', onSelect: () => fire(send(sessionId, { apiKey: 60 })) },
          { label: 'ListGroups', hint: 'key 16', onSelect: () => fire(send(sessionId, { apiKey: 16 })) },
          'sep',
          { label: 'Burst: 50 × Metadata', hint: 'concurrent', testId: 'send-burst-50', onSelect: () => fire(burst(sessionId, { apiKey: 3 }, 50)) },
          { label: 'Burst: 300 × Metadata', hint: 'concurrent', testId: 'send-burst-300', onSelect: () => fire(burst(sessionId, { apiKey: 3 }, 300)) },
          { label: 'Burst: 100 × ApiVersions', hint: 'concurrent', onSelect: () => fire(burst(sessionId, { apiKey: 18 }, 100)) },
        ]}
      />
    </div>
  );
}
