/** Form controls with one look: text input, select, switch, segmented choice. */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

const box =
  'h-7 rounded-md border border-line-strong bg-canvas px-2 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/20 disabled:opacity-60';

export function TextInput({ className = '', invalid, ...rest }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }): React.JSX.Element {
  return (
    <input
      className={`${box} ${invalid ? 'border-red-500 focus:border-red-500 focus:ring-red-500/20' : ''} ${className}`}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

export function TextArea({
  className = '',
  invalid,
  ...rest
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean }): React.JSX.Element {
  return (
    <textarea
      className={`rounded-md border border-line-strong bg-canvas px-2 py-1 font-mono text-xs text-fg placeholder:text-faint focus:border-accent focus:ring-2 focus:ring-accent/20 focus:outline-none ${
        invalid ? 'border-red-500' : ''
      } ${className}`}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}

export function Select({ className = '', children, ...rest }: SelectHTMLAttributes<HTMLSelectElement>): React.JSX.Element {
  return (
    <select className={`${box} select-chevron appearance-none pr-7 ${className}`} {...rest}>
      {children}
    </select>
  );
}

export function Switch({
  checked,
  onChange,
  label,
  tone = 'accent',
  testId,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  label: string;
  tone?: 'accent' | 'danger';
  testId?: string;
}): React.JSX.Element {
  const on = tone === 'danger' ? 'bg-red-500' : 'bg-accent';
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      data-testid={testId}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-4 w-7 shrink-0 items-center rounded-full transition-colors ${checked ? on : 'bg-line-strong'}`}
    >
      <span className={`inline-block size-3 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-3.5' : 'translate-x-0.5'}`} />
    </button>
  );
}

/** A row of mutually exclusive choices (radio group). */
export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  size = 'sm',
}: {
  value: T;
  options: readonly { value: T; label: ReactNode; title?: string }[];
  onChange: (v: T) => void;
  label: string;
  size?: 'xs' | 'sm';
}): React.JSX.Element {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex w-fit rounded-md border border-line-strong bg-panel p-0.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          title={o.title}
          onClick={() => onChange(o.value)}
          className={`rounded px-2 font-medium whitespace-nowrap transition-colors ${size === 'xs' ? 'h-5 text-[11px]' : 'h-6 text-xs'} ${
            value === o.value ? 'bg-raised text-fg shadow-xs ring-1 ring-line-strong' : 'text-muted hover:text-fg'
          }`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** A labelled form field with inline help and its validation error. */
export function Field({
  label,
  help,
  error,
  children,
  htmlFor,
  className = '',
  optional,
}: {
  label: ReactNode;
  help?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  htmlFor?: string;
  className?: string;
  optional?: boolean;
}): React.JSX.Element {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={htmlFor} className="text-xs font-medium text-fg">
        {label}
        {optional ? <span className="ml-1 font-normal text-faint">optional</span> : null}
      </label>
      {children}
      {error ? (
        <p className="text-xs text-red-600 dark:text-red-400" role="alert" data-testid="field-error">
          {error}
        </p>
      ) : help ? (
        <p className="text-[11.5px] leading-snug text-muted">{help}</p>
      ) : null}
    </div>
  );
}

/** An id for a label/input pair. */
export function useFieldId(prefix: string): string {
  return `${prefix}-${useId().replace(/:/g, '')}`;
}
