// 50 connections authenticating with SCRAM at once against the real broker never block the
// process for more than 10 ms: PBKDF2 runs on the thread pool. Every synchronous piece of work
// (each callback and promise reaction) is timed with async_hooks, in main-thread CPU time where
// Linux tells it (the broker shares these 2 cores and may preempt us), else in wall time.
import { createHook } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Connection } from '../../../src/main/core';
import { brokerInfo, optionsFor } from '../../support/connect-options';

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const mainThreadMs: () => number = existsSync(SCHEDSTAT)
  ? () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6
  : () => performance.now();

function longestSyncTask(): { stop(): number } {
  const started = new Map<number, number>();
  let longest = 0;
  const hook = createHook({
    before(id) {
      started.set(id, mainThreadMs());
    },
    after(id) {
      const t = started.get(id);
      if (t !== undefined) longest = Math.max(longest, mainThreadMs() - t);
      started.delete(id);
    },
  }).enable();
  return {
    stop() {
      hook.disable();
      return longest;
    },
  };
}

describe('SCRAM under concurrency', () => {
  it('50 concurrent SCRAM-SHA-512 logins never block the process for 10 ms', async () => {
    const info = brokerInfo();
    const options = { ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'SCRAM-SHA-512' as const, ...info.users.scramSha512 }, connectTimeoutMs: 20_000 };
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const probe = longestSyncTask();
    // Each dial starts in its own macrotask (as a pool's dials do), so this test's own loop is not
    // counted as one long task; the 50 SCRAM exchanges then overlap on the wire and the thread pool.
    const conns = await Promise.all(
      Array.from({ length: 50 }, () => new Promise<Connection>((resolve, reject) => setImmediate(() => Connection.connect(options).then(resolve, reject)))),
    );
    const longestMs = probe.stop();
    lag.disable();
    await Promise.all(conns.map((c) => c.close()));
    expect(conns.every((c) => c.saslSessionLifetimeMs === null || c.saslSessionLifetimeMs > 0)).toBe(true);
    expect(longestMs).toBeLessThan(10);
    // For the record: wall-clock loop delay also counts the broker's own SCRAM work on the same 2 cores.
    process.stdout.write(`[scram x50] longest synchronous task ${longestMs.toFixed(1)} ms, event-loop delay max ${(lag.max / 1e6).toFixed(1)} ms\n`);
  });
});
