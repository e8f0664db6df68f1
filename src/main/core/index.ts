/**
 * The connection core's public surface. Plain Node: nothing here imports Electron.
 */
export { Connection, type ConnectOptions, type SendOptions } from './connection/connection';
export { CloseReason } from './connection/close-reason';
export { ConnState, type StateSpan } from './connection/states';
export {
  KafkaConnectionError,
  CorrelationIdError,
  RequestTimeoutError,
  UnsupportedVersionError,
  type SerializedCause,
} from './connection/errors';
export type { FailureKind } from './connection/failure-kind';
export type { ConnectionOptions, TlsOptions } from './connection/options';
export type { InFlightSnapshot } from './connection/pending-request';
export type { NegotiatedApi } from './connection/version-table';
export type { SaslOptions } from './auth/sasl-options';
export type { ConnectionEvent, ConnectionEventBody, ConnectionEventType, CertSummary } from './observe/events';
export type { ConnectionStats } from './observe/stats';
export { ApiKey, apiName, API_TABLE, ProtocolError } from './protocol';
export { Pool, slotKey, type PoolOptions, type ConnectionGroup, type PoolConnectionSummary } from './pool/pool';
export { parseBootstrap, parseBootstrapEntry, BootstrapParseError, DEFAULT_KAFKA_PORT, type BootstrapAddress } from './pool/bootstrap';
export type { ClusterView, BrokerView, BrokerNode, ClusterMetadata } from './pool/cluster-view';
export type { AdvertisedFinding, AdvertisedFindingCode } from './pool/advertised-check';
export type { PoolEvent, PoolEventBody, PoolStreamEvent } from './pool/pool-events';
