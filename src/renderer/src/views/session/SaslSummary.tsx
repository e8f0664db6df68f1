import type { ConnInfo } from '../../lib/derive';
import { fmtMs } from '../../lib/format';
import { Badge } from '../../components/Badge';

/** The SASL mechanism used, what the broker offered, and how it ended. */
export function SaslSummary({ conn }: { conn: ConnInfo | null }): React.JSX.Element {
  const hs = conn?.authHandshake;
  const ok = conn?.authSuccess;
  const bad = conn?.authFailure;
  if (!hs && !ok && !bad) return <p className="text-xs text-faint">No SASL exchange seen on this connection.</p>;
  const mech = ok?.mechanism ?? bad?.mechanism ?? hs?.mechanism ?? '?';
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="sasl-summary">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge tone="auth" mono>
          {mech}
        </Badge>
        {ok ? (
          <Badge tone="ok">authenticated</Badge>
        ) : bad ? (
          <Badge tone="err">failed</Badge>
        ) : (
          <Badge tone="pending">in progress</Badge>
        )}
        {ok ? (
          <span className="num text-[11px] text-muted">
            {fmtMs(ok.ms)} · {ok.rounds} round{ok.rounds === 1 ? '' : 's'}
            {ok.sessionLifetimeMs ? ` · re-auth within ${fmtMs(ok.sessionLifetimeMs)}` : ''}
          </span>
        ) : null}
      </div>
      {hs ? (
        <p className="text-[11px] text-muted">
          Broker offers <span className="font-mono">{hs.enabledMechanisms.join(', ') || 'none'}</span> (SaslHandshake v{hs.handshakeVersion})
        </p>
      ) : null}
      {bad ? (
        <p className="text-[11.5px] text-red-700 dark:text-red-300">
          {bad.message}
          {bad.brokerMessage && !bad.message.includes(bad.brokerMessage) ? <span className="block text-muted">broker: {bad.brokerMessage}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
