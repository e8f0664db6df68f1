// Building and writing the info JSON (the reading side, for tests, is info.ts).
import { writeFileSync } from 'node:fs';
import type { CertPaths } from './certs';
import type { BrokerInfo, ListenerInfo } from './info';
import { CONTROLLER_LISTENER, isTls, LISTENERS, type ListenerName } from './listeners';
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
  certs: CertPaths;
  pid: number;
  startedAt: string;
}

export function buildInfo({ version, paths, np, state, node, certs, pid, startedAt }: InfoInput): BrokerInfo {
  const tls = {
    caPath: certs.caCertPath,
    certPath: certs.clientCertPath,
    keyPath: certs.clientKeyPath,
    p12Path: certs.clientP12Path,
    p12Password: state.p12Password,
    serverName: 'localhost',
  };
  const entries = LISTENERS.map((l): [ListenerName, ListenerInfo] => {
    const port = node.ports[l.name] ?? 0;
    const host = l.advertisedHost ?? HOST;
    const info: ListenerInfo = {
      name: l.name,
      host,
      port,
      bootstrap: `${host}:${port}`,
      securityProtocol: l.securityProtocol,
      saslMechanisms: [...l.saslMechanisms],
      clientAuthRequired: l.clientAuth === 'required',
      description: l.description,
    };
    if (isTls(l)) info.tls = tls;
    return [l.name, info];
  });
  return {
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
    listeners: Object.fromEntries(entries) as Record<ListenerName, ListenerInfo>,
    controller: { host: HOST, port: node.ports[CONTROLLER_LISTENER] ?? 0 },
    users: state.users,
    oauthbearer: { validator: 'unsecured-jws', principalClaim: 'sub', requiredClaims: ['sub', 'exp'] },
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
}

/** Writes the version's info JSON, and the stable pointer copy for the default version. */
export function writeInfo(info: BrokerInfo): void {
  const text = `${JSON.stringify(info, null, 2)}\n`;
  writeFileSync(info.infoPath, text);
  if (info.version === DEFAULT_KAFKA_VERSION) writeFileSync(defaultInfoPath, text);
}

export function removeInfo(paths: InstancePaths, version: string): void {
  removeFile(paths.infoPath);
  if (version === DEFAULT_KAFKA_VERSION) removeFile(defaultInfoPath);
}
