// Turns a listener from the broker info JSON into connection options for RawConnection.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { ListenerInfo } from '../../harness/broker/info';
import type { Target } from './raw-connection';

/** TLS options trusting the harness CA; `clientCert` adds the harness client certificate. */
export function tlsOptions(l: ListenerInfo, clientCert: boolean): ConnectionOptions {
  if (!l.tls) throw new Error(`listener ${l.name} is not TLS`);
  const opts: ConnectionOptions = { ca: readFileSync(l.tls.caPath), servername: l.tls.serverName };
  if (clientCert) {
    opts.cert = readFileSync(l.tls.certPath);
    opts.key = readFileSync(l.tls.keyPath);
  }
  return opts;
}

/**
 * How a well-behaved client reaches this listener (client cert only where it's required).
 * SSL_EXPIRED's certificate can't verify, so there (only) verification is off.
 */
export function targetFor(l: ListenerInfo): Target {
  if (!l.tls) return { host: l.host, port: l.port };
  const tls = tlsOptions(l, l.clientAuthRequired);
  if (l.tls.serverCertExpired) tls.rejectUnauthorized = false;
  return { host: l.host, port: l.port, tls };
}
