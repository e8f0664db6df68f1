import type { ReactNode } from 'react';

/** The strip of controls above a table, devtools style. */
export function Toolbar({ children, className = '' }: { children: ReactNode; className?: string }): React.JSX.Element {
  return (
    <div className={`flex min-h-9 shrink-0 flex-wrap items-center gap-1.5 border-b border-line bg-panel px-2 py-1 ${className}`}>
      {children}
    </div>
  );
}

export function ToolbarSep(): React.JSX.Element {
  return <span className="mx-1 h-4 w-px bg-line-strong" aria-hidden="true" />;
}

/** A label: value pair for toolbars and headers; the value is monospaced. */
export function Stat({ label, value, tone, testId, title }: { label: string; value: ReactNode; tone?: string; testId?: string; title?: string }): React.JSX.Element {
  return (
    <span className="inline-flex items-baseline gap-1 text-xs whitespace-nowrap text-muted" title={title}>
      {label}
      <span className={`num font-medium ${tone ?? 'text-fg'}`} data-testid={testId}>
        {value}
      </span>
    </span>
  );
}

/** A titled block inside a view. */
export function Section({
  title,
  actions,
  children,
  className = '',
  testId,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}): React.JSX.Element {
  return (
    <section className={`rounded-lg border border-line bg-raised ${className}`} data-testid={testId}>
      <header className="flex h-8 items-center gap-2 border-b border-line px-3">
        <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</h3>
        <div className="ml-auto flex items-center gap-1.5">{actions}</div>
      </header>
      {children}
    </section>
  );
}
