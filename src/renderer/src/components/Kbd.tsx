import type { ReactNode } from 'react';

export function Kbd({ children }: { children: ReactNode }): React.JSX.Element {
  return (
    <kbd className="inline-flex h-[18px] min-w-[18px] items-center justify-center rounded border border-line-strong bg-panel px-1 font-mono text-[10px] text-muted shadow-[inset_0_-1px_0_var(--bs-line-strong)]">
      {children}
    </kbd>
  );
}

/** "Ctrl" on Linux and Windows, "⌘" on macOS. */
export const modKey = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
