/**
 * Keyboard shortcuts. Global ones (views, "/", "?", theme) live in useGlobalShortcuts;
 * a view adds its own with useShortcut while it is on screen.
 */
import { useEffect, useRef } from 'react';
import { useUi, viewIds } from '../stores/ui';

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

function inDialog(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

export const globalShortcuts: { keys: string; what: string }[] = [
  { keys: 'Mod+1 … Mod+9', what: 'Switch view (Profiles, Overview, Versions, In-flight, Closes, Event log, Latency, Troubleshoot, Export/Import)' },
  { keys: 'Alt+1 … Alt+9', what: 'Same, where the browser keeps Mod+digit for its tabs' },
  { keys: '/', what: 'Focus the search box of the view' },
  { keys: '?', what: 'Show this list' },
  { keys: 'T', what: 'Toggle light / dark theme' },
  { keys: '[ and ]', what: 'Previous / next session' },
  { keys: 'Esc', what: 'Close a dialog or the details panel; clear the search box' },
];

export function useGlobalShortcuts(onSession: (delta: number) => void): void {
  const cb = useRef(onSession);
  useEffect(() => {
    cb.current = onSession;
  });
  useEffect(() => listenForGlobalKeys(cb), []);
}

/** Outside the hook so the listener keeps no render's scope alive (see listenForKey). */
function listenForGlobalKeys(cb: { current: (delta: number) => void }): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const ui = useUi.getState();
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
    if (digit && (e.ctrlKey || e.metaKey || e.altKey) && !e.shiftKey) {
      const view = viewIds[Number(digit) - 1];
      if (view) {
        e.preventDefault();
        ui.setView(view);
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || inDialog()) return;
    if (e.key === '/') {
      e.preventDefault();
      ui.focusSearch();
    } else if (e.key === '?') {
      e.preventDefault();
      ui.setShortcutsOpen(!ui.shortcutsOpen);
    } else if (e.key === 't' || e.key === 'T') {
      ui.toggleTheme();
    } else if (e.key === '[') {
      cb.current(-1);
    } else if (e.key === ']') {
      cb.current(1);
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** A single-key shortcut for the view on screen (ignored while typing or in a dialog). */
export function useShortcut(key: string, handler: () => void, enabled = true): void {
  const cb = useRef(handler);
  useEffect(() => {
    cb.current = handler;
  });
  useEffect(() => (enabled ? listenForKey(key, cb) : undefined), [key, enabled]);
}

/**
 * Outside the hook on purpose: a listener made inside it would share the hook's closure scope,
 * and so keep the first render's `handler` (and everything that render's view held, such as a
 * whole event window) alive for as long as the view is on screen.
 */
function listenForKey(key: string, cb: { current: () => void }): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || inDialog()) return;
    if (e.key === key || (key.length === 1 && e.key.toLowerCase() === key)) {
      e.preventDefault();
      cb.current();
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
