/** Open an exported JSONL log: it is diagnosed and listed here, read-only. */
import { useState } from 'react';
import { fire } from '../../lib/api-client';
import { fmtClock, fmtInt } from '../../lib/format';
import { useLogs } from '../../stores/logs';
import { IconButton } from '../../components/Button';
import { Section } from '../../components/Toolbar';

export function ImportPanel(): React.JSX.Element {
  const logs = useLogs((s) => s.logs);
  const selectedLogId = useLogs((s) => s.selectedLogId);
  const importing = useLogs((s) => s.importing);
  const importFile = useLogs((s) => s.importFile);
  const select = useLogs((s) => s.select);
  const close = useLogs((s) => s.close);
  const [over, setOver] = useState(false);
  const take = (f: File | undefined): void => {
    if (f) fire(f.text().then((text) => importFile(f.name, text)));
  };
  return (
    <Section title="Open an exported log">
      <div className="flex flex-col gap-3 p-3 text-[13px]">
        <label
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            take(e.dataTransfer.files[0]);
          }}
          className={`flex cursor-pointer flex-col items-center gap-1 rounded-md border border-dashed px-3 py-4 text-center text-xs ${over ? 'border-accent bg-accent-soft' : 'border-line-strong text-muted hover:bg-hover'}`}
        >
          <span>
            <b className="text-fg">{importing ? 'Opening…' : 'Choose a .jsonl file'}</b> or drop it here
          </span>
          <span className="text-[11px]">Exported by Brokerscope or by brokerscope probe --jsonl. It is diagnosed on opening; nothing is changed.</span>
          <input type="file" accept=".jsonl,.ndjson,application/x-ndjson" className="sr-only" aria-label="Exported log file" data-testid="import-log-file" onChange={(e) => take(e.target.files?.[0])} />
        </label>
        {logs.length > 0 ? (
          <ul className="flex flex-col rounded-md border border-line" aria-label="Opened logs">
            {logs.map((l) => {
              const errors = l.findings.filter((f) => f.severity === 'error').length;
              return (
                <li key={l.logId} className={`flex items-center gap-2 border-b border-line px-2 py-1 last:border-0 ${l.logId === selectedLogId ? 'bg-selected' : 'hover:bg-hover'}`}>
                  <button type="button" className="flex min-w-0 flex-1 items-center gap-2 text-left" onClick={() => select(l.logId)} data-testid="opened-log">
                    <span className="truncate font-medium">{l.fileName}</span>
                    <span className="num text-[11px] text-muted">{fmtInt(l.events)} events</span>
                    <span className={`text-[11px] ${errors ? 'text-red-600 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}>{errors ? `${errors} problem${errors === 1 ? '' : 's'}` : 'no problem found'}</span>
                    <span className="num ml-auto text-[11px] text-faint">{fmtClock(l.importedAt).slice(0, 8)}</span>
                  </button>
                  <IconButton icon="x" label={`Close ${l.fileName}`} onClick={() => fire(close(l.logId))} />
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </Section>
  );
}
