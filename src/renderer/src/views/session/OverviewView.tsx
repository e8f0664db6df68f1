/** The session at a glance: cluster, controller, every broker's live state, TLS and SASL. */
import { useActiveSnapshot, useActiveSummary, useProfile, useSessionEvents } from '../../lib/hooks';
import { fmtAge, fmtClock } from '../../lib/format';
import { sessionTone } from '../../lib/tone';
import { useNow } from '../../lib/use-now';
import { useUi } from '../../stores/ui';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { Section } from '../../components/Toolbar';
import { NoSession } from '../../shell/NoSession';
import { BrokerCard } from './BrokerCard';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionsTable } from './ConnectionsTable';
import { HandshakeWaterfall } from './HandshakeWaterfall';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }): React.JSX.Element {
  return (
    <div className="flex min-w-0 flex-col">
      <span className="text-[10.5px] font-semibold tracking-wide text-faint uppercase">{label}</span>
      <span className="truncate font-mono text-[12.5px]" data-testid={testId}>
        {children}
      </span>
    </div>
  );
}

export function OverviewView(): React.JSX.Element {
  const summary = useActiveSummary();
  const snap = useActiveSnapshot();
  const ev = useSessionEvents(summary?.sessionId);
  const profile = useProfile(summary?.profileId);
  const openTroubleshoot = useUi((s) => s.openTroubleshoot);
  const now = useNow(1000);
  if (!summary) return <NoSession icon="server" what="The overview shows the cluster id, the controller and, for every broker, its connection's state, TLS and SASL." />;
  const derived = ev?.derived;
  const conns = derived ? [...derived.conns.values()] : [];
  const anyTls = conns.some((c) => c.tls);
  const anySasl = conns.some((c) => c.authHandshake || c.authSuccess || c.authFailure);
  const usesTls = profile ? profile.securityProtocol === 'SSL' || profile.securityProtocol === 'SASL_SSL' : anyTls;
  const usesSasl = profile ? profile.securityProtocol.startsWith('SASL') : anySasl;
  const cluster = snap?.cluster ?? null;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-panel" data-testid="overview">
      <div className="flex flex-col gap-3 p-4">
        <section className="flex flex-wrap items-center gap-x-8 gap-y-3 rounded-lg border border-line bg-raised px-4 py-3">
          <div className="flex min-w-0 flex-col">
            <span className="flex items-center gap-2">
              <h1 className="truncate text-base font-semibold">{summary.profileName}</h1>
              <Badge tone={sessionTone(summary.status)} className="uppercase">
                <span data-testid="session-status">{summary.status}</span>
              </Badge>
            </span>
            <span className="text-xs text-muted">
              {profile ? `${profile.securityProtocol}${profile.sasl ? ` · ${profile.sasl.mechanism}` : ''} · ` : ''}
              {summary.endedAt ? `ended ${fmtClock(summary.endedAt)}` : `started ${fmtClock(summary.startedAt)} · ${fmtAge(now - summary.startedAt)} ago`}
            </span>
          </div>
          <Fact label="Cluster id" testId="cluster-id">
            {cluster?.clusterId ?? '—'}
          </Fact>
          <Fact label="Controller">{cluster?.controllerId ?? '—'}</Fact>
          <Fact label="Brokers">{cluster?.brokers.length ?? 0}</Fact>
          <Fact label="Bootstrap">{cluster?.bootstrap.join(', ') ?? profile?.bootstrapServers.join(', ') ?? '—'}</Fact>
          <Fact label="Metadata">{cluster?.metadataFetchedAt ? `${fmtAge(now - cluster.metadataFetchedAt)} ago` : '—'}</Fact>
        </section>

        {summary.error ? (
          <div role="alert" className="flex items-start gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-[13px] text-red-900 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
            <div>
              <div className="font-medium">The session failed</div>
              <div className="text-xs">{summary.error}</div>
            </div>
            <button type="button" className="ml-auto text-xs font-medium underline" onClick={() => openTroubleshoot(summary.profileId)}>
              Troubleshoot
            </button>
          </div>
        ) : null}

        {snap?.advertisedFindings.map((f) => (
          <div key={`${f.code}-${f.nodeId}`} className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200">
            <Icon name="alert" className="mt-px size-3.5 shrink-0" />
            <span>
              <b className="font-mono">{f.code}</b> node {f.nodeId} advertises <span className="font-mono">{f.advertised}</span> (bootstrap{' '}
              <span className="font-mono">{f.bootstrap}</span>): {f.message}
            </span>
          </div>
        ))}

        {cluster && cluster.brokers.length > 0 ? (
          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            {cluster.brokers.map((b) => (
              <BrokerCard
                key={b.nodeId}
                broker={b}
                conn={b.connection ? (derived?.conns.get(b.connection.connectionId) ?? null) : null}
                usesTls={usesTls}
                usesSasl={usesSasl}
              />
            ))}
            <Section title="Handshake timing" className={cluster.brokers.length % 2 === 0 ? 'xl:col-span-2' : ''}>
              <HandshakeWaterfall conns={conns} />
            </Section>
          </div>
        ) : conns.length > 0 ? (
          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            {[...conns]
              .sort((x, y) => y.firstTime - x.firstTime)
              .slice(0, 4)
              .map((c) => (
                <ConnectionCard key={c.connectionId} conn={c} usesTls={usesTls} usesSasl={usesSasl} />
              ))}
          </div>
        ) : (
          <div className="rounded-lg border border-dashed border-line-strong bg-raised p-6 text-center text-[13px] text-muted">
            {summary.status === 'connecting'
              ? 'Connecting to the bootstrap servers… brokers appear once Metadata answers.'
              : summary.status === 'failed'
                ? 'No broker was reached. The connections below show the step where it stopped.'
                : 'No broker known yet.'}
          </div>
        )}

        {!cluster || cluster.brokers.length === 0 ? (
          <Section title="Handshake timing">
            <HandshakeWaterfall conns={conns} />
          </Section>
        ) : null}

        <Section title={`Connections (${conns.length})`}>
          {conns.length > 0 ? (
            <div className="overflow-x-auto">
              <ConnectionsTable conns={conns} />
            </div>
          ) : (
            <p className="p-3 text-xs text-faint">No connection events received yet.</p>
          )}
        </Section>
      </div>
    </div>
  );
}
