/** DNS → TCP → TLS → APIVERSION → AUTH → READY: where the connection is, and how long each step took. */
import type { ConnStateName } from '@shared/api/kafka-events';
import type { ConnInfo } from '../../lib/derive';
import { fmtMs } from '../../lib/format';
import { useNow } from '../../lib/use-now';

const STEPS = [
  { id: 'DNS', states: ['DNS'] },
  { id: 'TCP', states: ['TCP_CONNECT'] },
  { id: 'TLS', states: ['TLS_HANDSHAKE'] },
  { id: 'APIVERSION', states: ['APIVERSION_QUERY'] },
  { id: 'AUTH', states: ['AUTH_HANDSHAKE', 'AUTH', 'REAUTH'] },
  { id: 'READY', states: ['READY'] },
] as const;

type StepId = (typeof STEPS)[number]['id'];

function stepOf(state: ConnStateName): StepId | null {
  return STEPS.find((s) => (s.states as readonly string[]).includes(state))?.id ?? null;
}

export function StateMachine({ conn, state, usesTls, usesSasl }: { conn: ConnInfo | null; state: ConnStateName; usesTls: boolean; usesSasl: boolean }): React.JSX.Element {
  const now = useNow(250);
  const spent = new Map<StepId, number>();
  const visited = new Set<StepId>();
  for (const st of conn?.steps ?? []) {
    const from = stepOf(st.from);
    if (from) {
      spent.set(from, (spent.get(from) ?? 0) + st.ms);
      visited.add(from);
    }
    const to = stepOf(st.to);
    if (to) visited.add(to);
  }
  const current = stepOf(state);
  const closed = state === 'CLOSED' || state === 'CLOSING';
  const close = conn?.close ?? null;
  const failedAt = close && close.reason !== 'SHUTDOWN' && close.reason !== 'IDLE_DROP' ? stepOf(close.state) : null;
  const currentIndex = current ? STEPS.findIndex((s) => s.id === current) : -1;
  return (
    <ol className="grid grid-cols-6 gap-px overflow-hidden rounded-md border border-line bg-line" aria-label="Connection state" data-testid="state-machine">
      {STEPS.map((s, i) => {
        const skipped = (s.id === 'TLS' && !usesTls) || (s.id === 'AUTH' && !usesSasl);
        const isCurrent = s.id === current && !closed;
        const done = !skipped && (visited.has(s.id) || (currentIndex > i && !closed)) && !isCurrent;
        const failed = closed && s.id === failedAt;
        const ms = isCurrent && conn ? now - conn.stateSince : failed && close ? close.msInState : spent.get(s.id);
        let cls = 'bg-raised text-faint';
        if (skipped) cls = 'bg-panel text-faint';
        else if (failed) cls = 'bg-red-50 text-red-800 dark:bg-red-400/10 dark:text-red-300';
        else if (isCurrent && s.id === 'READY') cls = 'bg-emerald-50 text-emerald-800 dark:bg-emerald-400/10 dark:text-emerald-300';
        else if (isCurrent) cls = 'bg-sky-50 text-sky-800 dark:bg-sky-400/10 dark:text-sky-300';
        else if (done) cls = 'bg-raised text-fg';
        return (
          <li
            key={s.id}
            className={`flex flex-col px-2 py-1 ${cls}`}
            aria-current={isCurrent ? 'step' : undefined}
            data-failed={failed || undefined}
            title={skipped ? `${s.id}: not used by this security protocol` : failed && close ? `${close.reason} here: ${close.message}` : undefined}
          >
            <span className="flex items-center gap-1 text-[10.5px] font-semibold tracking-wide">
              {isCurrent ? <span className={`size-1.5 rounded-full ${s.id === 'READY' ? 'bg-emerald-500' : 'animate-pulse bg-sky-500'}`} /> : null}
              {failed ? <span aria-label="failed here">✗</span> : null}
              {s.id}
            </span>
            <span className="num text-[11px]">
              {skipped ? 'n/a' : ms !== undefined ? (isCurrent && s.id === 'READY' ? `for ${fmtMs(ms)}` : fmtMs(ms)) : done ? '—' : '·'}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
