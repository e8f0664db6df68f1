import type { ButtonHTMLAttributes } from 'react';
import { Icon, type IconName } from './Icon';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const variants: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110 border border-transparent shadow-xs',
  secondary: 'bg-raised text-fg border border-line-strong hover:bg-hover shadow-xs',
  ghost: 'text-muted hover:text-fg hover:bg-hover border border-transparent',
  danger:
    'bg-raised text-red-600 border border-red-300 hover:bg-red-50 dark:text-red-400 dark:border-red-400/40 dark:hover:bg-red-400/10',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: 'xs' | 'sm';
  icon?: IconName;
  /** Shortcut shown after the label. */
  kbd?: string;
  busy?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'sm',
  icon,
  kbd,
  busy,
  className = '',
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps): React.JSX.Element {
  const sizing = size === 'xs' ? 'h-6 px-2 text-xs gap-1' : 'h-7 px-2.5 text-[13px] gap-1.5';
  return (
    <button
      type={type}
      disabled={disabled || busy}
      className={`inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-50 ${sizing} ${variants[variant]} ${className}`}
      {...rest}
    >
      {busy ? <Spinner /> : icon ? <Icon name={icon} /> : null}
      {children}
      {kbd ? <kbd className="ml-1 font-mono text-[10px] opacity-60">{kbd}</kbd> : null}
    </button>
  );
}

export function Spinner({ className = 'size-3.5' }: { className?: string }): React.JSX.Element {
  return (
    <svg viewBox="0 0 16 16" className={`animate-spin ${className}`} aria-hidden="true">
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
      <path d="M14 8a6 6 0 0 0-6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A square icon-only button with an accessible label. */
export function IconButton({
  icon,
  label,
  active,
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { icon: IconName; label: string; active?: boolean }): React.JSX.Element {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active}
      className={`inline-flex size-7 shrink-0 items-center justify-center rounded-md transition-colors ${
        active ? 'bg-accent-soft text-accent' : 'text-muted hover:bg-hover hover:text-fg'
      } disabled:opacity-40 ${className}`}
      {...rest}
    >
      <Icon name={icon} className="size-4" />
    </button>
  );
}
