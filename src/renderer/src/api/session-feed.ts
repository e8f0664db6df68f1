/**
 * The renderer's view of one session's event stream: live batches appended, older events
 * paged in on demand, kept to a bounded window, with what was dropped counted (and the
 * gaps it left marked) so the UI can say so and offer to fill them. `events` is always in
 * seq order without repeats; live batches are appended to it in place (it is not a snapshot),
 * and it holds between `keep` and 1.2 × `keep` events once full.
 */
import type { BrokerscopeApi, EventBatch, SessionEventRecord } from '@shared/api/contract';

export interface SessionFeedState {
  events: SessionEventRecord[];
  /** Events the main process could not send live (overload); some may be pageable still. */
  droppedTotal: number;
  /** Sequence ranges missing from `events` because of drops, oldest first. */
  gaps: { from: number; to: number }[];
  /** Older events remain on the main side. */
  hasOlder: boolean;
}

export interface SessionFeed {
  state(): SessionFeedState;
  /** Pages in up to `limit` events older than the oldest held. */
  loadOlder(limit?: number): Promise<number>;
  subscribe(listener: (s: SessionFeedState) => void): () => void;
  close(): void;
}

export function createSessionFeed(
  api: BrokerscopeApi,
  sessionId: string,
  opts: { keep?: number } = {},
): SessionFeed {
  const keep = opts.keep ?? 5000;
  let events: SessionEventRecord[] = [];
  let gaps: { from: number; to: number }[] = [];
  let droppedTotal = 0;
  let hasOlder = false;
  let lastSeq = 0;
  const listeners = new Set<(s: SessionFeedState) => void>();

  const state = (): SessionFeedState => ({ events, droppedTotal, gaps, hasOlder });
  const notify = (): void => {
    const s = state();
    for (const l of listeners) l(s);
  };
  // Live batches are appended in place and the window is cut back to `keep` only once it is a
  // fifth over: at 20 000 events/s, copying a 150 000-entry array on every batch was 30 MB/s of
  // large-object garbage, and the major GCs that came with it.
  const trim = (): void => {
    if (events.length <= keep * 1.2) return;
    events = events.slice(events.length - keep);
    hasOlder = true;
    const oldest = events[0]!.seq;
    gaps = gaps.filter((g) => g.to >= oldest);
  };

  const onBatch = (b: EventBatch): void => {
    if (b.sessionId !== sessionId) return;
    // A page loaded meanwhile may already hold some of these: keep only what is newer than what we have.
    const fresh = lastSeq > 0 ? b.events.filter((e) => e.seq > lastSeq) : b.events;
    const first = fresh[0]?.seq ?? b.newestSeq + 1;
    if (lastSeq > 0 && first > lastSeq + 1) gaps.push({ from: lastSeq + 1, to: first - 1 });
    else if (lastSeq === 0 && first > 1) hasOlder = true;
    for (const e of fresh) events.push(e);
    droppedTotal = b.droppedTotal;
    lastSeq = Math.max(lastSeq, b.newestSeq);
    trim();
    notify();
  };
  const off = api.on('sessions.events', onBatch);

  return {
    state,
    async loadOlder(limit = 500) {
      const beforeSeq = events[0]?.seq;
      const page = await api.call('sessions.events.page', {
        sessionId,
        limit,
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      const known = new Set(events.map((e) => e.seq));
      const older = page.events.filter((e) => !known.has(e.seq));
      events = older.concat(events);
      // A first page can cross a live batch that arrived while it was asked for: keep seq order.
      if (older.length > 0 && events.length > older.length && older.at(-1)!.seq > events[older.length]!.seq) events.sort((a, b) => a.seq - b.seq);
      if (lastSeq === 0) lastSeq = page.newestSeq;
      else lastSeq = Math.max(lastSeq, events.at(-1)?.seq ?? 0);
      hasOlder = page.hasMore;
      if (events.length > keep * 1.2) events = events.slice(0, keep); // paging back keeps the oldest page in view
      notify();
      return older.length;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      off();
      listeners.clear();
    },
  };
}
