/**
 * Each session's event stream (through the session feed helper) and what is derived from
 * it. The event window and the derived object are mutated in place for speed; `rev` changes
 * whenever they did, so components select `rev` and read them. Records are folded into the
 * derived state as they arrive, then let go: the window keeps them compactly.
 */
import { create } from 'zustand';
import type { SessionSnapshot } from '@shared/api/contract';
import { EVENT_PAGE_MAX } from '@shared/api/sessions';
import { createSessionFeed, type SessionFeed, type SessionFeedState } from '../api/session-feed';
import type { EventWindow } from '../lib/event-window';
import { getApi } from '../lib/api-client';
import { SessionDerived, type InspectorCall } from '../lib/derive';
import { coalesce } from '../lib/coalesce';
import { reportError } from './ui';

/** Events the renderer keeps per session (the event log scrolls through all of them). */
export const RENDERER_KEEP = 150_000;

export interface SessionEvents {
  sessionId: string;
  /** The window of events held here (mutable; `rev` marks its changes). */
  events: EventWindow;
  gaps: { from: number; to: number }[];
  droppedTotal: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  derived: SessionDerived;
  rev: number;
}

interface EventsState {
  bySession: Record<string, SessionEvents>;
  ensure(sessionId: string, opts?: { backfill?: boolean }): void;
  loadOlder(sessionId: string, limit?: number): Promise<number>;
  onSnapshot(snap: SessionSnapshot): void;
  addInspectorCall(sessionId: string, call: InspectorCall): void;
  touch(sessionId: string): void;
  drop(sessionId: string): void;
}

/**
 * A session's views update at most this often (~8 times a second) while events stream in,
 * and less often when updates are expensive: at most a quarter of the main thread goes to
 * them (a quarter-second apart at most), the rest stays with input.
 */
const UPDATE_PACING = { minGapMs: 120, share: 0.25, maxGapMs: 250 };

/** Each session's feed and the coalescer that turns its batches into store updates. */
const streams = new Map<string, { feed: SessionFeed; flush: { close(): void } }>();

export const useEvents = create<EventsState>((set, get) => {
  const update = (sessionId: string, fs: SessionFeedState): void => {
    const cur = get().bySession[sessionId];
    if (!cur) return;
    set((s) => ({
      bySession: {
        ...s.bySession,
        [sessionId]: {
          ...cur,
          gaps: fs.gaps,
          droppedTotal: fs.droppedTotal,
          hasOlder: fs.hasOlder,
          rev: cur.rev + 1,
        },
      },
    }));
  };

  return {
    bySession: {},
    ensure(sessionId, opts = {}) {
      if (streams.has(sessionId)) return;
      const feed = createSessionFeed(getApi(), sessionId, { keep: RENDERER_KEEP });
      let latest: SessionFeedState | null = null;
      const flush = coalesce(() => {
        if (latest && streams.get(sessionId)?.feed === feed) update(sessionId, latest);
        latest = null;
      }, UPDATE_PACING);
      streams.set(sessionId, { feed, flush });
      set((s) => ({
        bySession: {
          ...s.bySession,
          [sessionId]: {
            sessionId,
            events: feed.state().events,
            gaps: [],
            droppedTotal: 0,
            hasOlder: false,
            loadingOlder: false,
            derived: new SessionDerived(),
            rev: 0,
          },
        },
      }));
      let first = true;
      feed.subscribe((fs, added) => {
        get().bySession[sessionId]?.derived.ingest(added);
        latest = fs;
        flush.schedule();
        // Joined mid-stream: fetch what came before the first live batch.
        if (first && fs.hasOlder && !opts.backfill) void get().loadOlder(sessionId, EVENT_PAGE_MAX);
        first = false;
      });
      if (opts.backfill) void get().loadOlder(sessionId, EVENT_PAGE_MAX);
    },
    async loadOlder(sessionId, limit = EVENT_PAGE_MAX) {
      const feed = streams.get(sessionId)?.feed;
      const cur = get().bySession[sessionId];
      if (!feed || !cur || cur.loadingOlder) return 0;
      set((s) => ({ bySession: { ...s.bySession, [sessionId]: { ...cur, loadingOlder: true } } }));
      try {
        return await feed.loadOlder(limit);
      } catch (err) {
        reportError('Could not load older events', err);
        return 0;
      } finally {
        const now = get().bySession[sessionId];
        if (now) set((s) => ({ bySession: { ...s.bySession, [sessionId]: { ...now, loadingOlder: false } } }));
      }
    },
    onSnapshot(snap) {
      const cur = get().bySession[snap.sessionId];
      if (cur?.derived.reconcile(snap)) get().touch(snap.sessionId);
    },
    addInspectorCall(sessionId, c) {
      get().bySession[sessionId]?.derived.addInspectorCall(c);
      get().touch(sessionId);
    },
    touch(sessionId) {
      const cur = get().bySession[sessionId];
      if (!cur) return;
      cur.derived.matchInspector();
      set((s) => ({ bySession: { ...s.bySession, [sessionId]: { ...cur, rev: cur.rev + 1 } } }));
    },
    drop(sessionId) {
      const stream = streams.get(sessionId);
      stream?.feed.close();
      stream?.flush.close();
      streams.delete(sessionId);
      set((s) => {
        const { [sessionId]: _gone, ...rest } = s.bySession;
        return { bySession: rest };
      });
    },
  };
});
