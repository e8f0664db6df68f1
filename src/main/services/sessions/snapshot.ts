/** A session's snapshot from its pool: cluster view, connections with in-flight queues, buffer state. */
import type { EventBufferInfo, SessionSnapshot, SessionSummary } from '@shared/api/session-snapshot';
import { apiName } from '../../core';
import type { PoolLike } from './pool-like';

/** In-flight requests listed per connection (the rest are counted). */
export const IN_FLIGHT_LISTED = 100;

export function buildSnapshot(
  summary: SessionSummary,
  pool: PoolLike | null,
  events: EventBufferInfo,
  now = Date.now(),
): SessionSnapshot {
  const connections = (pool?.connections() ?? []).map(({ key, nodeId, group, connection: c }) => {
    const inFlight = c.inFlight();
    return {
      key,
      nodeId,
      group,
      connectionId: c.id,
      broker: c.broker,
      state: c.state,
      stats: c.stats(),
      inFlight: inFlight.slice(0, IN_FLIGHT_LISTED).map((r) => ({ ...r, apiName: apiName(r.apiKey) })),
      inFlightNotListed: Math.max(0, inFlight.length - IN_FLIGHT_LISTED),
    };
  });
  return {
    ...summary,
    takenAt: now,
    cluster: pool ? pool.cluster() : null,
    connections,
    advertisedFindings: pool ? [...pool.advertisedFindings()] : [],
    events,
  };
}
