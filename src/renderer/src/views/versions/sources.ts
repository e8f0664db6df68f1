/** Where negotiated versions come from: each broker connection of every session. */
import type { z } from 'zod';
import type { NegotiatedApiSchema } from '@shared/api/kafka-events';
import type { SessionSnapshot, SessionSummary } from '@shared/api/contract';
import type { SessionEvents } from '../../stores/events';

export type NegotiatedApi = z.output<typeof NegotiatedApiSchema>;

export interface VersionSource {
  key: string;
  sessionId: string;
  sessionName: string;
  nodeId: number | null;
  broker: string;
  label: string;
  apis: NegotiatedApi[];
}

export function versionSources(
  summaries: SessionSummary[],
  snapshots: Record<string, SessionSnapshot>,
  events: Record<string, SessionEvents>,
): VersionSource[] {
  const out: VersionSource[] = [];
  for (const s of summaries) {
    const seen = new Set<string>();
    for (const b of snapshots[s.sessionId]?.cluster?.brokers ?? []) {
      if (!b.connection?.versions) continue;
      const broker = `${b.host}:${b.port}`;
      seen.add(broker);
      out.push({
        key: `${s.sessionId}/node-${b.nodeId}`,
        sessionId: s.sessionId,
        sessionName: s.profileName,
        nodeId: b.nodeId,
        broker,
        label: `node ${b.nodeId} · ${broker}`,
        apis: b.connection.versions,
      });
    }
    // Brokers without a live connection (or a session that ended): the last versions seen.
    const conns = [...(events[s.sessionId]?.derived.conns.values() ?? [])].filter((c) => c.versions).sort((a, b) => b.lastTime - a.lastTime);
    for (const c of conns) {
      if (seen.has(c.broker)) continue;
      seen.add(c.broker);
      out.push({
        key: `${s.sessionId}/conn-${c.connectionId}`,
        sessionId: s.sessionId,
        sessionName: s.profileName,
        nodeId: c.nodeId,
        broker: c.broker,
        label: `${c.nodeId !== null ? `node ${c.nodeId}` : 'bootstrap'} · ${c.broker} (last seen)`,
        apis: c.versions!.apis,
      });
    }
  }
  return out;
}

export type ApiStatus = 'ok' | 'broker-lacks' | 'client-lacks' | 'no-overlap' | 'older';

export function apiStatus(a: NegotiatedApi): ApiStatus {
  if (a.brokerMax === null) return 'broker-lacks';
  if (a.clientMax === null) return 'client-lacks';
  if (a.selected === null) return 'no-overlap';
  if (a.selected < a.brokerMax) return 'older';
  return 'ok';
}
