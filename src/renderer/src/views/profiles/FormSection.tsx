import type { ReactNode } from 'react';

export function FormSection({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }): React.JSX.Element {
  return (
    <fieldset className="rounded-lg border border-line bg-raised">
      <legend className="sr-only">{title}</legend>
      <div className="flex h-8 items-center border-b border-line px-3">
        <span className="text-xs font-semibold tracking-wide text-muted uppercase">{title}</span>
        <span className="ml-auto">{aside}</span>
      </div>
      <div className="p-3">{children}</div>
    </fieldset>
  );
}
