// What kind of instance is being started: the single broker of a Kafka version (every
// listener, authorizer, OIDC server, maybe a KDC) or the `--cluster N` instance (N combined
// broker+controller nodes with PLAINTEXT and SASL_PLAINTEXT only, replication factor N).
import { CLUSTER_LISTENERS, LISTENERS, type ListenerSpec } from './listeners';

export interface InstanceKind {
  /** 1: the single broker; more: a cluster. */
  nodeCount: number;
  listeners: readonly ListenerSpec[];
  /** StandardAuthorizer, super users and the harness ACL set (acls.ts). */
  authorizer: boolean;
  /** Replication factor of internal and auto-created topics. */
  replicationFactor: number;
  minInsyncReplicas: number;
  /** Heap flags, unless BROKERSCOPE_BROKER_JVM_OPTS overrides all JVM tuning flags. */
  heap: string[];
}

/** `kerberos`: whether a KDC can run here (listeners that need one are left out otherwise). */
export function singleBrokerKind(kerberos: boolean): InstanceKind {
  return {
    nodeCount: 1,
    listeners: LISTENERS.filter((l) => l.needs !== 'kerberos' || kerberos),
    authorizer: true,
    replicationFactor: 1,
    minInsyncReplicas: 1,
    heap: ['-Xms256m', '-Xmx1g'],
  };
}

export function clusterKind(nodeCount: number): InstanceKind {
  if (!Number.isInteger(nodeCount) || nodeCount < 2 || nodeCount > 5)
    throw new Error(`--cluster wants 2..5 nodes, got ${nodeCount}`);
  return {
    nodeCount,
    listeners: CLUSTER_LISTENERS,
    authorizer: false,
    replicationFactor: nodeCount,
    // One node may be down (tests stop one) while acks=all produce still succeeds.
    minInsyncReplicas: nodeCount - 1,
    heap: ['-Xms128m', '-Xmx384m'],
  };
}

export const usesOidc = (kind: InstanceKind): boolean => kind.listeners.some((l) => l.oauthbearer === 'oidc');
export const usesKerberos = (kind: InstanceKind): boolean =>
  kind.listeners.some((l) => l.saslMechanisms.includes('GSSAPI'));
