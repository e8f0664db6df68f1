/**
 * Compile-time proof that the shared contract's mirror schemas (src/shared/api/kafka-events.ts,
 * session-snapshot.ts) match the core's types: every core event and view fits its schema's
 * type, and no core field is missing from a schema. If the core adds, removes or changes a
 * field or an event, the typecheck fails here, naming the type that drifted.
 */
import type {
  BrokerView,
  ClusterView,
  ConnectionEvent,
  ConnectionStats,
  InFlightSnapshot,
  NegotiatedApi,
  PoolEvent,
} from '../../core';
import type { ConnectionEventData, PoolEventData } from '@shared/api/kafka-events';
import type { ClusterViewData, ConnectionView } from '@shared/api/session-snapshot';

type Fits<Shared, Core extends Shared> = Core;
/** Core fields a shared type lacks; must be never. Unions are matched variant by variant on `type`. */
type Missing<Core, Shared> = Core extends { type: infer K }
  ? Exclude<keyof Core, keyof Extract<Shared, { type: K }>>
  : Exclude<keyof Core, keyof Shared>;
type None<T extends never> = T;

type BrokerViewData = ClusterViewData['brokers'][number];
type BrokerConnectionData = NonNullable<BrokerViewData['connection']>;
type CoreBrokerConnection = NonNullable<BrokerView['connection']>;
type InFlightData = Omit<ConnectionView['inFlight'][number], 'apiName'>;

export type _ConnectionEventsFit = Fits<ConnectionEventData, ConnectionEvent>;
export type _PoolEventsFit = Fits<PoolEventData, PoolEvent>;
export type _ClusterViewFits = Fits<ClusterViewData, ClusterView>;
export type _StatsFit = Fits<ConnectionView['stats'], ConnectionStats>;
export type _InFlightFits = Fits<InFlightData, InFlightSnapshot>;
export type _VersionsFit = Fits<NonNullable<BrokerConnectionData['versions']>, NegotiatedApi[]>;

export type _NoConnectionEventFieldMissing = None<Missing<ConnectionEvent, ConnectionEventData>>;
export type _NoPoolEventFieldMissing = None<Missing<PoolEvent, PoolEventData>>;
export type _NoClusterFieldMissing = None<Missing<ClusterView, ClusterViewData>>;
export type _NoBrokerFieldMissing = None<Missing<BrokerView, BrokerViewData>>;
export type _NoBrokerConnectionFieldMissing = None<Missing<CoreBrokerConnection, BrokerConnectionData>>;
export type _NoStatsFieldMissing = None<Missing<ConnectionStats, ConnectionView['stats']>>;
export type _NoInFlightFieldMissing = None<Missing<InFlightSnapshot, InFlightData>>;
export type _NoVersionFieldMissing = None<
  Missing<NegotiatedApi, NonNullable<BrokerConnectionData['versions']>[number]>
>;
