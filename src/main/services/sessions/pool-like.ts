/** The part of the core's Pool a session uses; tests give a fake one. */
import type {
  AdvertisedFinding,
  ClusterView,
  ConnectionStats,
  ConnState,
  InFlightSnapshot,
  PoolOptions,
  PoolStreamEvent,
  SendOptions,
} from '../../core';

export interface PoolConnectionLike {
  key: string;
  nodeId: number | null;
  group: string;
  connection: {
    readonly id: string;
    readonly broker: string;
    readonly state: ConnState;
    stats(): ConnectionStats;
    inFlight(): InFlightSnapshot[];
  };
}

export interface PoolLike {
  on(event: 'event', listener: (e: PoolStreamEvent) => void): unknown;
  off(event: 'event', listener: (e: PoolStreamEvent) => void): unknown;
  start(): Promise<ClusterView>;
  cluster(): ClusterView;
  connections(): PoolConnectionLike[];
  advertisedFindings(): readonly AdvertisedFinding[];
  // The response shape depends on the API; the inspector makes it JSON-safe.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(nodeId: number, apiKey: number, body: unknown, options?: Pick<SendOptions, 'onQueued'>): Promise<any>;
  shutdown(deadlineMs?: number): Promise<void>;
}

export type CreatePool = (options: PoolOptions) => PoolLike;
