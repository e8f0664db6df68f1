/**
 * The authentication step hook. A mechanism is a session that turns the server's last
 * token into the next client token, until it has nothing more to send.
 */
import type { FailureKind } from '../connection/failure-kind';
import type { SaslOptions } from './sasl-options';

export interface SaslSession {
  /** The next token to send, given the server's last token (null at the start); null when done. */
  step(server: Uint8Array | null): Promise<Uint8Array | null>;
  /** After the broker failed the exchange: what the mechanism learned of why (e.g. an OAuth error challenge). */
  rejection?(): { kind: FailureKind; detail: string } | null;
}

export interface SaslContext {
  /** True when the transport is TLS. */
  tls: boolean;
  host: string;
  /** Reports a warning event (never with secret content). */
  warn(code: string, message: string): void;
  /** Reports non-secret details of a step (iterations, salt length…). */
  info(detail: Record<string, string | number | boolean>): void;
}

/** Thrown by a mechanism or the handshake; the connection closes AUTH_FAILURE with it. */
export class SaslAuthenticationError extends Error {
  override readonly name = 'SaslAuthenticationError';
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly errorCode: number | null = null,
    readonly brokerMessage: string | null = null,
  ) {
    super(message);
  }
}

export type MechanismFactory = (options: SaslOptions, ctx: SaslContext) => SaslSession;
