/** Per connection, devtools "Timing" style: how long each handshake step took, on one scale. */
import type { ConnStateName } from '@shared/api/kafka-events';
import type { ConnInfo } from '../../lib/derive';
import { fmtMs, shortId } from '../../lib/format';

const PHASES: { id: string; label: string; states: ConnStateName[]; color: string }[] = [
  { id: 'dns', label: 'DNS', states: ['DNS'], color: '#94a3b8' },
  { id: 'tcp', label: 'TCP', states: ['TCP_CONNECT'], color: '#f59e0b' },
  { id: 'tls', label: 'TLS', states: ['TLS_HANDSHAKE'], color: '#8b5cf6' },
  { id: 'api', label: 'ApiVersions', states: ['APIVERSION_QUERY'], color: '#3b82f6' },
  { id: 'auth', label: 'SASL', states: ['AUTH_HANDSHAKE', 'AUTH'], color: '#0d9488' },
];

function phases(c: ConnInfo): { id: string; ms: number; color: string; label: string }[] {
  return PHASES.map((p) => ({
    id: p.id,
    label: p.label,
    color: p.color,
    ms: c.steps.filter((s) => p.states.includes(s.from) && s.time <= (c.steps.find((x) => x.to === 'READY')?.time ?? Number.POSITIVE_INFINITY)).reduce((a, s) => a + s.ms, 0),
  }));
}

export function HandshakeWaterfall({ conns }: { conns: ConnInfo[] }): React.JSX.Element {
  const rows = conns
    .filter((c) => c.steps.length > 0)
    .sort((a, b) => a.firstTime - b.firstTime)
    .slice(-12)
    .map((c) => ({ c, ph: phases(c), ready: c.steps.some((s) => s.to === 'READY') }));
  const max = Math.max(1, ...rows.map((r) => r.ph.reduce((a, p) => a + p.ms, 0)));
  return (
    <div className="flex flex-col gap-1.5 p-3" data-testid="handshake-waterfall">
      <div className="flex flex-wrap gap-3 text-[11px] text-muted">
        {PHASES.map((p) => (
          <span key={p.id} className="flex items-center gap-1">
            <span className="size-2 rounded-sm" style={{ backgroundColor: p.color }} />
            {p.label}
          </span>
        ))}
      </div>
      {rows.map(({ c, ph, ready }) => {
        const total = ph.reduce((a, p) => a + p.ms, 0);
        return (
          <div key={c.connectionId} className="grid grid-cols-[150px_1fr_64px] items-center gap-2 text-xs">
            <span className="truncate font-mono text-[11px] text-muted" title={c.connectionId}>
              {c.nodeId !== null ? `node ${c.nodeId}` : 'bootstrap'} · {shortId(c.connectionId).slice(0, 4)}
            </span>
            <div className="flex h-3 overflow-hidden rounded-sm bg-sunken" title={ph.map((p) => `${p.label} ${fmtMs(p.ms)}`).join(' · ')}>
              {ph.map((p) => (p.ms > 0 ? <span key={p.id} style={{ width: `${(p.ms / max) * 100}%`, backgroundColor: p.color }} className="h-full min-w-px" /> : null))}
            </div>
            <span className={`num text-right ${ready ? '' : 'text-red-600 dark:text-red-400'}`} title={ready ? 'time to READY' : 'never reached READY'}>
              {fmtMs(total)}
            </span>
          </div>
        );
      })}
      {rows.length === 0 ? <p className="text-xs text-faint">No handshake seen yet.</p> : null}
    </div>
  );
}
