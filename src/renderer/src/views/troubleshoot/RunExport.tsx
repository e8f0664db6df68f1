/** Export a finished run: JSONL, text, pcapng (runs always capture frames), and the TLS key log if kept. */
import { useState } from 'react';
import type { ExportFormat } from '@shared/api/contract';
import { fire } from '../../lib/api-client';
import { useLogs } from '../../stores/logs';
import type { RunState } from '../../stores/troubleshoot';
import { Button } from '../../components/Button';
import { Switch } from '../../components/controls';

const formats: { id: ExportFormat; label: string }[] = [
  { id: 'jsonl', label: 'JSON Lines' },
  { id: 'text', label: 'Text log' },
  { id: 'pcapng', label: 'pcapng' },
  { id: 'keylog', label: 'TLS key log' },
];

export function RunExport({ run }: { run: RunState }): React.JSX.Element {
  const exportLog = useLogs((s) => s.exportLog);
  const [mask, setMask] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const go = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    try {
      await exportLog({ kind: 'troubleshoot', runId: run.runId }, format, mask);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 p-3">
      {formats.map((f) => (
        <Button
          key={f.id}
          size="xs"
          icon="download"
          busy={busy === f.id}
          disabled={run.status === 'running' || (f.id === 'keylog' && !run.keyLog)}
          title={f.id === 'keylog' && !run.keyLog ? 'Start the run with “keep TLS key log” on a TLS profile' : undefined}
          data-testid={`run-export-${f.id}`}
          onClick={() => fire(go(f.id))}
        >
          {f.label}
        </Button>
      ))}
      <label className="ml-2 flex items-center gap-2 text-xs text-muted">
        <Switch checked={mask} onChange={setMask} label="Mask host names" />
        Mask host names
      </label>
    </div>
  );
}
