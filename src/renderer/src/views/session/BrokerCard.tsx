/** One broker: where its connection is in the state machine, its TLS and SASL outcome, and counters. */
import type { z } from 'zod';
import type { BrokerViewSchema } from '@shared/api/session-snapshot';
import type { ConnInfo } from '../../lib/derive';
import { fmtBytes, fmtInt, fmtMs } from '../../lib/format';
import { connStateTone } from '../../lib/tone';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { SaslSummary } from './SaslSummary';
import { StateMachine } from './StateMachine';
import { TlsSummary } from './TlsSummary';

type BrokerView = z.output<typeof BrokerViewSchema>;

function Counter({ label, value, tone }: { label: string; value: string; tone?: string }): React.JSX.Element {
  return (
    <div className="flex flex-col">
      <span className="text-[10.5px] tracking-wide text-faint uppercase">{label}</span>
      <span className={`num ${tone ?? ''}`}>{value}</span>
    </div>
  );
}

export function BrokerCard({ broker, conn, usesTls, usesSasl }: { broker: BrokerView; conn: ConnInfo | null; usesTls: boolean; usesSasl: boolean }): React.JSX.Element {
  const c = broker.connection;
  const st = c?.stats;
  const state = c?.state ?? conn?.state ?? 'CLOSED';
  const errors = st ? Object.values(st.errorsByCode).reduce((a, b) => a + b, 0) : 0;
  return (
    <article className="flex flex-col rounded-lg border border-line bg-raised" data-testid="broker-card" aria-label={`Broker ${broker.nodeId}`}>
      <header className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <Icon name="server" className="size-4 text-muted" />
        <span className="text-[13px] font-semibold">node {broker.nodeId}</span>
        <span className="font-mono text-xs text-muted">
          {broker.host}:{broker.port}
        </span>
        {broker.isController ? <Badge tone="info">controller</Badge> : null}
        {broker.rack ? <Badge tone="neutral">rack {broker.rack}</Badge> : null}
        {!broker.inMetadata ? <Badge tone="warn" title="The latest Metadata no longer lists this broker">not in metadata</Badge> : null}
        <span className="ml-auto">
          <Badge tone={connStateTone(state)} mono>
            {state}
          </Badge>
        </span>
      </header>
      <div className="flex flex-col gap-3 p-3">
        <StateMachine conn={conn} state={state} usesTls={usesTls} usesSasl={usesSasl} />
        {broker.lastError ? (
          <p className="flex items-start gap-1.5 text-xs text-red-700 dark:text-red-300">
            <Icon name="alert" className="mt-px size-3.5 shrink-0" />
            {broker.lastError}
            {broker.backoff ? <span className="text-muted"> · retry {broker.backoff.attempts} in {fmtMs(broker.backoff.nextAttemptInMs)}</span> : null}
          </p>
        ) : null}
        {usesTls ? (
          <div>
            <h4 className="mb-1 text-[10.5px] font-semibold tracking-wide text-faint uppercase">TLS</h4>
            <TlsSummary tls={conn?.tls ?? null} />
          </div>
        ) : null}
        {usesSasl ? (
          <div>
            <h4 className="mb-1 text-[10.5px] font-semibold tracking-wide text-faint uppercase">SASL</h4>
            <SaslSummary conn={conn} />
          </div>
        ) : null}
        {st ? (
          <div className="grid grid-cols-4 gap-x-3 gap-y-2 border-t border-line pt-2 text-xs">
            <Counter label="in flight" value={`${st.inFlight}${st.queued ? ` +${st.queued}q` : ''}`} />
            <Counter label="requests" value={fmtInt(st.txRequests)} />
            <Counter label="errors" value={fmtInt(errors)} tone={errors ? 'text-red-600 dark:text-red-400' : ''} />
            <Counter label="timeouts" value={fmtInt(st.timeouts)} tone={st.timeouts ? 'text-amber-600 dark:text-amber-400' : ''} />
            <Counter label="rtt p50" value={st.rttUs.count ? fmtMs(st.rttUs.p50 / 1000) : '—'} />
            <Counter label="rtt p99" value={st.rttUs.count ? fmtMs(st.rttUs.p99 / 1000) : '—'} />
            <Counter label="sent" value={fmtBytes(st.txBytes)} />
            <Counter label="received" value={fmtBytes(st.rxBytes)} />
          </div>
        ) : (
          <p className="text-xs text-faint">No connection to this broker right now.</p>
        )}
      </div>
    </article>
  );
}
