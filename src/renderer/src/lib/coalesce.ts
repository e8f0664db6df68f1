/**
 * Runs work once in a task of its own, however many times it was asked for before that
 * task ran: event batches that queue up while the page is busy become one store update and
 * one render. Being its own task (not part of the next frame's), the update and the frame's
 * style, layout and paint are two shorter tasks rather than one long one.
 *
 * Runs are at least `minGapMs` apart, and further apart when they are expensive: each run's
 * cost (its own task plus the frame that paints it) is measured, and the gap grows so that
 * runs take at most `share` of the main thread (never more than `maxGapMs` apart). A stream
 * renders a few times a second, and input (scrolling, clicks) keeps the rest of the time.
 */
export interface CoalesceOptions {
  minGapMs?: number;
  /** Most of the main thread the runs may take (0–1). */
  share?: number;
  maxGapMs?: number;
}

export interface Coalescer {
  schedule(): void;
  close(): void;
  /** The gap now kept between runs (ms). */
  gap(): number;
}

export function coalesce(run: () => void, opts: CoalesceOptions = {}): Coalescer {
  const { minGapMs = 0, share = 1, maxGapMs = minGapMs } = opts;
  let pending = false;
  let closed = false;
  let lastRun = Number.NEGATIVE_INFINITY;
  /** Smoothed cost of a run and its frame (ms). */
  let cost = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const channel = new MessageChannel();
  const frameEnd = new MessageChannel();
  let frameStart = 0;
  let runMs = 0;
  const gap = (): number => Math.min(maxGapMs, Math.max(minGapMs, cost / share));
  const note = (ms: number): void => {
    cost = cost === 0 ? ms : cost * 0.7 + ms * 0.3;
  };
  const fire = (): void => {
    timer = null;
    pending = false;
    lastRun = performance.now();
    run();
    runMs = performance.now() - lastRun;
    if (share >= 1 || closed) return;
    // The frame that paints this run: from its animation-frame callbacks to the next task.
    requestAnimationFrame(() => {
      frameStart = performance.now();
      frameEnd.port2.postMessage(null);
    });
  };
  frameEnd.port1.onmessage = () => note(runMs + performance.now() - frameStart);
  channel.port1.onmessage = fire;
  return {
    schedule() {
      if (pending || closed) return;
      pending = true;
      const wait = lastRun + gap() - performance.now();
      if (wait > 1) timer = setTimeout(fire, wait);
      else channel.port2.postMessage(null);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const c of [channel, frameEnd]) {
        c.port1.close();
        c.port2.close();
      }
    },
    gap,
  };
}
