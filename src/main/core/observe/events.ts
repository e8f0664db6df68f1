/**
 * The typed event stream of one connection: the only way the UI learns anything.
 * Every event is plain JSON (no Error objects, no Buffers) and never carries a secret:
 * no passwords, tokens, SASL payloads or private keys, only sizes and outcomes.
 */
import type { CloseReason } from '../connection/close-reason';
import type { SerializedCause } from '../connection/errors';
import type { FailureKind } from '../connection/failure-kind';
import type { ConnState } from '../connection/states';
import type { NegotiatedApi } from '../connection/version-table';

export interface EventStamp {
  /** Per-connection sequence number, from 1. */
  seq: number;
  /** Wall clock, ms since the epoch. */
  time: number;
  /** Monotonic clock, ms (performance.now() of this process). */
  mono: number;
  connectionId: string;
  /** host:port. */
  broker: string;
  nodeId: number | null;
}

export interface CertSummary {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  serialNumber: string;
  selfSigned: boolean;
}

export interface RequestRef {
  correlationId: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
}

export type ConnectionEventBody =
  | { type: 'state'; from: ConnState; to: ConnState; msInPrevious: number }
  | { type: 'dns'; host: string; addresses: { address: string; family: number }[]; ms: number }
  | { type: 'tcp.connected'; remoteAddress: string; remotePort: number; localAddress: string; localPort: number; ms: number }
  | {
      type: 'tls';
      protocol: string | null;
      cipher: string | null;
      cipherStandardName: string | null;
      servername: string | null;
      alpn: string | null;
      authorized: boolean;
      authorizationError: string | null;
      hostnameVerified: boolean;
      peerChain: CertSummary[];
      keyLogEnabled: boolean;
      ms: number;
    }
  | { type: 'warning'; code: string; message: string }
  | {
      type: 'versions';
      source: 'ApiVersions' | 'hint';
      requestVersion: number | null;
      attempts: number;
      hint: string | null;
      apis: NegotiatedApi[];
      ms: number;
    }
  | ({ type: 'request.queued'; bytes: number; queued: number; inFlight: number } & RequestRef)
  | ({ type: 'request.written'; bytes: number; queuedMs: number; expectResponse: boolean } & RequestRef)
  | ({
      type: 'response';
      latencyMs: number;
      requestBytes: number;
      responseBytes: number;
      errorCode: number;
      errorName: string | null;
      throttleTimeMs: number;
    } & RequestRef)
  | ({ type: 'request.timeout'; timeoutMs: number; written: boolean } & RequestRef)
  | ({ type: 'request.failed'; error: SerializedCause } & RequestRef)
  | ({ type: 'late-reply'; lateByMs: number; responseBytes: number } & RequestRef)
  | ({ type: 'throttle'; throttleTimeMs: number } & RequestRef)
  | AuthEventBody
  | {
      /** Only with captureFrames: a whole frame before TLS, base64, SASL payloads blanked. */
      type: 'frame';
      direction: 'out' | 'in';
      correlationId: number | null;
      apiKey: number | null;
      apiVersion: number | null;
      size: number;
      data: string;
      redacted: boolean;
    }
  | {
      type: 'close';
      reason: CloseReason;
      message: string;
      kind: FailureKind | null;
      cause: SerializedCause | null;
      state: ConnState;
      msInState: number;
      inFlightFailed: number;
      queuedFailed: number;
    };

/** Authentication steps: mechanism, handshake, each round's sizes, outcome. No payloads. */
export type AuthEventBody =
  | { type: 'auth.handshake'; mechanism: string; handshakeVersion: number; enabledMechanisms: string[]; errorCode: number }
  | { type: 'auth.round'; mechanism: string; round: number; direction: 'sent' | 'received'; bytes: number }
  | { type: 'auth.info'; mechanism: string; detail: Record<string, string | number | boolean> }
  | { type: 'auth.success'; mechanism: string; sessionLifetimeMs: number | null; rounds: number; ms: number }
  | { type: 'auth.failure'; mechanism: string; errorCode: number | null; brokerMessage: string | null; message: string };

export type ConnectionEvent = EventStamp & ConnectionEventBody;
export type ConnectionEventType = ConnectionEventBody['type'];
