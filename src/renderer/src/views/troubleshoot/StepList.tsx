/** The walk, step by step, grouped per bootstrap attempt, then Metadata and every broker. */
import type { TroubleshootStep } from '@shared/api/contract';
import { fmtMs } from '../../lib/format';
import { Spinner } from '../../components/Button';
import { Icon } from '../../components/Icon';

export const plannedSteps = ['DNS lookup', 'TCP connect', 'TLS handshake', 'ApiVersions', 'SASL handshake', 'SASL authenticate', 'Metadata', 'Every broker from Metadata'];

function StatusIcon({ status }: { status: TroubleshootStep['status'] }): React.JSX.Element {
  switch (status) {
    case 'running':
      return <Spinner className="size-3.5 text-sky-500" />;
    case 'ok':
      return <Icon name="check" className="size-3.5 text-emerald-600 dark:text-emerald-400" />;
    case 'failed':
      return <Icon name="x" className="size-3.5 text-red-600 dark:text-red-400" />;
    case 'skipped':
      return <span className="block h-px w-3 bg-faint" />;
    default:
      return <span className="block size-2 rounded-full bg-line-strong" />;
  }
}

function groupOf(s: TroubleshootStep): string {
  if (s.id === 'metadata') return 'Cluster';
  if (s.id.startsWith('broker:')) return 'Brokers';
  return `Bootstrap ${s.address ?? ''}${s.attempt > 0 ? ` · attempt ${s.attempt + 1}` : ''}`;
}

export function StepList({ steps }: { steps: readonly TroubleshootStep[] }): React.JSX.Element {
  if (steps.length === 0)
    return (
      <ol className="flex flex-col">
        {plannedSteps.map((label, i) => (
          <li key={label} className="flex items-center gap-3 border-b border-line px-3 py-1.5 text-[13px] text-muted last:border-0">
            <span className="num w-4 text-right text-faint">{i + 1}</span>
            <StatusIcon status="pending" />
            {label}
          </li>
        ))}
      </ol>
    );
  const groups: { name: string; steps: TroubleshootStep[] }[] = [];
  for (const s of steps) {
    const name = groupOf(s);
    const g = groups.find((x) => x.name === name);
    if (g) g.steps.push(s);
    else groups.push({ name, steps: [s] });
  }
  return (
    <div className="flex flex-col" data-testid="troubleshoot-steps">
      {groups.map((g) => (
        <div key={g.name}>
          <div className="border-b border-line bg-sunken px-3 py-1 font-mono text-[10.5px] font-semibold tracking-wide text-muted">{g.name}</div>
          <ol>
            {g.steps.map((s) => (
              <li key={`${s.id}|${s.address}|${s.attempt}`} className="flex items-start gap-2.5 border-b border-line px-3 py-1.5 last:border-0" data-testid="troubleshoot-step" data-status={s.status}>
                <span className="mt-0.5 flex size-3.5 items-center justify-center">
                  <StatusIcon status={s.status} />
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex items-baseline gap-2">
                    <span className={`text-[13px] ${s.status === 'pending' || s.status === 'skipped' ? 'text-muted' : ''} ${s.status === 'failed' ? 'font-medium text-red-700 dark:text-red-300' : ''}`}>{s.label}</span>
                    <span className="num ml-auto text-[11px] text-muted">{s.ms !== null ? fmtMs(s.ms) : s.status === 'running' ? '…' : ''}</span>
                  </div>
                  {s.detail ? <p className="text-[11.5px] break-words text-muted">{s.detail}</p> : null}
                </div>
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
