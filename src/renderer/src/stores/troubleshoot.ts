/** Troubleshoot runs: started here, followed live (troubleshoot.update / .done), kept for review and export. */
import { create } from 'zustand';
import type { TroubleshootResultData, TroubleshootRunStatus, TroubleshootRunSummary, TroubleshootStep } from '@shared/api/contract';
import { call } from '../lib/api-client';
import { useUi } from './ui';

export interface RunState {
  runId: string;
  profileId: string | null;
  profileName: string | null;
  status: TroubleshootRunStatus;
  startedAt: number | null;
  finishedAt: number | null;
  keyLog: boolean;
  steps: TroubleshootStep[];
  result: TroubleshootResultData | null;
  error: string | null;
}

interface TroubleshootState {
  runs: Record<string, RunState>;
  /** Run ids, oldest first. */
  order: string[];
  selectedRunId: string | null;
  starting: boolean;
  load(): Promise<void>;
  start(profileId: string, opts: { keyLog: boolean; topics: string[] }): Promise<void>;
  cancel(runId: string): Promise<void>;
  select(runId: string): Promise<void>;
  onUpdate(runId: string, step: TroubleshootStep): void;
  onDone(runId: string, status: TroubleshootRunStatus, result: TroubleshootResultData | null, error: string | null): void;
}

const stepKey = (s: TroubleshootStep): string => `${s.id}|${s.address ?? ''}|${s.attempt}`;

function blank(runId: string): RunState {
  return { runId, profileId: null, profileName: null, status: 'running', startedAt: null, finishedAt: null, keyLog: false, steps: [], result: null, error: null };
}

function fromSummary(s: TroubleshootRunSummary, prev?: RunState): RunState {
  return {
    ...(prev ?? blank(s.runId)),
    profileId: s.profileId,
    profileName: s.profileName,
    status: s.status,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    keyLog: s.keyLog,
    error: s.error,
  };
}

export const useTroubleshoot = create<TroubleshootState>((set, get) => {
  const upsert = (runId: string, change: (r: RunState) => RunState): void =>
    set((s) => {
      const cur = s.runs[runId] ?? blank(runId);
      return { runs: { ...s.runs, [runId]: change(cur) }, order: s.order.includes(runId) ? s.order : [...s.order, runId] };
    });

  return {
    runs: {},
    order: [],
    selectedRunId: null,
    starting: false,
    async load() {
      const list = await call('troubleshoot.list', {}, { what: 'Could not list the troubleshoot runs' });
      set((s) => {
        const runs = { ...s.runs };
        for (const r of list) runs[r.runId] = fromSummary(r, runs[r.runId]);
        const order = [...new Set([...list.map((r) => r.runId), ...s.order])];
        return { runs, order };
      });
    },
    async start(profileId, opts) {
      set({ starting: true });
      try {
        const { runId } = await call('troubleshoot.run', { profileId, keyLog: opts.keyLog, topics: opts.topics }, { what: 'Could not start the troubleshoot run' });
        upsert(runId, (r) => ({ ...r, profileId, startedAt: r.startedAt ?? Date.now(), keyLog: opts.keyLog }));
        set({ selectedRunId: runId });
        // Catch up on what was pushed before the reply (names, steps already reported).
        await get().select(runId);
      } catch {
        // reported by call()
      } finally {
        set({ starting: false });
      }
    },
    async cancel(runId) {
      try {
        await call('troubleshoot.cancel', { runId }, { what: 'Could not cancel the run' });
      } catch {
        // reported by call()
      }
    },
    async select(runId) {
      set({ selectedRunId: runId });
      const cur = get().runs[runId];
      if (cur && cur.status !== 'running' && (cur.result || cur.error)) return;
      try {
        const run = await call('troubleshoot.result', { runId }, { what: 'Could not read the run' });
        upsert(runId, (r) => {
          // Live updates may be newer than the fetched steps: keep the later status per step.
          const steps = new Map(run.steps.map((s) => [stepKey(s), s]));
          for (const s of r.steps) if (r.status === 'running') steps.set(stepKey(s), s);
          return { ...fromSummary(run, r), steps: [...steps.values()], result: run.result ?? r.result };
        });
      } catch {
        // reported by call()
      }
    },
    onUpdate(runId, step) {
      upsert(runId, (r) => {
        const k = stepKey(step);
        const i = r.steps.findIndex((s) => stepKey(s) === k);
        const steps = i < 0 ? [...r.steps, step] : r.steps.map((s, j) => (j === i ? step : s));
        return { ...r, steps };
      });
    },
    onDone(runId, status, result, error) {
      upsert(runId, (r) => ({ ...r, status, result: result ?? r.result, error, finishedAt: result?.finishedAt ?? Date.now(), steps: result ? mergeSteps(r.steps, result) : r.steps }));
      const r = get().runs[runId];
      if (status === 'failed') useUi.getState().notify('error', 'Troubleshoot run failed', error ?? 'the runner stopped');
      else if (status === 'done' && r?.result) {
        const n = r.result.findings.filter((f) => f.severity === 'error').length;
        useUi.getState().notify(n ? 'warning' : 'info', `Troubleshoot ${r.profileName ?? ''}`.trim(), r.result.healthy ? 'Healthy: every step passed.' : `${n} problem${n === 1 ? '' : 's'} found.`);
      }
    },
  };
});

/** The final steps: every attempt's handshake steps, then Metadata and the brokers. */
function mergeSteps(live: TroubleshootStep[], result: TroubleshootResultData): TroubleshootStep[] {
  const out = new Map<string, TroubleshootStep>();
  for (const s of live) out.set(stepKey(s), s);
  for (const a of result.attempts) for (const s of a.steps) out.set(stepKey(s), s);
  for (const s of result.steps) out.set(stepKey(s), s);
  return [...out.values()];
}
