/** The toast area: every error from the main process lands here, never swallowed. */
import { useEffect } from 'react';
import { useUi, type Toast } from '../stores/ui';
import { fmtClock } from '../lib/format';
import { IconButton } from './Button';
import { Icon } from './Icon';

const tone: Record<Toast['level'], { ring: string; icon: string; name: 'alert' | 'info' }> = {
  error: { ring: 'border-l-red-500', icon: 'text-red-500', name: 'alert' },
  warning: { ring: 'border-l-amber-500', icon: 'text-amber-500', name: 'alert' },
  info: { ring: 'border-l-blue-500', icon: 'text-blue-500', name: 'info' },
};

function ToastItem({ toast }: { toast: Toast }): React.JSX.Element {
  const dismiss = useUi((s) => s.dismiss);
  // Information fades on its own; errors and warnings stay until dismissed.
  useEffect(() => {
    if (toast.level !== 'info') return;
    const t = setTimeout(() => dismiss(toast.id), 4000);
    return () => clearTimeout(t);
  }, [toast.id, toast.level, toast.time, dismiss]);
  const t = tone[toast.level];
  return (
    <div
      role={toast.level === 'error' ? 'alert' : 'status'}
      data-testid={`toast-${toast.level}`}
      className={`pointer-events-auto flex w-96 items-start gap-2.5 rounded-md border border-l-4 border-line-strong bg-raised py-2 pr-1 pl-3 shadow-lg ${t.ring}`}
    >
      <Icon name={t.name} className={`mt-0.5 size-4 ${t.icon}`} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <span className="text-[13px] font-semibold">{toast.title}</span>
          {toast.count > 1 ? <span className="num rounded bg-panel px-1 text-[10px] text-muted">×{toast.count}</span> : null}
          <span className="num ml-auto text-[10px] text-faint">{fmtClock(toast.time)}</span>
        </div>
        <p className="mt-0.5 line-clamp-4 text-xs break-words text-muted select-text" title={toast.message}>
          {toast.message}
        </p>
      </div>
      <IconButton icon="x" label="Dismiss" onClick={() => dismiss(toast.id)} />
    </div>
  );
}

export function Toasts(): React.JSX.Element {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="pointer-events-none fixed right-3 bottom-9 z-50 flex flex-col items-end gap-2" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
