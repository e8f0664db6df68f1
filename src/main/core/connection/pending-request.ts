/** One request from send() until it settles: queued, then on the wire, then answered. */

export interface InFlightSnapshot {
  correlationId: number;
  apiKey: number;
  apiVersion: number;
  bytes: number;
  /** Monotonic ms when send() took it. */
  queuedAt: number;
  /** Monotonic ms when it was written; null while queued. */
  sentAt: number | null;
  /** True once its timeout fired: a reply is still expected and will be dropped. */
  timedOut: boolean;
}

export class PendingRequest {
  sentAt: number | null = null;
  timedOut = false;
  settled = false;

  constructor(
    readonly correlationId: number,
    readonly apiKey: number,
    readonly apiVersion: number,
    readonly frame: Buffer,
    readonly queuedAt: number,
    readonly deadline: number,
    readonly timeoutMs: number,
    readonly expectResponse: boolean,
    /** Resolve with the raw payload instead of decoding it (setup requests that decode themselves). */
    readonly raw: boolean,
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (err: Error) => void,
  ) {}

  resolve(value: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.onResolve(value);
  }

  reject(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.onReject(err);
  }

  snapshot(): InFlightSnapshot {
    return {
      correlationId: this.correlationId,
      apiKey: this.apiKey,
      apiVersion: this.apiVersion,
      bytes: this.frame.length,
      queuedAt: this.queuedAt,
      sentAt: this.sentAt,
      timedOut: this.timedOut,
    };
  }
}
