/** Selectors the views share. */
import { useEvents, type SessionEvents } from '../stores/events';
import { useProfiles } from '../stores/profiles';
import { useSessions } from '../stores/sessions';
import type { Profile, SessionSnapshot, SessionSummary } from '@shared/api/contract';

export function useActiveSummary(): SessionSummary | null {
  return useSessions((s) => s.summaries.find((x) => x.sessionId === s.activeId) ?? null);
}

export function useActiveSnapshot(): SessionSnapshot | null {
  return useSessions((s) => (s.activeId ? (s.snapshots[s.activeId] ?? null) : null));
}

export function useSessionEvents(sessionId: string | null | undefined): SessionEvents | null {
  return useEvents((s) => (sessionId ? (s.bySession[sessionId] ?? null) : null));
}

export function useProfile(id: string | null | undefined): Profile | null {
  return useProfiles((s) => s.profiles.find((p) => p.id === id) ?? null);
}
