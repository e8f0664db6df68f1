import type { RunState } from '../../stores/troubleshoot';
import { fmtMs } from '../../lib/format';
import { Spinner } from '../../components/Button';
import { Icon } from '../../components/Icon';

/** One line at the top of a run: running, healthy, or how many problems. */
export function Verdict({ run }: { run: RunState }): React.JSX.Element {
  const base = 'flex items-center gap-2.5 rounded-lg border px-4 py-3 text-[13px]';
  if (run.status === 'running') {
    const current = [...run.steps].reverse().find((s) => s.status === 'running');
    return (
      <div role="status" className={`${base} border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-400/30 dark:bg-sky-400/10 dark:text-sky-200`} data-testid="verdict" data-state="running">
        <Spinner className="size-4" />
        <span className="font-semibold">Running…</span>
        {current ? <span>{current.label}</span> : null}
      </div>
    );
  }
  if (run.status === 'failed')
    return (
      <div role="alert" className={`${base} border-red-300 bg-red-50 text-red-900 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200`} data-testid="verdict" data-state="failed">
        <Icon name="alert" className="size-4" />
        <span className="font-semibold">The run could not complete.</span> {run.error}
      </div>
    );
  if (run.status === 'cancelled')
    return (
      <div className={`${base} border-line bg-panel text-muted`} data-testid="verdict" data-state="cancelled">
        <Icon name="x" className="size-4" /> Cancelled.
      </div>
    );
  const r = run.result;
  const errors = r?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = r?.findings.filter((f) => f.severity === 'warning').length ?? 0;
  if (r?.healthy)
    return (
      <div role="status" className={`${base} border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-200`} data-testid="verdict" data-state="healthy">
        <Icon name="check" className="size-4" />
        <span className="font-semibold">Healthy.</span> Every step passed in {fmtMs(r.ms)}
        {warnings ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.
      </div>
    );
  return (
    <div role="status" className={`${base} border-red-300 bg-red-50 text-red-900 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200`} data-testid="verdict" data-state="problems">
      <Icon name="alert" className="size-4" />
      <span className="font-semibold">
        {errors} problem{errors === 1 ? '' : 's'}
        {warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.
      </span>
      {r ? <span className="text-xs opacity-80">Run took {fmtMs(r.ms)}.</span> : null}
    </div>
  );
}
