import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** What a newcomer sees where there is nothing yet: what this is, and what to do first. */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  testId,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}): React.JSX.Element {
  return (
    <div className="flex flex-1 items-center justify-center p-8" data-testid={testId}>
      <div className="max-w-md text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-panel text-faint ring-1 ring-line">
          <Icon name={icon} className="size-5" />
        </div>
        <h2 className="text-[15px] font-semibold text-fg">{title}</h2>
        {children ? <div className="mt-1.5 text-[13px] leading-relaxed text-muted">{children}</div> : null}
        {actions ? <div className="mt-4 flex flex-wrap justify-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
