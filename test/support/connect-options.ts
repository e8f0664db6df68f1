/** ConnectionOptions for each listener of the running test broker. */
import { readFileSync } from 'node:fs';
import { readBrokerInfo, type BrokerInfo, type ListenerName } from '../../harness/broker/info';
import type { ConnectionEvent, ConnectionOptions } from '../../src/main/core';

export function brokerInfo(version?: string): BrokerInfo {
  return readBrokerInfo(version);
}

export function caPem(info: BrokerInfo = brokerInfo()): string {
  return readFileSync(info.tls.caCertPath, 'utf8');
}

/** Right settings for a listener; SASL listeners use the given mechanism's user. */
export function optionsFor(
  listener: ListenerName,
  extra: Partial<ConnectionOptions> = {},
  info: BrokerInfo = brokerInfo(),
): ConnectionOptions {
  const l = info.listeners[listener];
  const tls =
    l.securityProtocol === 'SSL' || l.securityProtocol === 'SASL_SSL'
      ? {
          ca: caPem(info),
          ...(l.clientAuthRequired
            ? {
                cert: readFileSync(info.tls.clientCertPath, 'utf8'),
                key: readFileSync(info.tls.clientKeyPath, 'utf8'),
              }
            : {}),
        }
      : null;
  const sasl =
    l.securityProtocol === 'SASL_PLAINTEXT'
      ? { mechanism: 'PLAIN' as const, ...info.users.plain }
      : l.securityProtocol === 'SASL_SSL'
        ? { mechanism: 'SCRAM-SHA-512' as const, ...info.users.scramSha512 }
        : null;
  return {
    host: l.host,
    port: l.port,
    clientId: 'brokerscope-test',
    connectTimeoutMs: 8000,
    tls,
    sasl,
    ...extra,
  };
}

/** Collects a connection's events for assertions. */
export function recorder(): {
  events: ConnectionEvent[];
  onEvent: (e: ConnectionEvent) => void;
  types: () => string[];
} {
  const events: ConnectionEvent[] = [];
  return { events, onEvent: (e) => events.push(e), types: () => events.map((e) => e.type) };
}
