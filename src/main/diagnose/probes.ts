/**
 * Follow-up probes the troubleshoot runner makes after a failure, to tell causes apart that
 * look the same in the events: does the port speak TLS? which certificate chain does it
 * present (dates, names, issuer) when verification failed? Never sends Kafka bytes or secrets.
 */
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { CertSummary } from '../core';
import { summariseChain } from '../core/connection/tls-details';

export interface TlsProbeResult {
  speaksTls: boolean | null;
  detail: string;
}

/**
 * Starts a TLS handshake and reports whether TLS came back. Unverified on purpose: it asks only
 * "does this port speak TLS?", sends nothing over the socket, and closes it at once.
 */
export function probeTls(
  host: string,
  port: number,
  timeoutMs: number,
  servername?: string,
): Promise<TlsProbeResult> {
  return new Promise((resolve) => {
    let done = false;
    let socket: TLSSocket | null = null;
    const finish = (r: TlsProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ speaksTls: null, detail: `no answer to a TLS ClientHello within ${timeoutMs} ms` }),
      timeoutMs,
    );
    try {
      socket = tlsConnect({
        host,
        port,
        rejectUnauthorized: false,
        ...(servername && !isIP(servername) ? { servername } : {}),
      });
    } catch (err) {
      finish({ speaksTls: null, detail: (err as Error).message });
      return;
    }
    socket.once('secureConnect', () =>
      finish({ speaksTls: true, detail: `TLS handshake completed (${socket?.getProtocol() ?? 'TLS'})` }),
    );
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      if (/ALERT/.test(code))
        finish({ speaksTls: true, detail: `the port answered with a TLS alert (${code})` });
      else if (
        code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
        code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
        code === 'ERR_SSL_RECORD_LAYER_FAILURE'
      )
        finish({ speaksTls: false, detail: `the port answered with bytes that are not TLS (${code})` });
      else if (code === 'ECONNRESET' || code === 'EPIPE')
        finish({ speaksTls: false, detail: `the port closed the connection on a TLS ClientHello (${code})` });
      else finish({ speaksTls: null, detail: `${code || 'error'}: ${err.message}` });
    });
    socket.once('close', () =>
      finish({ speaksTls: false, detail: 'the port closed the connection on a TLS ClientHello' }),
    );
  });
}

export interface PeerChainResult {
  chain: CertSummary[];
  authorizationError: string | null;
}

/**
 * Completes a TLS handshake without verification to read the chain the broker presents (and
 * why it would not verify, in `authorizationError`); nothing is sent and the socket is closed.
 */
export function inspectPeerChain(
  host: string,
  port: number,
  timeoutMs: number,
  opts: {
    servername?: string;
    ca?: string | Buffer | (string | Buffer)[];
    cert?: string | Buffer;
    key?: string | Buffer;
  } = {},
): Promise<PeerChainResult | null> {
  return new Promise((resolve) => {
    let done = false;
    let socket: TLSSocket | null = null;
    const finish = (r: PeerChainResult | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    try {
      socket = tlsConnect({
        host,
        port,
        rejectUnauthorized: false,
        ...(opts.servername && !isIP(opts.servername) ? { servername: opts.servername } : {}),
        ...(opts.ca !== undefined ? { ca: opts.ca } : {}),
        ...(opts.cert !== undefined ? { cert: opts.cert } : {}),
        ...(opts.key !== undefined ? { key: opts.key } : {}),
      });
    } catch {
      finish(null);
      return;
    }
    socket.once('secureConnect', () => {
      const s = socket!;
      finish({
        chain: summariseChain(s.getPeerCertificate(true)),
        authorizationError: s.authorizationError ? String(s.authorizationError) : null,
      });
    });
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
  });
}
