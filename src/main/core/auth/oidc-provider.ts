/**
 * OIDC client-credentials token provider (RFC 6749 §4.4), as Kafka's own login handler
 * does it: client id and secret in HTTP Basic auth, optional scope. Tokens are cached per
 * endpoint, client and scope, and refreshed once 80% of their lifetime has passed.
 */
import type { OidcClientCredentials } from './sasl-options';

interface CachedToken {
  token: string;
  obtainedAt: number;
  expiresAt: number;
}

const cache = new Map<string, CachedToken>();
const inflight = new Map<string, Promise<CachedToken>>();

const REFRESH_FRACTION = 0.8;

function cacheKey(c: OidcClientCredentials): string {
  return `${c.tokenEndpoint}\0${c.clientId}\0${c.scope ?? ''}`;
}

export class OidcTokenError extends Error {
  override readonly name = 'OidcTokenError';
}

async function fetchToken(c: OidcClientCredentials, now: () => number): Promise<CachedToken> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (c.scope) body.set('scope', c.scope);
  const basic = Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64');
  let res: Response;
  try {
    res = await fetch(c.tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
  } catch (err) {
    throw new OidcTokenError(`The token endpoint ${c.tokenEndpoint} could not be reached: ${(err as Error).message}`);
  }
  const text = await res.text();
  let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new OidcTokenError(`The token endpoint ${c.tokenEndpoint} answered HTTP ${res.status} with a body that is not JSON.`);
  }
  if (!res.ok || typeof json.access_token !== 'string') {
    const why = [json.error, json.error_description].filter((x) => typeof x === 'string').join(': ');
    throw new OidcTokenError(`The token endpoint ${c.tokenEndpoint} refused the client credentials (HTTP ${res.status}${why ? `, ${why}` : ''}).`);
  }
  const obtainedAt = now();
  const lifetimeS = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600;
  return { token: json.access_token, obtainedAt, expiresAt: obtainedAt + lifetimeS * 1000 };
}

/** A cached, refreshing token for these credentials. */
export async function oidcToken(c: OidcClientCredentials, now: () => number = Date.now): Promise<{ token: string; expiresAtMs: number; fromCache: boolean }> {
  const key = cacheKey(c);
  const hit = cache.get(key);
  if (hit && now() < hit.obtainedAt + (hit.expiresAt - hit.obtainedAt) * REFRESH_FRACTION) {
    return { token: hit.token, expiresAtMs: hit.expiresAt, fromCache: true };
  }
  let pending = inflight.get(key);
  if (!pending) {
    pending = fetchToken(c, now).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const fresh = await pending;
  cache.set(key, fresh);
  return { token: fresh.token, expiresAtMs: fresh.expiresAt, fromCache: false };
}

/** Forgets cached tokens (tests, or after the user edits a profile). */
export function clearOidcCache(): void {
  cache.clear();
}
