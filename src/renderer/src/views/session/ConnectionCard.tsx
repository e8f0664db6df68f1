/** A connection that never became a broker's (a bootstrap attempt): where it stopped and why. */
import type { ConnInfo } from '../../lib/derive';
import { fmtClock, shortId } from '../../lib/format';
import { closeReasonTone, connStateTone } from '../../lib/tone';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { SaslSummary } from './SaslSummary';
import { StateMachine } from './StateMachine';
import { TlsSummary } from './TlsSummary';

export function ConnectionCard({ conn, usesTls, usesSasl }: { conn: ConnInfo; usesTls: boolean; usesSasl: boolean }): React.JSX.Element {
  const close = conn.close;
  return (
    <article className="flex flex-col rounded-lg border border-line bg-raised" data-testid="connection-card" aria-label={`Connection ${shortId(conn.connectionId)}`}>
      <header className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <Icon name="plug" className="size-4 text-muted" />
        <span className="text-[13px] font-semibold">{conn.nodeId !== null ? `node ${conn.nodeId}` : 'bootstrap'}</span>
        <span className="font-mono text-xs text-muted">{conn.broker}</span>
        <span className="font-mono text-[11px] text-faint" title={conn.connectionId}>
          {shortId(conn.connectionId)} · {fmtClock(conn.firstTime)}
        </span>
        <span className="ml-auto flex gap-1.5">
          {close ? (
            <Badge tone={closeReasonTone(close.reason)} mono>
              {close.reason}
            </Badge>
          ) : null}
          <Badge tone={connStateTone(conn.state)} mono>
            {conn.state}
          </Badge>
        </span>
      </header>
      <div className="flex flex-col gap-3 p-3">
        <StateMachine conn={conn} state={conn.state} usesTls={usesTls} usesSasl={usesSasl} />
        {close && close.reason !== 'SHUTDOWN' && !(usesSasl && conn.authFailure) ? (
          <p className="flex items-start gap-1.5 text-xs text-red-700 dark:text-red-300">
            <Icon name="alert" className="mt-px size-3.5 shrink-0" />
            <span>
              {close.message}
              {close.cause ? <span className="block font-mono text-[11px] text-muted">{close.cause.code ?? close.cause.name}: {close.cause.message}</span> : null}
            </span>
          </p>
        ) : null}
        {usesTls ? <TlsSummary tls={conn.tls} /> : null}
        {usesSasl ? <SaslSummary conn={conn} /> : null}
      </div>
    </article>
  );
}
