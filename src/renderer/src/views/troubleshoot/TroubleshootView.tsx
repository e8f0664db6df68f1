/** Walk a profile through DNS, TCP, TLS, ApiVersions, SASL, Metadata and every broker; say what failed and how to fix it. */
import { useState } from 'react';
import { fire } from '../../lib/api-client';
import { fmtClock, fmtMs } from '../../lib/format';
import { useProfiles } from '../../stores/profiles';
import { useTroubleshoot } from '../../stores/troubleshoot';
import { useUi } from '../../stores/ui';
import { Button } from '../../components/Button';
import { Select, Switch, TextInput } from '../../components/controls';
import { EmptyState } from '../../components/EmptyState';
import { FindingsList } from '../../components/FindingsList';
import { Section, Toolbar, ToolbarSep } from '../../components/Toolbar';
import { BrokerChecks } from './BrokerChecks';
import { RunExport } from './RunExport';
import { StepList } from './StepList';
import { Verdict } from './Verdict';
import { probeCommand } from './cli-command';

export function TroubleshootView(): React.JSX.Element {
  const profiles = useProfiles((s) => s.profiles);
  const fallbackId = useProfiles((s) => s.selectedId);
  const wanted = useUi((s) => s.troubleshootProfileId);
  const setView = useUi((s) => s.setView);
  const runs = useTroubleshoot((s) => s.runs);
  const order = useTroubleshoot((s) => s.order);
  const selectedRunId = useTroubleshoot((s) => s.selectedRunId);
  const starting = useTroubleshoot((s) => s.starting);
  const start = useTroubleshoot((s) => s.start);
  const cancel = useTroubleshoot((s) => s.cancel);
  const selectRun = useTroubleshoot((s) => s.select);
  const [picked, setPicked] = useState<string | null>(null);
  const [topics, setTopics] = useState('');
  const [keyLog, setKeyLog] = useState(false);
  const id = picked ?? wanted ?? fallbackId;
  const profile = profiles.find((p) => p.id === id) ?? profiles[0] ?? null;
  const run = selectedRunId ? (runs[selectedRunId] ?? null) : null;
  const tlsProfile = profile?.securityProtocol === 'SSL' || profile?.securityProtocol === 'SASL_SSL';

  if (profiles.length === 0)
    return (
      <EmptyState icon="stethoscope" title="Nothing to troubleshoot yet" actions={<Button variant="primary" onClick={() => setView('profiles')}>Create a profile</Button>}>
        Troubleshoot walks a profile through every step of a connection — DNS, TCP, TLS, ApiVersions, SASL, Metadata, then each broker — and says in plain
        words what failed and how to fix it.
      </EmptyState>
    );

  const onRun = (): void => {
    if (!profile) return;
    const list = topics
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    fire(start(profile.id, { keyLog: tlsProfile && keyLog, topics: list }));
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="troubleshoot">
      <Toolbar>
        <label className="flex items-center gap-1.5 text-xs text-muted">
          Profile
          <Select value={profile?.id ?? ''} onChange={(e) => setPicked(e.target.value)} aria-label="Profile to troubleshoot" data-testid="troubleshoot-profile" className="max-w-64">
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </label>
        <TextInput value={topics} onChange={(e) => setTopics(e.target.value)} placeholder="topics to check (optional)" aria-label="Topics to check" className="h-7 w-52 text-xs" />
        {tlsProfile ? (
          <label className="flex items-center gap-1.5 text-xs text-muted" title="Keep the TLS session keys so a packet capture can be decrypted in Wireshark (exported as a key log)">
            <Switch checked={keyLog} onChange={setKeyLog} label="Keep TLS key log" />
            key log
          </label>
        ) : null}
        {run?.status === 'running' ? (
          <Button icon="x" onClick={() => fire(cancel(run.runId))} data-testid="troubleshoot-cancel">
            Cancel
          </Button>
        ) : (
          <Button variant="primary" icon="stethoscope" busy={starting} disabled={!profile} onClick={onRun} data-testid="troubleshoot-run">
            Run troubleshoot
          </Button>
        )}
        {order.length > 0 ? (
          <>
            <ToolbarSep />
            <label className="flex items-center gap-1.5 text-xs text-muted">
              Runs
              <Select value={selectedRunId ?? ''} onChange={(e) => fire(selectRun(e.target.value))} aria-label="Previous runs" className="max-w-72">
                {selectedRunId ? null : <option value="">—</option>}
                {[...order].reverse().map((rid) => {
                  const r = runs[rid];
                  if (!r) return null;
                  const mark = r.status === 'running' ? '…' : r.status === 'done' ? (r.result?.healthy ? '✓' : '✗') : r.status;
                  return (
                    <option key={rid} value={rid}>
                      {r.startedAt ? fmtClock(r.startedAt).slice(0, 8) : ''} {r.profileName ?? ''} {mark}
                    </option>
                  );
                })}
              </Select>
            </label>
          </>
        ) : null}
      </Toolbar>
      <div className="min-h-0 flex-1 overflow-y-auto bg-panel">
        {run ? (
          <div className="grid grid-cols-1 gap-3 p-4 lg:grid-cols-[380px_1fr]">
            <Section
              title={
                <>
                  Steps <span className="font-normal normal-case">· {run.profileName ?? ''}</span>
                </>
              }
              className="self-start"
            >
              <StepList steps={run.steps} />
            </Section>
            <div className="flex min-w-0 flex-col gap-3">
              <Verdict run={run} />
              {run.result ? (
                <>
                  <Section title={`Findings (${run.result.findings.length})`}>
                    <FindingsList findings={run.result.findings} empty="No finding: every step passed." />
                  </Section>
                  <Section
                    title="Brokers"
                    actions={
                      run.result.cluster ? (
                        <span className="font-mono text-[11px] text-muted">
                          cluster {run.result.cluster.clusterId ?? '?'} · controller {run.result.cluster.controllerId ?? '?'}
                        </span>
                      ) : null
                    }
                  >
                    <BrokerChecks result={run.result} />
                  </Section>
                  {run.result.topics.length > 0 ? (
                    <Section title="Topics">
                      <ul className="p-2 text-xs">
                        {run.result.topics.map((t) => (
                          <li key={t.name} className="flex gap-2 px-1 py-0.5">
                            <span className="font-mono">{t.name}</span>
                            <span className={t.errorCode ? 'text-red-600 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}>{t.errorName ?? (t.errorCode ? `error ${t.errorCode}` : 'ok')}</span>
                          </li>
                        ))}
                      </ul>
                    </Section>
                  ) : null}
                  <Section title={`Export this run · ${run.result.events.length} events · ${fmtMs(run.result.ms)}`}>
                    <RunExport run={run} />
                  </Section>
                </>
              ) : null}
            </div>
          </div>
        ) : (
          <div className="mx-auto flex max-w-3xl flex-col gap-3 p-4">
            <EmptyState icon="stethoscope" title="Check a profile step by step" testId="troubleshoot-empty">
              Pick a profile and press <b>Run troubleshoot</b>. Each step shows as it happens; at the end, every problem found comes with its cause in plain
              words, the events that prove it, and the fix. A run opens its own connections: it does not disturb a connected session.
            </EmptyState>
            <Section title="Steps">
              <StepList steps={[]} />
            </Section>
            {profile ? (
              <Section title="The same check from a terminal">
                <div className="p-3">
                  <pre className="overflow-x-auto rounded-md bg-sunken p-2 font-mono text-[11.5px] whitespace-pre-wrap select-all" data-testid="probe-command">
                    {probeCommand(profile)}
                  </pre>
                  <p className="mt-1.5 text-[11px] text-muted">Secrets are read from the environment (KAFKA_PASSWORD), never from the command line.</p>
                </div>
              </Section>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}
