// A minimal Kafka connection over node:net / node:tls for harness tests: write a raw request
// frame, read back the next size-prefixed response frame.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { ApiKey, Reader, encodeRequest } from './kafka-wire';

export interface RawResponse {
  correlationId: number;
  /** Response body after the v0 response header. */
  body: Buffer;
}

export interface Target {
  host: string;
  port: number;
  /** When set, connect with TLS using these options. */
  tls?: ConnectionOptions;
}

export class RawConnection {
  private buffered = Buffer.alloc(0);
  private waiters: { resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private nextCorrelationId = 1;

  private constructor(readonly socket: Socket | TLSSocket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.drain();
    });
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed by broker')));
  }

  /** Connects (and completes the TLS handshake when target.tls is set). */
  static open(target: Target, timeoutMs = 10_000): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const sock = target.tls
        ? tlsConnect({ host: target.host, port: target.port, ...target.tls })
        : netConnect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error(`connect to ${target.host}:${target.port} timed out`));
      }, timeoutMs);
      sock.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      sock.once(target.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        resolve(new RawConnection(sock));
      });
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.waiters.shift()?.resolve(frame);
    }
  }

  private nextFrame(timeoutMs: number): Promise<Buffer> {
    if (this.failure && this.buffered.length < 4) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.drain();
    });
  }

  /**
   * Sends one request (header v1, or v2 when `flexible`) and resolves with the next response
   * frame (its header's tag section skipped for flexible versions, ApiVersions excepted).
   */
  async request(
    apiKey: number,
    apiVersion: number,
    body?: Buffer,
    opts: { clientId?: string | null; timeoutMs?: number; flexible?: boolean } = {},
  ): Promise<RawResponse> {
    const correlationId = this.nextCorrelationId++;
    const reply = this.nextFrame(opts.timeoutMs ?? 10_000);
    this.socket.write(
      encodeRequest(
        apiKey,
        apiVersion,
        correlationId,
        opts.clientId === undefined ? 'brokerscope-harness-test' : opts.clientId,
        body,
        opts.flexible ?? false,
      ),
    );
    const frame = await reply;
    const r = new Reader(frame);
    const id = r.int32();
    if (opts.flexible && apiKey !== ApiKey.ApiVersions) r.tags();
    return { correlationId: id, body: frame.subarray(frame.length - r.remaining) };
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Opens a connection, runs `fn`, always closes. */
export async function withConnection<T>(target: Target, fn: (c: RawConnection) => Promise<T>): Promise<T> {
  const conn = await RawConnection.open(target);
  try {
    return await fn(conn);
  } finally {
    conn.close();
  }
}
