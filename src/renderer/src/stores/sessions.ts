/** Sessions: their summaries and latest snapshots, which one is on screen, and their actions. */
import { create } from 'zustand';
import type { z } from 'zod';
import type { SessionSnapshot, SessionSummary } from '@shared/api/contract';
import { inspectorApis, type InspectorRequestSchema } from '@shared/api/sessions';
import { call } from '../lib/api-client';
import { useEvents } from './events';
import { reportError, useUi } from './ui';

export type InspectorRequest = z.input<typeof InspectorRequestSchema>;

export const inspectorApiNames: Record<number, string> = Object.fromEntries(
  Object.entries(inspectorApis).map(([name, key]) => [key, name]),
);

interface SessionsState {
  summaries: SessionSummary[];
  snapshots: Record<string, SessionSnapshot>;
  activeId: string | null;
  /** Profiles with a connect under way. */
  connecting: Record<string, boolean>;
  setSummaries(list: SessionSummary[]): void;
  onSnapshot(snap: SessionSnapshot): void;
  setActive(id: string | null): void;
  refresh(): Promise<void>;
  connect(profileId: string, opts?: { captureFrames?: boolean }): Promise<string | null>;
  disconnect(sessionId: string, forget?: boolean): Promise<void>;
  reconnect(sessionId: string): Promise<void>;
  send(sessionId: string, request: InspectorRequest, nodeId?: number): Promise<void>;
  burst(sessionId: string, request: InspectorRequest, count: number): Promise<void>;
}

let callIds = 1;

/** A session that just failed says so in the toast area too (its error is also on the Overview). */
function announceFailures(before: SessionSummary[], after: SessionSummary[]): void {
  for (const s of after) {
    const prev = before.find((x) => x.sessionId === s.sessionId);
    if (s.status === 'failed' && prev?.status !== 'failed') useUi.getState().notify('error', `${s.profileName}: connect failed`, s.error ?? 'no broker could be reached');
  }
}

export const useSessions = create<SessionsState>((set, get) => ({
  summaries: [],
  snapshots: {},
  activeId: null,
  connecting: {},
  setSummaries(list) {
    const { activeId, snapshots, summaries: before } = get();
    announceFailures(before, list);
    const ids = new Set(list.map((s) => s.sessionId));
    for (const s of list) useEvents.getState().ensure(s.sessionId, { backfill: !useEvents.getState().bySession[s.sessionId] });
    for (const id of Object.keys(useEvents.getState().bySession)) if (!ids.has(id)) useEvents.getState().drop(id);
    const kept = Object.fromEntries(Object.entries(snapshots).filter(([id]) => ids.has(id)));
    set({
      summaries: list,
      snapshots: kept,
      activeId: activeId && ids.has(activeId) ? activeId : (list[0]?.sessionId ?? null),
    });
  },
  onSnapshot(snap) {
    announceFailures(get().summaries, [snap]);
    set((s) => ({
      snapshots: { ...s.snapshots, [snap.sessionId]: snap },
      // A snapshot is also the freshest summary of its session.
      summaries: s.summaries.some((x) => x.sessionId === snap.sessionId)
        ? s.summaries.map((x) =>
            x.sessionId === snap.sessionId
              ? {
                  sessionId: snap.sessionId,
                  profileId: snap.profileId,
                  profileName: snap.profileName,
                  status: snap.status,
                  startedAt: snap.startedAt,
                  endedAt: snap.endedAt,
                  error: snap.error,
                }
              : x,
          )
        : s.summaries,
    }));
    useEvents.getState().onSnapshot(snap);
  },
  setActive: (activeId) => set({ activeId }),
  async refresh() {
    const list = await call('sessions.list', {}, { what: 'Could not list the sessions' });
    get().setSummaries(list);
    await Promise.all(
      list.map((s) =>
        call('sessions.snapshot', { sessionId: s.sessionId }, { what: `Could not read session ${s.profileName}` }).then(
          (snap) => get().onSnapshot(snap),
          () => undefined, // reported by call()
        ),
      ),
    );
  },
  async connect(profileId, opts = {}) {
    set((s) => ({ connecting: { ...s.connecting, [profileId]: true } }));
    try {
      const { sessionId } = await call('sessions.connect', { profileId, ...opts }, { what: 'Could not connect' });
      useEvents.getState().ensure(sessionId);
      set({ activeId: sessionId });
      void call('sessions.snapshot', { sessionId }, { what: 'Could not read the new session' }).then(
        (snap) => get().onSnapshot(snap),
        () => undefined,
      );
      return sessionId;
    } catch {
      return null; // reported by call()
    } finally {
      set((s) => ({ connecting: { ...s.connecting, [profileId]: false } }));
    }
  },
  async disconnect(sessionId, forget = false) {
    try {
      await call('sessions.disconnect', { sessionId, forget }, { what: forget ? 'Could not close the session' : 'Could not disconnect' });
    } catch {
      // reported by call()
    }
  },
  async reconnect(sessionId) {
    try {
      await call('sessions.reconnect', { sessionId }, { what: 'Could not reconnect' });
    } catch {
      // reported by call()
    }
  },
  async send(sessionId, request, nodeId) {
    const apiName = inspectorApiNames[request.apiKey] ?? `api ${request.apiKey}`;
    const c = {
      id: callIds++,
      apiKey: request.apiKey,
      apiName,
      nodeId: nodeId ?? null,
      request: 'body' in request ? (request.body ?? {}) : {},
      startedAt: Date.now(),
      endedAt: null as number | null,
      latencyMs: null as number | null,
      response: null as unknown,
      error: null as string | null,
      sentAs: null as string | null,
      rowKey: null as string | null,
    };
    try {
      const res = await call('sessions.send', { sessionId, request, ...(nodeId !== undefined ? { nodeId } : {}) }, { quiet: true });
      Object.assign(c, { endedAt: Date.now(), latencyMs: res.latencyMs, response: res.response, nodeId: res.nodeId, sentAs: `${res.connectionId}:${res.correlationId}` });
    } catch (err) {
      c.endedAt = Date.now();
      c.error = reportError(`${apiName} request failed`, err);
    }
    useEvents.getState().addInspectorCall(sessionId, c);
  },
  async burst(sessionId, request, count) {
    await Promise.all(Array.from({ length: count }, () => get().send(sessionId, request)));
    useUi.getState().notify('info', 'Burst finished', `${count} × ${inspectorApiNames[request.apiKey] ?? request.apiKey}`);
  },
}));
