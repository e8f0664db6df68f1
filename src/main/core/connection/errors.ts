import type { CloseReason } from './close-reason';
import type { ConnState } from './states';
import type { FailureKind } from './failure-kind';

export interface ErrorContext {
  /** host:port of the broker. */
  broker: string;
  /** The state the connection was in when it failed. */
  state: ConnState;
  /** How long it had been in that state, ms. */
  msInState: number;
}

/**
 * The error every pending and queued request fails with when its connection closes,
 * and the error Connection.connect() rejects with. The message says in plain words what
 * happened, in which state, and after how long.
 */
export class KafkaConnectionError extends Error {
  override readonly name: string = 'KafkaConnectionError';
  readonly reason: CloseReason;
  readonly broker: string;
  readonly state: ConnState;
  readonly msInState: number;
  /** A stable classification of the failure, for diagnosis (null when it has none). */
  readonly kind: FailureKind | null;

  constructor(reason: CloseReason, message: string, ctx: ErrorContext, opts: { cause?: unknown; kind?: FailureKind | null } = {}) {
    super(
      `${message} [${reason} in ${ctx.state} after ${Math.round(ctx.msInState)} ms, broker ${ctx.broker}]`,
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    this.reason = reason;
    this.broker = ctx.broker;
    this.state = ctx.state;
    this.msInState = ctx.msInState;
    this.kind = opts.kind ?? null;
  }
}

/** A reply whose correlation id is not the one the FIFO expected: the stream is out of sync. */
export class CorrelationIdError extends Error {
  override readonly name = 'CorrelationIdError';
  constructor(
    readonly expected: number,
    readonly received: number,
    readonly broker: string,
  ) {
    super(`correlation id mismatch from ${broker}: expected ${expected}, received ${received}; the connection is out of sync`);
  }
}

/** A request that got no reply within its timeout. The connection stays up. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly apiName: string,
    readonly correlationId: number,
    readonly timeoutMs: number,
    readonly broker: string,
  ) {
    super(`${apiName} request (correlation id ${correlationId}) to ${broker} got no reply within ${timeoutMs} ms`);
  }
}

/** No version of an API that both the client and this broker implement. */
export class UnsupportedVersionError extends Error {
  override readonly name = 'UnsupportedVersionError';
  constructor(
    readonly apiKey: number,
    message: string,
  ) {
    super(message);
  }
}

/** A cause in a form that can travel in an event: never an Error object, never a secret. */
export interface SerializedCause {
  name: string;
  message: string;
  code?: string;
}

export function serializeCause(cause: unknown): SerializedCause | null {
  if (cause === undefined || cause === null) return null;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return { name: cause.name, message: cause.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(cause) };
}
