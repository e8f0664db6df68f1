import { useApp, type ViewId } from '../store';

const ITEMS: { id: ViewId; label: string }[] = [
  { id: 'profiles', label: 'Profiles' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'troubleshoot', label: 'Troubleshoot' },
  { id: 'logs', label: 'Logs' },
];

export function Nav(): React.JSX.Element {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <nav aria-label="Main" className="flex w-48 flex-col gap-1 border-r border-slate-200 bg-slate-50 p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-4 px-2 text-lg font-semibold tracking-tight">Brokerscope</div>
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          aria-current={view === item.id ? 'page' : undefined}
          onClick={() => setView(item.id)}
          className={`rounded px-2 py-1.5 text-left text-sm ${
            view === item.id ? 'bg-slate-200 font-medium dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800/60'
          }`}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
