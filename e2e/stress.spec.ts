/**
 * Renderer stress: 20 000 events/s for 10 s into a connected session's live feed, batched
 * as the host sends them (one `sessions.events` message every 75 ms, 1 500 events each, and
 * a `sessions.snapshot` every 300 ms), with the Event log open and following the tail, then
 * the In-flight and Latency views. Long tasks and the JS heap are measured in the page; the
 * batches reach it over a real loopback WebSocket through a tap in front of the web host.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { WebSocketServer, type WebSocket } from 'ws';
import { appUrl, go, openApp } from './helpers';
import { ensureConnected, syntheticBatch } from './support/synthetic-events';
import { startWsTap } from './support/ws-tap';

const NAME = 'stress PLAINTEXT';
const RATE = 20_000;
const INTERVAL_MS = 75;
const PER_BATCH = (RATE * INTERVAL_MS) / 1000; // 1 500
const DURATION_MS = 10_000;
const EXTRA_MS = 4_000;
/** The trivial baseline page's first second (JIT) is left out of its figures. */
const WARMUP_MS = 1_000;
const SNAPSHOT_MS = 300;
/** How long after the test clicks a view its tasks count as the switch's, not the stream's. */
const SWITCH_MS = 500;
/** The renderer holds at most 150 000 events per session (RENDERER_KEEP) and bounded derived state. */
const HEAP_CAP = 150 * 1024 * 1024;

/** Page-side globals this spec touches (the e2e project has no DOM lib). */
interface StressGlobals {
  performance: { now(): number; memory?: { usedJSHeapSize: number } };
  requestAnimationFrame(cb: (t: number) => void): number;
  setInterval(cb: () => void, ms: number): number;
  PerformanceObserver: new (cb: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(opts: { type: string; buffered: boolean }): void;
    disconnect(): void;
  };
  __stress?: {
    longTasks: { start: number; duration: number }[];
    frames: { at: number; dt: number }[];
    heap: { at: number; used: number }[];
    stop: boolean;
  };
}

/** Starts the in-page probes: long tasks (buffered), rAF frame deltas, heap every second. */
async function startProbes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as StressGlobals;
    const s = { longTasks: [] as { start: number; duration: number }[], frames: [] as { at: number; dt: number }[], heap: [] as { at: number; used: number }[], stop: false };
    g.__stress = s;
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries()) s.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    let last = g.performance.now();
    const frame = (t: number): void => {
      s.frames.push({ at: t, dt: t - last });
      last = t;
      if (!s.stop) g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
    const sample = (): void => {
      if (g.performance.memory) s.heap.push({ at: g.performance.now(), used: g.performance.memory.usedJSHeapSize });
    };
    sample();
    g.setInterval(sample, 1000);
    return g.performance.now();
  });
}

async function readProbes(page: Page): Promise<NonNullable<StressGlobals['__stress']>> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as StressGlobals).__stress!;
    s.stop = true;
    return s;
  });
}

// Tracing takes a DOM snapshot of the page at every action: a cost of the harness, not of the app.
test.use({ trace: 'off' });

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0;
};
const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);

test('20 000 events/s for 10 s: the renderer keeps up, with no task over 50 ms while it streams, in bounded memory', async ({ page }) => {
  test.setTimeout(60_000);
  let sessionId = '';
  let feeding = false;
  type Snapshot = { events: Record<string, unknown> } & Record<string, unknown>;
  const snapshots = new Map<string, Snapshot>();
  const newestOf = new Map<string, number>();
  const tap = await startWsTap({
    hostUrl: appUrl(),
    filter(m) {
      const data = JSON.parse(m) as { kind: string; event?: string; payload?: { sessionId: string; newestSeq?: number; events: { newestSeq: number } } };
      if (data.kind === 'event' && data.payload) {
        const own = data.payload.sessionId === sessionId;
        if (data.event === 'sessions.snapshot') {
          snapshots.set(data.payload.sessionId, data.payload as unknown as Snapshot);
          newestOf.set(data.payload.sessionId, Math.max(newestOf.get(data.payload.sessionId) ?? 0, data.payload.events.newestSeq));
          if (own && feeding) return false; // the feed sends its own snapshots, with its sequence numbers
        }
        if (data.event === 'sessions.events') {
          newestOf.set(data.payload.sessionId, Math.max(newestOf.get(data.payload.sessionId) ?? 0, data.payload.newestSeq ?? 0));
          // The session's own (sparse) events would interleave sequence numbers with the synthetic ones.
          if (own && feeding) return false;
        }
      }
      return true;
    },
  });
  const errors = await openApp(page, { url: tap.url });
  sessionId = await ensureConnected(page, NAME);
  await go(page, 'events');
  await expect(page.getByTestId('follow-tail')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => snapshots.has(sessionId)).toBe(true);
  await page.waitForTimeout(500);
  feeding = true;
  const lastSnapshot = snapshots.get(sessionId)!;
  const start = (newestOf.get(sessionId) ?? 0) + 1;

  // The feed: batch i leaves at i × 75 ms from its start (no drift), a snapshot every 300 ms.
  // Batches are built before the clock starts so the test process spends its CPU on sending only:
  // the measured 10 s, then 2 s more for the heap check.
  const tBase = Date.now();
  const mainBatches = Math.ceil(DURATION_MS / INTERVAL_MS);
  const extraBatches = Math.ceil(EXTRA_MS / INTERVAL_MS);
  const batches = Array.from({ length: mainBatches + extraBatches }, (_, i) => syntheticBatch(sessionId, start + i * PER_BATCH, PER_BATCH, tBase, 1 / 20));
  let sent = 0;
  let sendMs = 0;
  const feed = async (from: number, to: number): Promise<void> => {
    const t = Date.now();
    for (let i = from; i < to; i++) {
      await new Promise((r) => setTimeout(r, Math.max(0, t + (i - from) * INTERVAL_MS - Date.now())));
      const b0 = performance.now();
      tap.inject(batches[i]!);
      sent += PER_BATCH;
      if (i % (SNAPSHOT_MS / INTERVAL_MS) === 0) {
        const newestSeq = start + sent - 1;
        tap.inject(JSON.stringify({ kind: 'event', event: 'sessions.snapshot', payload: { ...lastSnapshot, events: { ...lastSnapshot.events, newestSeq, buffered: Math.min(newestSeq, Number(lastSnapshot.events.cap ?? newestSeq)) } } }));
      }
      sendMs += performance.now() - b0;
    }
  };

  // BROKERSCOPE_STRESS_PROFILE=<file.cpuprofile> records the renderer's CPU profile of the run.
  const profileTo = process.env.BROKERSCOPE_STRESS_PROFILE;
  const cdp = await page.context().newCDPSession(page);
  // BROKERSCOPE_STRESS_ALLOC=<file.heapprofile> samples what the feed allocates that a minor GC did
  // not free: what is still held at the end, and what went to the old generation and died there.
  const allocTo = process.env.BROKERSCOPE_STRESS_ALLOC;
  if (allocTo) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true });
  if (profileTo) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0Page = await startProbes(page);
  const marks: Record<string, number> = {};
  const mark = async (name: string): Promise<void> => {
    marks[name] = await page.evaluate(() => (globalThis as unknown as StressGlobals).performance.now());
  };
  const t0 = Date.now();
  const fed = feed(0, mainBatches);

  // Event log (following the tail) for 4 s, then In-flight 3 s, Latency 3 s.
  // BROKERSCOPE_STRESS_TRACE=<file.json> records a 2 s Chrome trace (layout, paint, GC…) from
  // BROKERSCOPE_STRESS_TRACE_AT ms into the feed (2000 unless told: the event log; 4000 catches
  // the switch to In-flight, 7000 the switch to Latency).
  const traceTo = process.env.BROKERSCOPE_STRESS_TRACE;
  const traced = traceTo
    ? (async () => {
        const browser = page.context().browser()!;
        await new Promise((r) => setTimeout(r, Math.max(0, t0 + Number(process.env.BROKERSCOPE_STRESS_TRACE_AT ?? 2_000) - Date.now())));
        await browser.startTracing(page, { path: traceTo, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8'] });
        await new Promise((r) => setTimeout(r, 2_000));
        await browser.stopTracing();
      })()
    : Promise.resolve();
  await page.waitForTimeout(Math.max(0, t0 + 4_000 - Date.now()));
  await mark('inflight');
  await go(page, 'inflight');
  await page.waitForTimeout(Math.max(0, t0 + 7_000 - Date.now()));
  await mark('latency');
  await go(page, 'latency');
  await traced;
  await fed;
  const mainSent = sent;
  await mark('end');
  await page.waitForTimeout(1_000); // the last batches land, the last heap sample is taken
  const probes = await readProbes(page);
  if (allocTo) writeFileSync(allocTo, JSON.stringify((await cdp.send('HeapProfiler.stopSampling')).profile));
  if (profileTo) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
  }
  const wall = Date.now() - t0;

  // Bounded memory: with the 150 000-event window full, the heap that survives a full GC
  // levels off: after 2 s more (40 000 events) and 2 s more again it stays where it was.
  const retained = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(() => (globalThis as unknown as StressGlobals).performance.memory?.usedJSHeapSize ?? 0);
  };
  // It kept up: within 2 s of the last batch the event log shows the newest event.
  await go(page, 'events');
  await expect(page.getByTestId('event-row').last()).toContainText(String(start + mainSent - 1), { timeout: 2_000 });
  const retainedFull = await retained();
  const half = mainBatches + extraBatches / 2;
  await feed(mainBatches, half);
  await page.waitForTimeout(500);
  const retained2s = await retained();
  await feed(half, mainBatches + extraBatches);
  await page.waitForTimeout(500);
  const retained4s = await retained();

  // Back on the event log, following the tail: the newest synthetic event is on screen.
  const newest = start + sent - 1;
  await expect(page.getByTestId('event-row').last()).toContainText(String(newest));
  expect(await page.getByTestId('event-row').count()).toBeLessThan(150);
  // The event window itself lives in typed arrays, outside the JS heap: the view says how much.
  const heldTitle = (await page.getByTestId('events-held').locator('..').getAttribute('title')) ?? '';
  const heldMiB = Number(/in ([\d.]+) MiB/.exec(heldTitle)?.[1] ?? NaN);

  // Figures, from the first batch on. The observer is buffered: tasks from before the feed
  // (loading the app, connecting) come too, and are reported apart.
  const tasks = probes.longTasks.filter((t) => t.start >= t0Page);
  const beforeFeed = probes.longTasks.filter((t) => t.start < t0Page);
  const over50 = tasks.filter((t) => t.duration > 50);
  // The two view switches the test clicks are interactions, not the stream: the ~0.5 s after
  // each (mounting the next view and its first frames) is reported and bounded apart.
  const inSwitch = (t: { start: number }): boolean => [marks.inflight!, marks.latency!].some((m) => t.start >= m && t.start < m + SWITCH_MS);
  const streamOver50 = over50.filter((t) => !inSwitch(t));
  const switchOver50 = over50.filter(inSwitch);
  const maxTask = Math.max(0, ...tasks.map((t) => t.duration));
  const phase = (t: number): string => (t < marks.inflight! ? 'events' : t < marks.latency! ? 'inflight' : 'latency');
  const byPhase = (p: string): string => {
    const ts = tasks.filter((t) => phase(t.start) === p);
    return `${p}: ${ts.length} long tasks, max ${Math.max(0, ...ts.map((t) => t.duration)).toFixed(0)} ms, total ${ts.reduce((a, t) => a + t.duration, 0).toFixed(0)} ms`;
  };
  const frames = probes.frames.filter((f) => f.at >= t0Page && f.at <= marks.end!).map((f) => f.dt);
  const heap = probes.heap.map((h) => h.used);
  const heapPeak = Math.max(...heap);
  const heapEnd = heap.at(-1) ?? 0;
  const lines = [
    `fed ${mainSent} events in ${(DURATION_MS / 1000).toFixed(0)} s (${PER_BATCH}/batch every ${INTERVAL_MS} ms; test-side send ${(sendMs / (sent / PER_BATCH)).toFixed(1)} ms/batch; wall ${wall} ms)`,
    `long tasks during the feed: ${tasks.length}, > 50 ms: ${over50.length} (${streamOver50.length} while streaming, ${switchOver50.length} within ${SWITCH_MS} ms of a view switch), max ${maxTask.toFixed(0)} ms, sum ${tasks.reduce((a, t) => a + t.duration, 0).toFixed(0)} ms`,
    `long tasks before the feed (loading the app, connecting), not counted: ${beforeFeed.length}, max ${Math.max(0, ...beforeFeed.map((t) => t.duration)).toFixed(0)} ms`,
    byPhase('events'),
    byPhase('inflight'),
    byPhase('latency'),
    `frames during the feed: ${frames.length}, median ${pct(frames, 0.5).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms, max ${Math.max(0, ...frames).toFixed(0)} ms`,
    `heap (usedJSHeapSize, sampled each second while fed): start ${mb(heap[0] ?? 0)} MB, peak ${mb(heapPeak)} MB, end ${mb(heapEnd)} MB`,
    `event window: ${heldTitle}`,
    `heap after a full GC: ${mb(retainedFull)} MB with the 150 000-event window full (${mainSent} events fed), ${mb(retained2s)} MB after 2 s more, ${mb(retained4s)} MB after 4 s more (${sent - mainSent} events)`,
  ];

  // Baseline: a trivial page fed the same batches over a plain loopback WebSocket
  // (parse, then rewrite 30 list rows per batch), for 3 s: what the machine costs.
  const trivial = await page.context().newPage();
  const trivialServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => trivialServer.once('listening', r));
  let trivialSocket: WebSocket | null = null;
  trivialServer.on('connection', (ws) => (trivialSocket = ws));
  const trivialPort = (trivialServer.address() as { port: number }).port;
  await trivial.setContent(
    `<!doctype html><ul id="l"></ul><script>
      const ws = new WebSocket('ws://127.0.0.1:${trivialPort}/stress-trivial');
      ws.onmessage = (m) => {
        const b = JSON.parse(m.data);
        document.getElementById('l').innerHTML = b.payload.events.slice(-30).map((e) => '<li>' + e.seq + ' ' + e.event.type + ' ' + e.event.apiName + '</li>').join('');
      };
    </script>`,
  );
  await expect.poll(() => trivialSocket !== null).toBe(true);
  const trivialT0 = await startProbes(trivial);
  const tb = Date.now();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, Math.max(0, tb + i * INTERVAL_MS - Date.now())));
    trivialSocket!.send(batches[i]!);
  }
  await trivial.waitForTimeout(500);
  const base = await readProbes(trivial);
  await trivial.close();
  trivialServer.close();
  const baseTasks = base.longTasks.filter((t) => t.start >= trivialT0 + WARMUP_MS);
  const baseFrames = base.frames.filter((f) => f.at >= trivialT0 + WARMUP_MS).map((f) => f.dt);
  lines.push(
    `trivial page, same batches over a plain WebSocket for 3 s: ${baseTasks.length} long tasks, > 50 ms: ${baseTasks.filter((t) => t.duration > 50).length}, max ${Math.max(0, ...baseTasks.map((t) => t.duration)).toFixed(0)} ms; frames median ${pct(baseFrames, 0.5).toFixed(1)} ms, p95 ${pct(baseFrames, 0.95).toFixed(1)} ms; wall ${Date.now() - tb} ms`,
  );
  for (const l of lines) {
    console.log(`[stress] ${l}`);
    test.info().annotations.push({ type: 'stress', description: l });
  }
  if (over50.length) console.log(`[stress] long tasks > 50 ms: ${over50.map((t) => `${phase(t.start)}@${(t.start - t0Page).toFixed(0)}ms ${t.duration.toFixed(0)}ms`).join(', ')}`);

  expect(errors).toEqual([]);
  expect(heap.length, 'performance.memory is exposed').toBeGreaterThan(5);
  expect.soft(heapPeak, 'heap peak under 150 MB').toBeLessThan(HEAP_CAP);
  // The window breathes between 150 000 and 180 000 events (it is cut back once a fifth over).
  expect.soft(Math.max(retained2s, retained4s), 'retained heap levels off once the event window is full').toBeLessThan(1.3 * retainedFull);
  expect.soft(retained4s, 'retained heap under 100 MB').toBeLessThan(100 * 1024 * 1024);
  expect.soft(heldMiB, 'event window memory (MiB)').toBeLessThan(64);
  // The target: no task over 50 ms while the stream runs, in any of the three views.
  expect.soft(streamOver50.map((t) => `${phase(t.start)} ${t.duration.toFixed(0)} ms`), 'tasks over 50 ms while the stream runs').toEqual([]);
  // A view switch under the stream may take one task a little over 50 ms on this machine (a GC
  // landing on the new view's first frame; docs/benchmarks.md): at most one per switch, under 100 ms.
  expect.soft(switchOver50.length, 'tasks over 50 ms around the two view switches').toBeLessThanOrEqual(2);
  expect.soft(switchOver50.filter((t) => t.duration >= 100), 'view-switch tasks of 100 ms or more').toEqual([]);
  await page.getByTestId('disconnect').click();
  await tap.close();
});
