/**
 * The UI's own state: which view is open, the theme, the host connection, and the toast
 * area where every error from the main process ends up (never swallowed).
 */
import { create } from 'zustand';
import type { Result } from '@shared/api/contract';

export const viewIds = [
  'profiles',
  'overview',
  'versions',
  'inflight',
  'closes',
  'events',
  'latency',
  'troubleshoot',
  'logs',
] as const;
export type ViewId = (typeof viewIds)[number];

export const viewLabels: Record<ViewId, string> = {
  profiles: 'Profiles',
  overview: 'Overview',
  versions: 'Versions',
  inflight: 'In-flight',
  closes: 'Closes',
  events: 'Event log',
  latency: 'Latency',
  troubleshoot: 'Troubleshoot',
  logs: 'Export / Import',
};

export type Theme = 'light' | 'dark';
const THEME_KEY = 'brokerscope.theme';

export interface Toast {
  id: number;
  level: 'info' | 'warning' | 'error';
  title: string;
  message: string;
  time: number;
  count: number;
}

export type HostState =
  | { kind: 'connecting' }
  | { kind: 'ready'; version: Result<'app.version'>; transport: 'ipc' | 'websocket' }
  | { kind: 'failed'; message: string };

interface UiState {
  view: ViewId;
  theme: Theme;
  host: HostState;
  toasts: Toast[];
  shortcutsOpen: boolean;
  /** Bumped by "/": the open view's search box focuses itself. */
  searchFocus: number;
  /** The profile the Troubleshoot view was opened for. */
  troubleshootProfileId: string | null;
  setView(view: ViewId): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  setHost(host: HostState): void;
  notify(level: Toast['level'], title: string, message: string): void;
  dismiss(id: number): void;
  setShortcutsOpen(open: boolean): void;
  focusSearch(): void;
  openTroubleshoot(profileId: string): void;
}

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage unavailable: fall through to the system preference
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle('dark', theme === 'dark');
}

let nextToast = 1;

export const useUi = create<UiState>((set, get) => ({
  view: 'profiles',
  theme: initialTheme(),
  host: { kind: 'connecting' },
  toasts: [],
  shortcutsOpen: false,
  searchFocus: 0,
  troubleshootProfileId: null,
  setView: (view) => set({ view }),
  setTheme(theme) {
    try {
      localStorage.setItem(THEME_KEY, theme); // the theme only: nothing else goes to localStorage
    } catch {
      // not fatal: the choice just won't persist
    }
    applyTheme(theme);
    set({ theme });
  },
  toggleTheme: () => get().setTheme(get().theme === 'dark' ? 'light' : 'dark'),
  setHost: (host) => set({ host }),
  notify(level, title, message) {
    set((s) => {
      // The same message again bumps a counter instead of stacking copies.
      const same = s.toasts.find((t) => t.level === level && t.title === title && t.message === message);
      if (same) return { toasts: s.toasts.map((t) => (t === same ? { ...t, count: t.count + 1, time: Date.now() } : t)) };
      const toast: Toast = { id: nextToast++, level, title, message, time: Date.now(), count: 1 };
      return { toasts: [...s.toasts.slice(-5), toast] };
    });
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  focusSearch: () => set((s) => ({ searchFocus: s.searchFocus + 1 })),
  openTroubleshoot: (profileId) => set({ troubleshootProfileId: profileId, view: 'troubleshoot' }),
}));

/** Reports an error where the user will see it; returns the message. */
export function reportError(title: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  useUi.getState().notify('error', title, message);
  return message;
}
