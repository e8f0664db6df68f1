/**
 * The renderer's view of one session's event stream: live batches appended, older events
 * paged in on demand, kept to a bounded window, with what was dropped counted (and the
 * gaps it left marked) so the UI can say so and offer to fill them. `events` is always in
 * seq order without repeats; it is one mutable window (not a snapshot), held compactly
 * (lib/event-window), and it holds between `keep` and `keep` + one chunk events once full.
 */
import type { BrokerscopeApi, EventBatch, SessionEventRecord } from '@shared/api/contract';
import { EventWindow } from '../lib/event-window';

export interface SessionFeedState {
  events: EventWindow;
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
  /** `added` are the records that just joined the window (a live batch or a page), in seq order. */
  subscribe(listener: (s: SessionFeedState, added: readonly SessionEventRecord[]) => void): () => void;
  close(): void;
}

/** Chunk size of a window holding `keep` events: whole chunks are dropped, so the window overshoots `keep` by at most one. */
export const chunkSizeFor = (keep: number): number => Math.min(4096, Math.max(16, Math.ceil(keep / 8)));

export function createSessionFeed(
  api: BrokerscopeApi,
  sessionId: string,
  opts: { keep?: number } = {},
): SessionFeed {
  const keep = opts.keep ?? 5000;
  const events = new EventWindow(chunkSizeFor(keep));
  let gaps: { from: number; to: number }[] = [];
  let droppedTotal = 0;
  let hasOlder = false;
  let lastSeq = 0;
  const listeners = new Set<(s: SessionFeedState, added: readonly SessionEventRecord[]) => void>();

  const state = (): SessionFeedState => ({ events, droppedTotal, gaps, hasOlder });
  const notify = (added: readonly SessionEventRecord[]): void => {
    const s = state();
    for (const l of listeners) l(s, added);
  };
  // Whole chunks leave the head once the window holds a chunk more than `keep`.
  const trim = (): void => {
    if (events.trimHead(keep) === 0) return;
    hasOlder = true;
    const oldest = events.firstSeq ?? 0;
    gaps = gaps.filter((g) => g.to >= oldest);
  };

  const onBatch = (b: EventBatch): void => {
    if (b.sessionId !== sessionId) return;
    // A page loaded meanwhile may already hold some of these: keep only what is newer than what we have.
    const fresh = lastSeq > 0 ? b.events.filter((e) => e.seq > lastSeq) : b.events;
    const first = fresh[0]?.seq ?? b.newestSeq + 1;
    if (lastSeq > 0 && first > lastSeq + 1) gaps.push({ from: lastSeq + 1, to: first - 1 });
    else if (lastSeq === 0 && first > 1) hasOlder = true;
    events.append(fresh);
    droppedTotal = b.droppedTotal;
    lastSeq = Math.max(lastSeq, b.newestSeq);
    trim();
    notify(fresh);
  };
  const off = api.on('sessions.events', onBatch);

  return {
    state,
    async loadOlder(limit = 500) {
      const beforeSeq = events.firstSeq;
      const page = await api.call('sessions.events.page', {
        sessionId,
        limit,
        ...(beforeSeq !== null ? { beforeSeq } : {}),
      });
      // A first page can cross a live batch that arrived while it was asked for: what is older
      // than the window goes before it, what is newer after it, what it holds already is skipped.
      const first = events.firstSeq;
      const last = events.lastSeq;
      const older = first === null ? page.events : page.events.filter((e) => e.seq < first);
      const newer = last === null ? [] : page.events.filter((e) => e.seq > last);
      events.prepend(older);
      events.append(newer);
      if (lastSeq === 0) lastSeq = page.newestSeq;
      else lastSeq = Math.max(lastSeq, events.lastSeq ?? 0);
      hasOlder = page.hasMore;
      // Paging back keeps the oldest page in view.
      if (events.length > keep) events.trimTail(keep);
      notify(older.concat(newer));
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
