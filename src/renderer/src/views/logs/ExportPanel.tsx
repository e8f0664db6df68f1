/** What to export (a session, a run), in which format, hosts masked or not. */
import { useState } from 'react';
import type { ExportFormat, ExportSource } from '@shared/api/contract';
import { fire } from '../../lib/api-client';
import { fmtClock } from '../../lib/format';
import { useEvents } from '../../stores/events';
import { useLogs } from '../../stores/logs';
import { useSessions } from '../../stores/sessions';
import { useTroubleshoot } from '../../stores/troubleshoot';
import { Button } from '../../components/Button';
import { Segmented, Select, Switch } from '../../components/controls';
import { Section } from '../../components/Toolbar';

const formats: { id: ExportFormat; label: string; what: string }[] = [
  { id: 'jsonl', label: 'JSON Lines', what: 'The full record, machine-readable; opens back in Brokerscope.' },
  { id: 'text', label: 'Text log', what: 'For reading, or pasting into a ticket.' },
  { id: 'pcapng', label: 'pcapng', what: 'The Kafka frames with their timing, for Wireshark / tshark (needs frame capture: troubleshoot runs always have it).' },
  { id: 'keylog', label: 'TLS key log', what: 'Decrypts a capture of the real traffic in Wireshark (troubleshoot runs started with “key log”).' },
];

export function ExportPanel(): React.JSX.Element {
  const summaries = useSessions((s) => s.summaries);
  const activeId = useSessions((s) => s.activeId);
  const connect = useSessions((s) => s.connect);
  const reconnect = useSessions((s) => s.reconnect);
  const runs = useTroubleshoot((s) => s.runs);
  const order = useTroubleshoot((s) => s.order);
  const exportLog = useLogs((s) => s.exportLog);
  const [sourceKey, setSourceKey] = useState<string | null>(null);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [maskHosts, setMaskHosts] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finishedRuns = order.map((id) => runs[id]).filter((r) => r && r.status !== 'running');
  const key = sourceKey ?? (activeId ? `session:${activeId}` : finishedRuns.length ? `run:${finishedRuns[finishedRuns.length - 1]!.runId}` : '');
  const [kind, id] = key.split(':') as ['session' | 'run' | '', string];
  const source: ExportSource | null = kind === 'session' ? { kind: 'session', sessionId: id } : kind === 'run' ? { kind: 'troubleshoot', runId: id } : null;
  const session = kind === 'session' ? summaries.find((s) => s.sessionId === id) : undefined;
  const frames = useEvents((s) => (kind === 'session' ? (s.bySession[id]?.derived.framesSeen ?? 0) : 0));
  const run = kind === 'run' ? runs[id] : undefined;

  const go = async (): Promise<void> => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      await exportLog(source, format, maskHosts);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Export">
      <div className="flex flex-col gap-3 p-3 text-[13px]">
        <label className="flex items-center gap-2 text-xs text-muted">
          Source
          <Select value={key} onChange={(e) => setSourceKey(e.target.value)} aria-label="Export source" data-testid="export-source" className="min-w-0 flex-1">
            {key === '' ? <option value="">nothing to export yet</option> : null}
            {summaries.map((s) => (
              <option key={s.sessionId} value={`session:${s.sessionId}`}>
                Session · {s.profileName} ({s.status})
              </option>
            ))}
            {finishedRuns.map((r) => (
              <option key={r!.runId} value={`run:${r!.runId}`}>
                Troubleshoot · {r!.profileName} {r!.startedAt ? fmtClock(r!.startedAt).slice(0, 8) : ''}
              </option>
            ))}
          </Select>
        </label>
        <div className="flex flex-col gap-1">
          <Segmented<ExportFormat> label="Format" value={format} onChange={setFormat} options={formats.map((f) => ({ value: f.id, label: f.label }))} />
          <p className="text-xs text-muted">{formats.find((f) => f.id === format)?.what}</p>
        </div>
        {format === 'pcapng' && session && frames === 0 ? (
          <p className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 dark:bg-amber-400/10 dark:text-amber-200">
            This session has not captured frames.
            <Button
              size="xs"
              onClick={() =>
                fire(
                  connect(session.profileId, { captureFrames: true }).then(() => reconnect(session.sessionId)),
                )
              }
            >
              Reconnect with frame capture
            </Button>
          </p>
        ) : null}
        {format === 'keylog' && kind === 'session' ? <p className="text-xs text-muted">Key logs come from troubleshoot runs started with “key log” on a TLS profile.</p> : null}
        {format === 'keylog' && run && !run.keyLog ? <p className="text-xs text-muted">This run did not keep a TLS key log.</p> : null}
        <label className="flex items-center gap-2 text-xs">
          <Switch checked={maskHosts} onChange={setMaskHosts} label="Mask host names" />
          Mask host names and addresses (for sharing outside your team)
        </label>
        <div className="flex items-center gap-3">
          <Button variant="primary" icon="download" busy={busy} disabled={!source} onClick={() => fire(go())} data-testid="logs-export">
            Export
          </Button>
          <span className="text-[11px] text-muted">Always redacted: no password, token, SASL payload or private key leaves.</span>
        </div>
        {error ? (
          <p role="alert" className="text-xs break-words text-red-600 dark:text-red-400" data-testid="export-error">
            {error}
          </p>
        ) : null}
      </div>
    </Section>
  );
}
