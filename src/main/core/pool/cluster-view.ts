/** What the pool knows of the cluster: from Metadata and DescribeCluster, plus each broker's live connection. */
import type { ConnState } from '../connection/states';
import type { NegotiatedApi } from '../connection/version-table';
import type { ConnectionStats } from '../observe/stats';

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterMetadata {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerNode[];
  /** Which connection answered, host:port. */
  source: string;
  /** Wall-clock ms. */
  fetchedAt: number;
}

export interface BrokerConnectionView {
  key: string;
  connectionId: string;
  state: ConnState;
  versions: NegotiatedApi[] | null;
  stats: ConnectionStats;
}

export interface BrokerView extends BrokerNode {
  isController: boolean;
  /** False for a broker the pool knew that the latest Metadata no longer lists (e.g. it is down). */
  inMetadata: boolean;
  connection: BrokerConnectionView | null;
  backoff: { attempts: number; nextAttemptInMs: number } | null;
  lastError: string | null;
}

export interface ClusterView {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerView[];
  bootstrap: string[];
  metadataFetchedAt: number | null;
}
