/**
 * Status colours, one vocabulary for the whole UI: ok (green), warn (amber), err (red),
 * info (blue), pending (sky, something is under way), neutral (grey), plus two hues
 * for event categories (tls: violet, auth: teal).
 */
import type { ConnStateName, CloseReasonName } from '@shared/api/kafka-events';
import type { SessionStatus } from '@shared/api/session-snapshot';

export type Tone = 'ok' | 'warn' | 'err' | 'info' | 'pending' | 'neutral' | 'tls' | 'auth' | 'pool';

export const badgeTone: Record<Tone, string> = {
  ok: 'bg-emerald-50 text-emerald-700 ring-emerald-600/25 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/25',
  warn: 'bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/25',
  err: 'bg-red-50 text-red-700 ring-red-600/25 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/25',
  info: 'bg-blue-50 text-blue-700 ring-blue-600/20 dark:bg-blue-400/10 dark:text-blue-300 dark:ring-blue-400/25',
  pending: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/25',
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-400/10 dark:text-zinc-300 dark:ring-zinc-400/20',
  tls: 'bg-violet-50 text-violet-700 ring-violet-600/20 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/25',
  auth: 'bg-teal-50 text-teal-700 ring-teal-600/20 dark:bg-teal-400/10 dark:text-teal-300 dark:ring-teal-400/25',
  pool: 'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-400/10 dark:text-slate-300 dark:ring-slate-400/20',
};

export const dotTone: Record<Tone, string> = {
  ok: 'bg-emerald-500',
  warn: 'bg-amber-500',
  err: 'bg-red-500',
  info: 'bg-blue-500',
  pending: 'bg-sky-500',
  neutral: 'bg-zinc-400 dark:bg-zinc-500',
  tls: 'bg-violet-500',
  auth: 'bg-teal-500',
  pool: 'bg-slate-400',
};

export const textTone: Record<Tone, string> = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warn: 'text-amber-700 dark:text-amber-400',
  err: 'text-red-600 dark:text-red-400',
  info: 'text-blue-700 dark:text-blue-400',
  pending: 'text-sky-700 dark:text-sky-400',
  neutral: 'text-muted',
  tls: 'text-violet-700 dark:text-violet-400',
  auth: 'text-teal-700 dark:text-teal-400',
  pool: 'text-slate-600 dark:text-slate-400',
};

/** Hex colours for charts (uPlot draws on a canvas, outside CSS classes). */
export const chartColors = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899', '#64748b'];

export function sessionTone(s: SessionStatus): Tone {
  switch (s) {
    case 'connected':
      return 'ok';
    case 'connecting':
    case 'disconnecting':
      return 'pending';
    case 'failed':
      return 'err';
    case 'disconnected':
      return 'neutral';
  }
}

export function connStateTone(s: ConnStateName): Tone {
  if (s === 'READY') return 'ok';
  if (s === 'CLOSED') return 'neutral';
  if (s === 'CLOSING') return 'warn';
  if (s === 'REAUTH') return 'auth';
  return 'pending';
}

export function closeReasonTone(r: CloseReasonName): Tone {
  switch (r) {
    case 'SHUTDOWN':
      return 'neutral';
    case 'IDLE_DROP':
      return 'info';
    case 'CONNECTION_TIMEOUT':
      return 'warn';
    default:
      return 'err';
  }
}

/** Hex for a close reason, for the timeline markers. */
export function closeReasonColor(r: CloseReasonName): string {
  switch (r) {
    case 'SHUTDOWN':
      return '#71717a';
    case 'IDLE_DROP':
      return '#3b82f6';
    case 'CONNECTION_TIMEOUT':
      return '#f59e0b';
    default:
      return '#ef4444';
  }
}
