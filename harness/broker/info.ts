// The one JSON file a test needs to reach the test broker, its type, and how to read it.
// Tests: `import { readBrokerInfo } from '../../harness/broker/info'`.
import { existsSync, readFileSync } from 'node:fs';
import type { KerberosInfo } from './kerberos';
import type {
  BaseListenerName,
  ListenerName,
  OptionalListenerName,
  SaslMechanism,
  SecurityProtocol,
} from './listeners';
import type { OidcInfo } from './oidc';
import { defaultInfoPath, DEFAULT_KAFKA_VERSION, instancePaths } from './paths';
import type { Credentials, Users } from './state';

export type {
  BaseListenerName,
  Credentials,
  KerberosInfo,
  ListenerName,
  OidcInfo,
  OptionalListenerName,
  SaslMechanism,
  SecurityProtocol,
  Users,
};

export interface ListenerTls {
  /** CA that signed the broker (and client) certificates: trust this. */
  caPath: string;
  /** Client certificate + key (PEM), required on listeners with clientAuthRequired. */
  certPath: string;
  keyPath: string;
  /** The same client cert + key (+ CA) as password-protected PKCS#12. */
  p12Path: string;
  p12Password: string;
  /** Name the broker certificate is valid for (CN; SANs are DNS:localhost, IP:127.0.0.1). */
  serverName: string;
  /** The certificate this listener serves (PEM) and when it stops being valid (ISO). */
  serverCertPath: string;
  serverCertNotAfter: string;
  /** True on SSL_EXPIRED: its certificate's notAfter is in the past (clients must fail to verify it). */
  serverCertExpired: boolean;
}

export interface ListenerInfo {
  name: ListenerName | OptionalListenerName;
  /** Where to connect (always the bound loopback address, even when another host is advertised). */
  host: string;
  port: number;
  /** `host:port`, ready for a client's bootstrap list. */
  bootstrap: string;
  securityProtocol: SecurityProtocol;
  /** Enabled mechanisms in broker config order; empty when not SASL. */
  saslMechanisms: SaslMechanism[];
  tls?: ListenerTls;
  clientAuthRequired: boolean;
  /** Only where Metadata advertises something else than host:port (ADVERTISED_BAD, ADVERTISED_LOCALHOST). */
  advertisedHost?: string;
  advertisedPort?: number;
  /** `connections.max.reauth.ms` when the listener sets one (SASL session lifetime cap, KIP-368). */
  connectionsMaxReauthMs?: number;
  /** How OAUTHBEARER tokens are checked on this listener, when it enables OAUTHBEARER. */
  oauthbearer?: 'unsecured-jws' | 'oidc';
  description: string;
}

/** The ACLs the harness creates on the single broker (StandardAuthorizer). */
export interface AclInfo {
  /** The restricted user (users.restricted) may not Describe (or do anything with) this topic. */
  deniedTopic: string;
  /** Principal the DENY rules name, e.g. "User:restricted-user". */
  deniedPrincipal: string;
  /** It may not Describe the cluster either (DescribeCluster, DescribeConfigs of brokers...). */
  clusterDescribeDenied: true;
  /** Everything the harness and its users connect as that bypasses ACLs. */
  superUsers: string[];
  authorizer: string;
  allowEveryoneIfNoAclFound: true;
  /** The bindings as created (resourceType/name/principal/operation/permission). */
  bindings: {
    resourceType: string;
    resourceName: string;
    principal: string;
    operation: string;
    permission: string;
  }[];
}

export interface BrokerInfo {
  schema: 1;
  /** Kafka version, e.g. "4.1.1". */
  version: string;
  /** Instance id, e.g. "kafka-4.1.1" (state dir name). */
  instance: string;
  clusterId: string;
  nodeId: number;
  pid: number;
  /** ISO time the running broker was started. */
  startedAt: string;
  infoPath: string;
  stateDir: string;
  logPath: string;
  configPath: string;
  /** SASL_GSSAPI is there only when the machine has an MIT KDC (then `kerberos` is set too). */
  listeners: Record<ListenerName, ListenerInfo> & Partial<Record<OptionalListenerName, ListenerInfo>>;
  controller: { host: string; port: number };
  users: Users;
  /** OAUTHBEARER on SASL_PLAINTEXT and SASL_SSL accepts unsigned (alg "none") JWTs with these rules. */
  oauthbearer: { validator: 'unsecured-jws'; principalClaim: 'sub'; requiredClaims: string[] };
  /** The harness OIDC server SASL_OIDC validates tokens against. */
  oidc: OidcInfo;
  acl: AclInfo;
  kerberos?: KerberosInfo;
  tls: {
    caCertPath: string;
    caKeyPath: string;
    brokerCertPath: string;
    brokerKeyPath: string;
    clientCertPath: string;
    clientKeyPath: string;
    clientP12Path: string;
    clientP12Password: string;
  };
}

/**
 * Path of a version's info JSON. Without a version: $BROKERSCOPE_BROKER_INFO (set by the
 * integration global setup) or the stable pointer .cache/broker/broker.json.
 */
export function brokerInfoPath(version?: string): string {
  if (version !== undefined) return instancePaths(version).infoPath;
  return process.env.BROKERSCOPE_BROKER_INFO ?? defaultInfoPath;
}

export interface ClusterNodeInfo {
  nodeId: number;
  /** False while stopped with stopClusterNode(); pid is then the last one. */
  running: boolean;
  pid: number;
  logPath: string;
  configPath: string;
  listeners: Record<BaseListenerName, ListenerInfo>;
  controller: { host: string; port: number };
}

/** Info JSON of the `--cluster N` instance (combined broker+controller nodes). */
export interface ClusterInfo {
  schema: 1;
  version: string;
  /** e.g. "kafka-4.1.1-cluster3". */
  instance: string;
  clusterId: string;
  nodeCount: number;
  startedAt: string;
  infoPath: string;
  stateDir: string;
  /** Every node's PLAINTEXT address, comma-separated. */
  bootstrap: string;
  /** Node 1's listeners (same shape as the single broker's, for code written against it). */
  listeners: Record<BaseListenerName, ListenerInfo>;
  nodes: ClusterNodeInfo[];
  users: Users;
  replicationFactor: number;
  minInsyncReplicas: number;
}

export function clusterInfoPath(version: string = DEFAULT_KAFKA_VERSION, nodeCount = 3): string {
  return instancePaths(version, nodeCount).infoPath;
}

export function readClusterInfo(version: string = DEFAULT_KAFKA_VERSION, nodeCount = 3): ClusterInfo {
  const path = clusterInfoPath(version, nodeCount);
  if (!existsSync(path)) {
    throw new Error(
      `No test cluster info at ${path}: start one with \`npm run broker:start -- --cluster ${nodeCount}\``,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ClusterInfo;
}

export function readBrokerInfo(version?: string): BrokerInfo {
  const path = brokerInfoPath(version);
  if (!existsSync(path)) {
    const v = version ?? DEFAULT_KAFKA_VERSION;
    const flag = version === undefined ? '' : ` -- --version ${v}`;
    throw new Error(`No test broker info at ${path}: start one with \`npm run broker:start${flag}\``);
  }
  return readBrokerInfoFile(path);
}

export function readBrokerInfoFile(path: string): BrokerInfo {
  return JSON.parse(readFileSync(path, 'utf8')) as BrokerInfo;
}
