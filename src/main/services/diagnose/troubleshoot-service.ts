/**
 * Troubleshoot runs for the renderer: a profile's config is mapped first (a mistake fails
 * troubleshoot.run naming the field), then the runner walks the handshake in the
 * background; each step change is pushed as troubleshoot.update and the end as
 * troubleshoot.done. The last KEPT_RUNS runs stay in memory with their events (and key log
 * when asked for) so they can be fetched again and exported.
 *
 * What leaves for the renderer is scrubbed of the profile's secret values (the core never
 * puts them in events; this is the belt to those braces), and the TLS key log never does:
 * only its line count, and the keylog export on request.
 */
import { randomUUID } from 'node:crypto';
import {
  troubleshoot as runTroubleshoot,
  type Step,
  type TroubleshootConfig,
  type TroubleshootOptions,
  type TroubleshootResult,
} from '../../diagnose';
import { Redactor } from '../../export';
import {
  KEPT_RUNS,
  type TroubleshootResultData,
  type TroubleshootRun,
  type TroubleshootRunStatus,
  type TroubleshootRunSummary,
  type TroubleshootStep,
} from '@shared/api/diagnose';
import type { ProfileSecrets, StoredProfile } from '@shared/api/profile-schema';
import type { Emit } from '../../transport/event-bus';
import { redact } from '../secrets/redact';
import type { ProfileSource } from '../sessions/session-manager';
import { toTroubleshootConfig, usesTls, type RunExtras, type ToPoolOptions } from './to-troubleshoot-config';

export type RunTroubleshoot = (
  config: TroubleshootConfig,
  options: TroubleshootOptions,
) => Promise<TroubleshootResult>;

export interface TroubleshootServiceOptions {
  profiles: ProfileSource;
  emit: Emit;
  /** Finished runs kept (default KEPT_RUNS); running ones are never dropped. */
  keep?: number;
  /** Profile → core options (default: toPoolOptions, reading PEM files). */
  toOptions?: ToPoolOptions;
  /** The runner (default: the diagnose layer's troubleshoot); tests give a fake one. */
  run?: RunTroubleshoot;
}

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
  constructor(id: string) {
    super(`runId: no troubleshoot run ${JSON.stringify(id)} (only the last ${KEPT_RUNS} are kept)`);
  }
}

/** A finished run as the export needs it (main process only: holds secrets and the key log). */
export interface ExportableRun {
  runId: string;
  profileName: string;
  securityProtocol: StoredProfile['securityProtocol'];
  keyLog: boolean;
  result: TroubleshootResult;
  secretValues: string[];
}

interface RunRecord {
  runId: string;
  profileId: string;
  profileName: string;
  securityProtocol: StoredProfile['securityProtocol'];
  status: TroubleshootRunStatus;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
  keyLog: boolean;
  /** Latest version of each step, keyed by id, address and attempt, in first-seen order. */
  steps: Map<string, TroubleshootStep>;
  controller: AbortController;
  result: TroubleshootResult | null;
  shared: TroubleshootResultData | null;
  secretValues: string[];
  redactor: Redactor;
  finished: Promise<void>;
}

const stepKey = (s: Step): string => `${s.id}|${s.address ?? ''}|${s.attempt}`;

/** The result as the contract carries it: secrets scrubbed, key log counted, not sent. */
export function sharedResult(r: TroubleshootResult, redactor: Redactor): TroubleshootResultData {
  const { keyLog, events, ...rest } = r;
  return {
    ...redactor.value(rest),
    events: events.map((e) => redactor.event(e)),
    keyLogLines: keyLog.length,
  };
}

export class TroubleshootService {
  private readonly runs = new Map<string, RunRecord>();
  private closing = false;

  constructor(private readonly opts: TroubleshootServiceOptions) {}

  /** Maps the profile (failing on a mistake, field named), then starts the run in the background. */
  async start(profileId: string, extras: RunExtras = {}): Promise<{ runId: string }> {
    if (this.closing) throw new Error('the app is quitting');
    const profile = await this.opts.profiles.stored(profileId);
    const secrets: ProfileSecrets = await this.opts.profiles.secretsOf(profileId);
    const secretValues = Object.values(secrets).filter((v): v is string => typeof v === 'string');
    let config: TroubleshootConfig;
    try {
      config = await toTroubleshootConfig(profile, secrets, extras, this.opts.toOptions);
    } catch (err) {
      throw new Error(redact((err as Error).message, secretValues));
    }
    if (this.closing) throw new Error('the app is quitting');

    const record: RunRecord = {
      runId: randomUUID(),
      profileId,
      profileName: profile.name,
      securityProtocol: profile.securityProtocol,
      status: 'running',
      startedAt: Date.now(),
      finishedAt: null,
      error: null,
      keyLog: extras.keyLog === true && usesTls(profile),
      steps: new Map(),
      controller: new AbortController(),
      result: null,
      shared: null,
      secretValues,
      redactor: new Redactor({ secrets: secretValues }),
      finished: Promise.resolve(),
    };
    this.runs.set(record.runId, record);
    this.evict();
    // Started on the next turn, so the caller has its runId before the first update arrives.
    record.finished = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.execute(record, config),
    );
    return { runId: record.runId };
  }

  private async execute(record: RunRecord, config: TroubleshootConfig): Promise<void> {
    const run = this.opts.run ?? runTroubleshoot;
    try {
      const result = await run(config, {
        signal: record.controller.signal,
        onUpdate: (u) => {
          if (u.type !== 'step') return;
          const step = record.redactor.value(u.step) as TroubleshootStep;
          record.steps.set(stepKey(u.step), step);
          this.opts.emit('troubleshoot.update', { runId: record.runId, step });
        },
      });
      record.result = result;
      record.shared = sharedResult(result, record.redactor);
      for (const s of result.steps)
        record.steps.set(stepKey(s), record.redactor.value(s) as TroubleshootStep);
      record.status = record.controller.signal.aborted ? 'cancelled' : 'done';
    } catch (err) {
      record.status = 'failed';
      record.error = redact(record.redactor.text((err as Error).message ?? String(err)), record.secretValues);
    }
    record.finishedAt = Date.now();
    this.opts.emit('troubleshoot.done', {
      runId: record.runId,
      status: record.status,
      result: record.shared,
      error: record.error,
    });
    this.evict();
  }

  cancel(runId: string): { runId: string; cancelled: boolean } {
    const r = this.get(runId);
    if (r.status !== 'running' || r.controller.signal.aborted) return { runId, cancelled: false };
    r.controller.abort();
    return { runId, cancelled: true };
  }

  result(runId: string): TroubleshootRun {
    const r = this.get(runId);
    return { ...this.summary(r), steps: [...r.steps.values()], result: r.shared };
  }

  list(): TroubleshootRunSummary[] {
    return [...this.runs.values()].map((r) => this.summary(r));
  }

  /** A finished run for the export layer; a running or failed one says why it can't be exported. */
  exportable(runId: string): ExportableRun {
    const r = this.get(runId);
    if (r.status === 'running')
      throw new Error(`runId: the run is still going; export it once troubleshoot.done has arrived`);
    if (!r.result)
      throw new Error(`runId: the run failed (${r.error ?? 'no result'}), there is nothing to export`);
    return {
      runId,
      profileName: r.profileName,
      securityProtocol: r.securityProtocol,
      keyLog: r.keyLog,
      result: r.result,
      secretValues: r.secretValues,
    };
  }

  /** Aborts every running run and waits (up to the deadline) for them to close their connections. */
  async shutdown(deadlineMs = 3000): Promise<void> {
    this.closing = true;
    const running = [...this.runs.values()].filter((r) => r.status === 'running');
    for (const r of running) r.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running.map((r) => r.finished)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
        timer.unref?.();
      }),
    ]);
    clearTimeout(timer);
  }

  private summary(r: RunRecord): TroubleshootRunSummary {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of r.shared?.findings ?? []) counts[f.severity]++;
    return {
      runId: r.runId,
      profileId: r.profileId,
      profileName: r.profileName,
      status: r.status,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      error: r.error,
      keyLog: r.keyLog,
      healthy: r.shared ? r.shared.healthy : null,
      findingCounts: counts,
    };
  }

  private get(runId: string): RunRecord {
    const r = this.runs.get(runId);
    if (!r) throw new RunNotFoundError(runId);
    return r;
  }

  /** Drops the oldest finished runs beyond the limit; running ones stay. */
  private evict(): void {
    const keep = this.opts.keep ?? KEPT_RUNS;
    let excess = this.runs.size - keep;
    for (const [id, r] of this.runs) {
      if (excess <= 0) break;
      if (r.status === 'running') continue;
      this.runs.delete(id);
      excess--;
    }
  }
}
