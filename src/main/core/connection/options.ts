/**
 * What a connection needs to know. Secrets (password, key, passphrase) live only here:
 * nothing in this object is ever copied into an event or an error message.
 */
import type { SaslOptions } from '../auth/sasl-options';

export interface TlsOptions {
  /** PEM CA certificate(s) to trust instead of the system store. */
  ca?: string | Buffer | (string | Buffer)[];
  /** PEM client certificate chain, for mutual TLS. */
  cert?: string | Buffer;
  /** PEM private key of the client certificate. */
  key?: string | Buffer;
  /** PKCS#12 bundle of the client certificate and key (instead of cert + key). */
  pfx?: Buffer;
  /** Passphrase of an encrypted key or of the PKCS#12 bundle. */
  passphrase?: string;
  /** SNI name and the name the certificate must carry; default: the host, unless it is an IP. */
  servername?: string;
  /** Verify the certificate chain (default true). Off only for a test that proves the failure. */
  rejectUnauthorized?: boolean;
  /** Check that the certificate names the host (default true). Turning it off emits a warning event. */
  verifyHostname?: boolean;
  /** Keep the TLS key log (NSS format) for export. Off by default: it decrypts captures. */
  keyLog?: boolean;
}

export interface ConnectionOptions {
  host: string;
  port: number;
  clientId?: string | null;
  /** Node id from Metadata, when known; a label only. */
  nodeId?: number | null;
  /** Whole setup budget, DNS to READY (default 10 s). */
  connectTimeoutMs?: number;
  /** Default per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Drop the connection after this long with nothing pending or queued (default: never). */
  maxIdleMs?: number | null;
  /** Requests on the wire at once; more wait in a queue (default 64). */
  maxInFlight?: number;
  /** Largest frame accepted from the broker (default 100 MiB). */
  maxFrameBytes?: number;
  /** How long a timed-out request may stay unanswered before the broker is taken for dead (default: requestTimeoutMs). */
  lateReplyGraceMs?: number;
  /** TCP keepalive initial delay (default 60 s; 0 turns keepalive off). */
  keepAliveMs?: number;
  tls?: true | TlsOptions | null;
  sasl?: SaslOptions | null;
  /** For brokers older than 0.10, which have no ApiVersions: the release, e.g. "0.9" or "0.8.2". */
  apiVersionHint?: string | null;
  /** KIP-511 client software name and version sent in ApiVersions. */
  clientSoftwareName?: string;
  clientSoftwareVersion?: string;
  /** Emit every frame (before TLS, SASL payloads blanked) as 'frame' events, for pcapng export. */
  captureFrames?: boolean;
  /** Resolve host names (default dns.lookup); tests may inject one. */
  lookup?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export interface ResolvedOptions {
  host: string;
  port: number;
  clientId: string | null;
  nodeId: number | null;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxIdleMs: number | null;
  maxInFlight: number;
  maxFrameBytes: number;
  lateReplyGraceMs: number;
  keepAliveMs: number;
  tls: TlsOptions | null;
  sasl: SaslOptions | null;
  apiVersionHint: string | null;
  clientSoftwareName: string;
  clientSoftwareVersion: string;
  captureFrames: boolean;
}

export const DEFAULTS = {
  clientId: 'brokerscope',
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxInFlight: 64,
  maxFrameBytes: 100 * 1024 * 1024,
  keepAliveMs: 60_000,
  clientSoftwareName: 'brokerscope',
  clientSoftwareVersion: '0.1.0',
} as const;

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new TypeError(`connection option ${name} must be a positive number, got ${String(value)}`);
  return v;
}

export function resolveOptions(o: ConnectionOptions): ResolvedOptions {
  if (typeof o.host !== 'string' || o.host.length === 0) throw new TypeError('connection option host must be a non-empty string');
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new TypeError(`connection option port must be 1–65535, got ${String(o.port)}`);
  const requestTimeoutMs = positive('requestTimeoutMs', o.requestTimeoutMs, DEFAULTS.requestTimeoutMs);
  return {
    host: o.host,
    port: o.port,
    clientId: o.clientId === undefined ? DEFAULTS.clientId : o.clientId,
    nodeId: o.nodeId ?? null,
    connectTimeoutMs: positive('connectTimeoutMs', o.connectTimeoutMs, DEFAULTS.connectTimeoutMs),
    requestTimeoutMs,
    maxIdleMs: o.maxIdleMs == null ? null : positive('maxIdleMs', o.maxIdleMs, 1),
    maxInFlight: Math.floor(positive('maxInFlight', o.maxInFlight, DEFAULTS.maxInFlight)),
    maxFrameBytes: positive('maxFrameBytes', o.maxFrameBytes, DEFAULTS.maxFrameBytes),
    lateReplyGraceMs: positive('lateReplyGraceMs', o.lateReplyGraceMs, requestTimeoutMs),
    keepAliveMs: o.keepAliveMs ?? DEFAULTS.keepAliveMs,
    tls: o.tls === true ? {} : (o.tls ?? null),
    sasl: o.sasl ?? null,
    apiVersionHint: o.apiVersionHint ?? null,
    clientSoftwareName: o.clientSoftwareName ?? DEFAULTS.clientSoftwareName,
    clientSoftwareVersion: o.clientSoftwareVersion ?? DEFAULTS.clientSoftwareVersion,
    captureFrames: o.captureFrames ?? false,
  };
}
