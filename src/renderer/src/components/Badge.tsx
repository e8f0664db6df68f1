import type { ReactNode } from 'react';
import { badgeTone, dotTone, type Tone } from '../lib/tone';

export function Badge({
  tone = 'neutral',
  children,
  className = '',
  title,
  mono,
}: {
  tone?: Tone;
  children: ReactNode;
  className?: string;
  title?: string;
  mono?: boolean;
}): React.JSX.Element {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] leading-4 font-medium whitespace-nowrap ring-1 ring-inset ${
        mono ? 'font-mono' : ''
      } ${badgeTone[tone]} ${className}`}
    >
      {children}
    </span>
  );
}

export function Dot({ tone, pulse, title }: { tone: Tone; pulse?: boolean; title?: string }): React.JSX.Element {
  return (
    <span className="relative inline-flex size-2 shrink-0" title={title}>
      {pulse ? <span className={`absolute inline-flex size-full animate-ping rounded-full opacity-60 ${dotTone[tone]}`} /> : null}
      <span className={`relative inline-flex size-2 rounded-full ${dotTone[tone]}`} />
    </span>
  );
}

/** A coloured chip for a profile tag (environment). */
export function TagChip({ name, color, onClick, active }: { name: string; color: string; onClick?: () => void; active?: boolean }): React.JSX.Element {
  const style = { color, borderColor: `${color}66`, backgroundColor: active === false ? 'transparent' : `${color}1a` };
  const cls = 'inline-flex items-center gap-1 rounded-full border px-1.5 text-[11px] leading-4 font-medium whitespace-nowrap';
  if (onClick)
    return (
      <button type="button" onClick={onClick} aria-pressed={active} className={`${cls} ${active === false ? 'opacity-60 hover:opacity-100' : ''}`} style={style}>
        {name}
      </button>
    );
  return (
    <span className={cls} style={style}>
      {name}
    </span>
  );
}
