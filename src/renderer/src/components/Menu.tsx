/** A small dropdown menu: a button, and a list of actions under it. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from './Button';
import { Icon } from './Icon';

export interface MenuItem {
  label: ReactNode;
  hint?: string;
  onSelect: () => void;
  disabled?: boolean;
  testId?: string;
}

export function Menu({
  label,
  items,
  button,
  align = 'right',
  testId,
}: {
  label: ReactNode;
  items: (MenuItem | 'sep')[];
  button?: Omit<ButtonProps, 'onClick'>;
  align?: 'left' | 'right';
  testId?: string;
}): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <Button {...button} aria-haspopup="menu" aria-expanded={open} data-testid={testId} onClick={() => setOpen(!open)}>
        {label}
        <Icon name="chevronDown" className="size-3 opacity-70" />
      </Button>
      {open ? (
        <div
          role="menu"
          className={`absolute top-full z-30 mt-1 min-w-56 rounded-md border border-line-strong bg-raised p-1 shadow-xl ${align === 'right' ? 'right-0' : 'left-0'}`}
        >
          {items.map((item, i) =>
            item === 'sep' ? (
              <div key={`sep-${i}`} className="my-1 h-px bg-line" />
            ) : (
              <button
                key={i}
                type="button"
                role="menuitem"
                data-testid={item.testId}
                disabled={item.disabled}
                onClick={() => {
                  setOpen(false);
                  item.onSelect();
                }}
                className="flex h-7 w-full items-center gap-3 rounded px-2 text-left text-[13px] hover:bg-hover disabled:opacity-50"
              >
                <span className="flex-1">{item.label}</span>
                {item.hint ? <span className="text-[11px] text-faint">{item.hint}</span> : null}
              </button>
            ),
          )}
        </div>
      ) : null}
    </div>
  );
}
