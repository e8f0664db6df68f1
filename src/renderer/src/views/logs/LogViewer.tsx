/** An opened log, read-only: its header, its diagnosis, and its events. */
import { useState } from 'react';
import type { LogSummary } from '@shared/api/contract';
import { fire } from '../../lib/api-client';
import { fmtInt } from '../../lib/format';
import { useLogs } from '../../stores/logs';
import { Badge } from '../../components/Badge';
import { Button, IconButton } from '../../components/Button';
import { FindingsList } from '../../components/FindingsList';
import { Tree } from '../../components/Tree';
import { VirtualTable } from '../../components/VirtualTable';
import { eventColumns, summaryOf } from '../events/columns';

export function LogViewer({ log }: { log: LogSummary }): React.JSX.Element {
  const open = useLogs((s) => s.open[log.logId]);
  const loadOlder = useLogs((s) => s.loadOlder);
  const [selected, setSelected] = useState<number | null>(null);
  const events = open?.events ?? [];
  const sel = selected !== null ? (events.find((r) => r.seq === selected) ?? null) : null;
  const h = log.header;
  return (
    <div className="flex min-h-0 flex-1" data-testid="log-viewer">
      <aside className="flex w-[420px] shrink-0 flex-col overflow-y-auto border-r border-line">
        {sel ? (
          <>
            <header className="flex h-9 shrink-0 items-center gap-2 border-b border-line pr-1 pl-3">
              <span className="font-mono text-[12px] font-semibold">{sel.event.type}</span>
              <span className="num text-muted">#{sel.seq}</span>
              <IconButton icon="x" label="Back to the diagnosis" className="ml-auto" onClick={() => setSelected(null)} />
            </header>
            <div className="p-3" aria-label="Event details" role="region">
              <p className="mb-2 text-xs break-words text-muted">{summaryOf(sel)}</p>
              <Tree value={sel.event} name="event" open={2} />
            </div>
          </>
        ) : (
          <>
            <div className="border-b border-line px-3 py-2">
              <h2 className="truncate text-[14px] font-semibold">{log.fileName}</h2>
              <p className="text-xs text-muted">
                {h.source.kind}
                {h.source.label ? ` · ${h.source.label}` : ''} · created {h.createdAt.replace('T', ' ').slice(0, 19)} · {h.app.name} {h.app.version}
              </p>
              <div className="mt-1 flex flex-wrap gap-1.5">
                <Badge tone="neutral">{fmtInt(log.events)} events</Badge>
                <Badge tone="ok">secrets {h.redaction.secrets}</Badge>
                <Badge tone={h.redaction.hosts === 'masked' ? 'info' : 'neutral'}>hosts {h.redaction.hosts}</Badge>
              </div>
              {log.warnings.length > 0 ? (
                <ul className="mt-2 text-[11px] text-amber-700 dark:text-amber-400">
                  {log.warnings.slice(0, 5).map((w, i) => (
                    <li key={i}>
                      line {w.line}: {w.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div className="border-b border-line bg-panel px-3 py-1 text-xs font-semibold tracking-wide text-muted uppercase">Diagnosis ({log.findings.length})</div>
            <FindingsList findings={log.findings} empty="The diagnosis found no problem in these events." />
          </>
        )}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex h-8 shrink-0 items-center gap-2 border-b border-line bg-panel px-2 text-xs text-muted">
          <span>
            Events <span className="num text-fg">{fmtInt(events.length)}</span> of <span className="num">{fmtInt(log.events)}</span>
          </span>
          {open?.hasMore ? (
            <Button size="xs" icon="upload" busy={open.loading} onClick={() => fire(loadOlder(log.logId))}>
              Load older
            </Button>
          ) : null}
        </div>
        <div className="flex min-h-0 flex-1">
          <VirtualTable
            rows={events}
            columns={eventColumns}
            rowKey={(r) => String(r.seq)}
            selectedKey={selected !== null ? String(selected) : null}
            onSelect={(r) => setSelected(r.seq)}
            label="Log events"
            testId="log-events"
            rowTestId="log-event-row"
            empty={<p className="p-6 text-center text-xs text-muted">{open?.loading ? 'Reading…' : 'No events.'}</p>}
          />
        </div>
      </div>
    </div>
  );
}
