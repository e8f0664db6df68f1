/**
 * Runs work once in a task of its own, however many times it was asked for before that
 * task ran: event batches that queue up while the page is busy become one store update and
 * one render. Being its own task (not part of the next frame's), the update and the frame's
 * style, layout and paint are two shorter tasks rather than one long one.
 */
export function coalesce(run: () => void): { schedule(): void; close(): void } {
  let pending = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    pending = false;
    run();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      channel.port2.postMessage(null);
    },
    close() {
      channel.port1.close();
      channel.port2.close();
    },
  };
}
