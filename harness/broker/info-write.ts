// Building and writing the info JSON (the reading side, for tests, is info.ts).
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { CertPaths } from './certs';
import type {
  AclInfo,
  BrokerInfo,
  ClusterInfo,
  ClusterNodeInfo,
  KerberosInfo,
  ListenerInfo,
  ListenerTls,
  OidcInfo,
} from './info';
import type { InstanceKind } from './instance-kind';
import { CONTROLLER_LISTENER, isTls, unusedPortKey, type ListenerSpec } from './listeners';
import { defaultInfoPath, DEFAULT_KAFKA_VERSION, type InstancePaths, type NodePaths } from './paths';
import { HOST } from './ports';
import { removeFile } from './process';
import type { InstanceState, NodeState } from './state';

export interface InfoInput {
  version: string;
  paths: InstancePaths;
  np: NodePaths;
  state: InstanceState;
  node: NodeState;
  kind: InstanceKind;
  certs: CertPaths;
  pid: number;
  startedAt: string;
  oidc: OidcInfo;
  acl: AclInfo;
  kerberos?: KerberosInfo;
}

function listenerTls(l: ListenerSpec, state: InstanceState, certs: CertPaths): ListenerTls {
  const serverCertPath = l.keystore === 'expired' ? certs.expiredCertPath : certs.brokerCertPath;
  const notAfter = new Date(new X509Certificate(readFileSync(serverCertPath)).validTo);
  return {
    caPath: certs.caCertPath,
    certPath: certs.clientCertPath,
    keyPath: certs.clientKeyPath,
    p12Path: certs.clientP12Path,
    p12Password: state.p12Password,
    serverName: 'localhost',
    serverCertPath,
    serverCertNotAfter: notAfter.toISOString(),
    serverCertExpired: notAfter.getTime() < Date.now(),
  };
}

/** Info JSON entries for a node's listeners (host/port: where to connect; advertised*: what Metadata says). */
export function listenerInfos(
  listeners: readonly ListenerSpec[],
  node: NodeState,
  state: InstanceState,
  certs?: CertPaths,
): Record<string, ListenerInfo> {
  const entries = listeners.map((l): [string, ListenerInfo] => {
    const port = node.ports[l.name] ?? 0;
    const info: ListenerInfo = {
      name: l.name as ListenerInfo['name'],
      host: HOST,
      port,
      bootstrap: `${HOST}:${port}`,
      securityProtocol: l.securityProtocol,
      saslMechanisms: [...l.saslMechanisms],
      clientAuthRequired: l.clientAuth === 'required',
      description: l.description,
    };
    if (isTls(l)) {
      if (!certs) throw new Error(`TLS listener ${l.name} without certificates`);
      info.tls = listenerTls(l, state, certs);
    }
    if (l.advertisedHost !== undefined || l.advertisedPort === 'unused') {
      info.advertisedHost = l.advertisedHost ?? HOST;
      info.advertisedPort = l.advertisedPort === 'unused' ? (node.ports[unusedPortKey(l.name)] ?? 0) : port;
    }
    const reauth = l.extraConfig?.['connections.max.reauth.ms'];
    if (reauth !== undefined) info.connectionsMaxReauthMs = Number(reauth);
    if (l.saslMechanisms.includes('OAUTHBEARER'))
      info.oauthbearer = l.oauthbearer === 'oidc' ? 'oidc' : 'unsecured-jws';
    return [l.name, info];
  });
  return Object.fromEntries(entries);
}

export function buildInfo(input: InfoInput): BrokerInfo {
  const { version, paths, np, state, node, kind, certs, pid, startedAt } = input;
  const info: BrokerInfo = {
    schema: 1,
    version,
    instance: paths.id,
    clusterId: state.clusterId,
    nodeId: node.nodeId,
    pid,
    startedAt,
    infoPath: paths.infoPath,
    stateDir: paths.dir,
    logPath: np.logPath,
    configPath: np.configPath,
    listeners: listenerInfos(kind.listeners, node, state, certs) as BrokerInfo['listeners'],
    controller: { host: HOST, port: node.ports[CONTROLLER_LISTENER] ?? 0 },
    users: state.users,
    oauthbearer: { validator: 'unsecured-jws', principalClaim: 'sub', requiredClaims: ['sub', 'exp'] },
    oidc: input.oidc,
    acl: input.acl,
    tls: {
      caCertPath: certs.caCertPath,
      caKeyPath: certs.caKeyPath,
      brokerCertPath: certs.brokerCertPath,
      brokerKeyPath: certs.brokerKeyPath,
      clientCertPath: certs.clientCertPath,
      clientKeyPath: certs.clientKeyPath,
      clientP12Path: certs.clientP12Path,
      clientP12Password: state.p12Password,
    },
  };
  if (input.kerberos) info.kerberos = input.kerberos;
  return info;
}

export interface ClusterNodeRuntime {
  np: NodePaths;
  pid: number;
  running: boolean;
}

export function buildClusterInfo(input: {
  version: string;
  paths: InstancePaths;
  state: InstanceState;
  kind: InstanceKind;
  startedAt: string;
  nodes: Map<number, ClusterNodeRuntime>;
}): ClusterInfo {
  const { version, paths, state, kind, startedAt } = input;
  const nodes = state.nodes.map((n): ClusterNodeInfo => {
    const rt = input.nodes.get(n.nodeId);
    if (!rt) throw new Error(`no runtime info for node ${n.nodeId}`);
    return {
      nodeId: n.nodeId,
      running: rt.running,
      pid: rt.pid,
      logPath: rt.np.logPath,
      configPath: rt.np.configPath,
      listeners: listenerInfos(kind.listeners, n, state) as ClusterNodeInfo['listeners'],
      controller: { host: HOST, port: n.ports[CONTROLLER_LISTENER] ?? 0 },
    };
  });
  const first = nodes[0];
  if (!first) throw new Error('cluster without nodes');
  return {
    schema: 1,
    version,
    instance: paths.id,
    clusterId: state.clusterId,
    nodeCount: nodes.length,
    startedAt,
    infoPath: paths.infoPath,
    stateDir: paths.dir,
    bootstrap: nodes.map((n) => n.listeners.PLAINTEXT.bootstrap).join(','),
    listeners: first.listeners,
    nodes,
    users: state.users,
    replicationFactor: kind.replicationFactor,
    minInsyncReplicas: kind.minInsyncReplicas,
  };
}

/** Writes the version's info JSON, and the stable pointer copy for the default version. */
export function writeInfo(info: BrokerInfo): void {
  const text = `${JSON.stringify(info, null, 2)}\n`;
  writeFileSync(info.infoPath, text);
  if (info.version === DEFAULT_KAFKA_VERSION) writeFileSync(defaultInfoPath, text);
}

export function writeClusterInfo(info: ClusterInfo): void {
  writeFileSync(info.infoPath, `${JSON.stringify(info, null, 2)}\n`);
}

/** Removes an instance's info JSON (and, for the default single broker, the pointer copy). */
export function removeInfo(paths: InstancePaths, version: string, single = true): void {
  removeFile(paths.infoPath);
  if (single && version === DEFAULT_KAFKA_VERSION) removeFile(defaultInfoPath);
}
