// The one JSON file a test needs to reach the test broker, its type, and how to read it.
// Tests: `import { readBrokerInfo } from '../../harness/broker/info'`.
import { existsSync, readFileSync } from 'node:fs';
import type { ListenerName, SaslMechanism, SecurityProtocol } from './listeners';
import { defaultInfoPath, DEFAULT_KAFKA_VERSION, instancePaths } from './paths';
import type { Credentials, Users } from './state';

export type { Credentials, ListenerName, SaslMechanism, SecurityProtocol, Users };

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
}

export interface ListenerInfo {
  name: ListenerName;
  host: string;
  port: number;
  /** `host:port`, ready for a client's bootstrap list. */
  bootstrap: string;
  securityProtocol: SecurityProtocol;
  /** Enabled mechanisms in broker config order; empty when not SASL. */
  saslMechanisms: SaslMechanism[];
  tls?: ListenerTls;
  clientAuthRequired: boolean;
  description: string;
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
  listeners: Record<ListenerName, ListenerInfo>;
  controller: { host: string; port: number };
  users: Users;
  /** OAUTHBEARER on SASL_PLAINTEXT accepts unsigned (alg "none") JWTs with these rules. */
  oauthbearer: { validator: 'unsecured-jws'; principalClaim: 'sub'; requiredClaims: string[] };
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
