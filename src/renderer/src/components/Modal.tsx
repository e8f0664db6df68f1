/** A dialog over the app: Escape or the backdrop closes it; focus moves into it. */
import { useEffect, useRef, type ReactNode } from 'react';
import { IconButton } from './Button';

export function Modal({
  title,
  onClose,
  children,
  footer,
  width = 'max-w-lg',
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: string;
  testId?: string;
}): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button:not([aria-label="Close"])');
    (first ?? ref.current)?.focus();
    // Escape closes the top dialog wherever the focus is.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const dialogs = document.querySelectorAll('[role="dialog"]');
      if (dialogs[dialogs.length - 1] !== ref.current) return;
      e.preventDefault();
      close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      prev?.focus?.();
    };
  }, []);
  return (
    <div
      className="fixed inset-0 z-40 flex items-start justify-center bg-black/40 p-4 pt-[10vh] backdrop-blur-[1px]"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        tabIndex={-1}
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        className={`flex max-h-[80vh] w-full flex-col rounded-lg focus:outline-none border border-line-strong bg-raised shadow-2xl ${width}`}
      >
        <header className="flex h-10 shrink-0 items-center border-b border-line pr-1.5 pl-4">
          <h2 className="text-sm font-semibold">{title}</h2>
          <IconButton icon="x" label="Close" className="ml-auto" onClick={onClose} />
        </header>
        <div className="min-h-0 overflow-auto p-4">{children}</div>
        {footer ? <footer className="flex shrink-0 justify-end gap-2 border-t border-line px-4 py-2.5">{footer}</footer> : null}
      </div>
    </div>
  );
}
