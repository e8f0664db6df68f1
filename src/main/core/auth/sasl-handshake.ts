/**
 * Drives SASL on a connection: SaslHandshake, then the mechanism's token rounds, carried
 * in SaslAuthenticate (handshake v1+) or as raw size-prefixed frames (handshake v0, the
 * reference design's legacy path). Only sizes and outcomes are reported.
 */
import { ApiKey, errorName } from '../protocol';
import type { AuthEventBody } from '../observe/events';
import { SaslAuthenticationError, type SaslContext } from './mechanism';
import { MECHANISMS } from './mechanisms';
import type { SaslOptions } from './sasl-options';

/** What the handshake needs from the connection it runs on. */
export interface AuthLink {
  readonly tls: boolean;
  readonly host: string;
  enterHandshake(): void;
  enterAuth(): void;
  /** The version to use, or null when the broker doesn't support the API. */
  versionOf(apiKey: number): number | null;
  request(apiKey: number, version: number, body: unknown): Promise<Record<string, unknown>>;
  /** Writes a raw size-prefixed token and returns the next raw frame (handshake v0). */
  rawExchange(token: Uint8Array): Promise<Uint8Array>;
  emit(body: AuthEventBody): void;
  warn(code: string, message: string): void;
}

export interface AuthOutcome {
  mechanism: string;
  /** KIP-368: the broker's session lifetime, when it set one. */
  sessionLifetimeMs: number | null;
}

const UNSUPPORTED_SASL_MECHANISM = 33;
const ILLEGAL_SASL_STATE = 34;

export async function authenticate(link: AuthLink, sasl: SaslOptions): Promise<AuthOutcome> {
  const started = performance.now();
  const mechanism = sasl.mechanism;
  const factory = MECHANISMS[mechanism];
  if (!factory) {
    throw new SaslAuthenticationError(`This client does not implement the SASL mechanism ${mechanism}.`, 'SASL_MECHANISM_NOT_ENABLED');
  }

  link.enterHandshake();
  const handshakeVersion = link.versionOf(ApiKey.SaslHandshake);
  if (handshakeVersion === null) {
    throw new SaslAuthenticationError(
      'The broker does not support SaslHandshake: it is older than 0.10, or SASL is not enabled on it.',
      'SASL_NOT_ENABLED_ON_LISTENER',
    );
  }
  const hs = (await link.request(ApiKey.SaslHandshake, handshakeVersion, { mechanism })) as {
    errorCode: number;
    mechanisms: string[];
  };
  link.emit({ type: 'auth.handshake', mechanism, handshakeVersion, enabledMechanisms: hs.mechanisms, errorCode: hs.errorCode });
  if (hs.errorCode === UNSUPPORTED_SASL_MECHANISM) {
    throw new SaslAuthenticationError(
      `The listener does not enable SASL mechanism ${mechanism}; it offers: ${hs.mechanisms.join(', ') || 'none'}.`,
      'SASL_MECHANISM_NOT_ENABLED',
      hs.errorCode,
    );
  }
  if (hs.errorCode === ILLEGAL_SASL_STATE) {
    throw new SaslAuthenticationError(
      'The broker refused the SASL handshake (ILLEGAL_SASL_STATE): this listener is probably not a SASL listener.',
      'SASL_NOT_ENABLED_ON_LISTENER',
      hs.errorCode,
    );
  }
  if (hs.errorCode !== 0) {
    throw new SaslAuthenticationError(`SaslHandshake failed with ${errorName(hs.errorCode)}.`, 'SASL_AUTH_FAILED', hs.errorCode);
  }

  link.enterAuth();
  const ctx: SaslContext = {
    tls: link.tls,
    host: link.host,
    warn: (code, message) => link.warn(code, message),
    info: (detail) => link.emit({ type: 'auth.info', mechanism, detail }),
  };
  const session = factory(sasl, ctx);
  const authenticateVersion = handshakeVersion >= 1 ? link.versionOf(ApiKey.SaslAuthenticate) : null;
  let server: Uint8Array | null = null;
  let rounds = 0;
  let sessionLifetimeMs: number | null = null;
  for (;;) {
    const token = await session.step(server);
    if (token === null) break;
    rounds++;
    link.emit({ type: 'auth.round', mechanism, round: rounds, direction: 'sent', bytes: token.length });
    if (authenticateVersion !== null) {
      const r = (await link.request(ApiKey.SaslAuthenticate, authenticateVersion, { authBytes: token })) as {
        errorCode: number;
        errorMessage: string | null;
        authBytes: Uint8Array;
        sessionLifetimeMs?: bigint | number;
      };
      if (r.errorCode !== 0) {
        const learned = session.rejection?.() ?? null;
        throw new SaslAuthenticationError(
          `Authentication failed: ${r.errorMessage ?? errorName(r.errorCode)}${learned ? ` (${learned.detail})` : ''}`,
          learned?.kind ?? 'SASL_AUTH_FAILED',
          r.errorCode,
          r.errorMessage,
        );
      }
      server = r.authBytes;
      const lifetime = Number(r.sessionLifetimeMs ?? 0);
      sessionLifetimeMs = lifetime > 0 ? lifetime : null;
    } else {
      server = await link.rawExchange(token);
    }
    link.emit({ type: 'auth.round', mechanism, round: rounds, direction: 'received', bytes: server.length });
  }
  link.emit({ type: 'auth.success', mechanism, sessionLifetimeMs, rounds, ms: performance.now() - started });
  return { mechanism, sessionLifetimeMs };
}
