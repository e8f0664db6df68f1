/** Export a session or a troubleshoot run (JSONL, text, pcapng, TLS key log); open exported JSONL logs read-only. */
import { useLogs } from '../../stores/logs';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { LogViewer } from './LogViewer';

export function LogsView(): React.JSX.Element {
  const selected = useLogs((s) => s.logs.find((l) => l.logId === s.selectedLogId) ?? null);
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="logs">
      <div className="grid shrink-0 grid-cols-1 gap-3 border-b border-line bg-panel p-4 lg:grid-cols-2">
        <ExportPanel />
        <ImportPanel />
      </div>
      {selected ? <LogViewer log={selected} /> : null}
    </div>
  );
}
