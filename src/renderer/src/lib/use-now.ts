/** A shared ticking clock: components showing ages re-render on its beat, one timer per interval. */
import { useSyncExternalStore } from 'react';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
  subscribe: (onChange: () => void) => () => void;
  snapshot: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const c: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: null,
    subscribe(onChange) {
      c.listeners.add(onChange);
      if (!c.timer) {
        c.now = Date.now();
        c.timer = setInterval(() => {
          c.now = Date.now();
          for (const l of c.listeners) l();
        }, intervalMs);
      }
      return () => {
        c.listeners.delete(onChange);
        if (c.listeners.size === 0 && c.timer) {
          clearInterval(c.timer);
          c.timer = null;
        }
      };
    },
    snapshot: () => c.now,
  };
  clocks.set(intervalMs, c);
  return c;
}

const still = (): (() => void) => () => undefined;

/** The current time, refreshed every `intervalMs` while `enabled`. */
export function useNow(intervalMs = 1000, enabled = true): number {
  const c = clockFor(intervalMs);
  return useSyncExternalStore(enabled ? c.subscribe : still, c.snapshot);
}
