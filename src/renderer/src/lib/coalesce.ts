/**
 * Runs work once in a task of its own, however many times it was asked for before that
 * task ran: event batches that queue up while the page is busy become one store update and
 * one render. Being its own task (not part of the next frame's), the update and the frame's
 * style, layout and paint are two shorter tasks rather than one long one. Runs are at least
 * `minGapMs` apart: a stream of batches renders a few times a second, not on every batch.
 */
export function coalesce(run: () => void, minGapMs = 0): { schedule(): void; close(): void } {
  let pending = false;
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const channel = new MessageChannel();
  const fire = (): void => {
    timer = null;
    pending = false;
    lastRun = performance.now();
    run();
  };
  channel.port1.onmessage = fire;
  return {
    schedule() {
      if (pending) return;
      pending = true;
      const wait = lastRun + minGapMs - performance.now();
      if (wait > 1) timer = setTimeout(fire, wait);
      else channel.port2.postMessage(null);
    },
    close() {
      if (timer) clearTimeout(timer);
      channel.port1.close();
      channel.port2.close();
    },
  };
}
