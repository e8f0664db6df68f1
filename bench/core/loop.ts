/**
 * The closed loop every Node client runs: keep exactly `inflight` requests outstanding on
 * one connection (a reply immediately triggers the next request), warm up, then measure a
 * fixed window: round trips completed in it, their latency, and this process's CPU.
 */
import type { Api, CellResult, ClientName } from './types';

/** Issues one request; calls done exactly once, with null on success. */
export type Issue = (done: (err: Error | null) => void) => void;

export interface BenchClient {
  readonly name: ClientName;
  readonly version: string;
  readonly apiVersions: Record<Api, number>;
  readonly probe: Record<string, unknown>;
  issuer(api: Api): Issue;
  close(): Promise<void>;
}

/** Enough room for ~1M round trips/s over a 3 s window; beyond it latencies are sampled out. */
const LATENCY_CAPACITY = 4_000_000;
let latencies: Float64Array | null = null;

export function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Called at the edges of the measured window (e.g. to profile just that window). */
export interface WindowHooks {
  onOpen?(): void;
  onClose?(): void;
}

export function runCell(
  client: BenchClient,
  api: Api,
  inflight: number,
  warmupMs: number,
  durationMs: number,
  hooks: WindowHooks = {},
): Promise<CellResult> {
  const lat = (latencies ??= new Float64Array(LATENCY_CAPACITY));
  const issue = client.issuer(api);
  return new Promise((resolve) => {
    let phase = 0; // 0 warm-up, 1 measured, 2 draining
    let outstanding = 0;
    let recorded = 0;
    let count = 0;
    let errors = 0;
    let firstError: string | null = null;
    let t0 = 0;
    let t1 = 0;
    let cpu0: NodeJS.CpuUsage = { user: 0, system: 0 };
    let cpu: NodeJS.CpuUsage = { user: 0, system: 0 };
    let finished = false;
    let openTimer: NodeJS.Timeout | null = null;
    let closeTimer: NodeJS.Timeout | null = null;

    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (phase < 2) close();
      if (openTimer) clearTimeout(openTimer);
      if (closeTimer) clearTimeout(closeTimer);
      const sorted = lat.subarray(0, Math.min(recorded, lat.length)).sort();
      const elapsedMs = t1 - t0;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      resolve({
        client: client.name,
        api,
        inflight,
        count,
        elapsedMs,
        rps: elapsedMs > 0 ? (count * 1000) / elapsedMs : 0,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        cpuMs,
        cpuUsPerRt: count > 0 ? (cpuMs * 1000) / count : null,
        errors,
        firstError,
      });
    };

    const open = (): void => {
      phase = 1;
      count = 0;
      recorded = 0;
      hooks.onOpen?.();
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      // Timed from the real start of the window, so a late warm-up timer cannot shrink it.
      closeTimer = setTimeout(() => {
        close();
        if (outstanding === 0) finish();
      }, durationMs);
    };

    const close = (): void => {
      if (phase === 0) open();
      t1 = performance.now();
      cpu = process.cpuUsage(cpu0);
      phase = 2;
      hooks.onClose?.();
    };

    const next = (): void => {
      const start = performance.now();
      outstanding++;
      issue((err) => {
        outstanding--;
        if (err) {
          // A failed lane stops: a dead connection would otherwise spin on instant rejections.
          errors++;
          firstError ??= `${err.name}: ${err.message}`;
        } else {
          if (phase === 1) {
            if (recorded < lat.length) lat[recorded++] = performance.now() - start;
            count++;
          }
          if (phase < 2) {
            next();
            return;
          }
        }
        if (outstanding === 0) finish();
      });
    };

    openTimer = setTimeout(open, warmupMs);
    for (let i = 0; i < inflight; i++) next();
  });
}
