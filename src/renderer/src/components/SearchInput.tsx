import { useEffect, useRef } from 'react';
import { useUi } from '../stores/ui';
import { Icon } from './Icon';
import { Kbd } from './Kbd';

/** The view's search box; "/" focuses it from anywhere in the view. */
export function SearchInput({
  value,
  onChange,
  placeholder,
  className = 'w-56',
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  className?: string;
  label: string;
}): React.JSX.Element {
  const ref = useRef<HTMLInputElement>(null);
  const tick = useUi((s) => s.searchFocus);
  useEffect(() => {
    if (tick > 0) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [tick]);
  return (
    <div className={`relative flex items-center ${className}`}>
      <Icon name="search" className="pointer-events-none absolute left-2 size-3.5 text-faint" />
      <input
        ref={ref}
        type="search"
        aria-label={label}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            onChange('');
            ref.current?.blur();
          }
        }}
        className="h-7 w-full rounded-md border border-line-strong bg-canvas pr-7 pl-7 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 focus:outline-none"
      />
      {value === '' ? (
        <span className="pointer-events-none absolute right-1.5">
          <Kbd>/</Kbd>
        </span>
      ) : null}
    </div>
  );
}
