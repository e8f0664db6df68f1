// Client side of the SASL exchanges the harness tests run over raw frames: PLAIN, SCRAM
// (RFC 5802/7677), OAUTHBEARER (RFC 7628) with an unsecured (alg "none") JWT or a real token
// from the harness OIDC server (client-credentials grant).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OidcInfo } from '../../harness/broker/info';
import {
  ApiKey,
  decodeSaslAuthenticateV1,
  decodeSaslAuthenticateV2,
  decodeSaslHandshake,
  saslAuthenticateBody,
  saslAuthenticateV2Body,
  saslHandshakeBody,
  type SaslAuthenticateV1Response,
} from './kafka-wire';
import type { RawConnection } from './raw-connection';

export async function saslHandshake(
  conn: RawConnection,
  mechanism: string,
): Promise<{ errorCode: number; mechanisms: string[] }> {
  const res = await conn.request(ApiKey.SaslHandshake, 1, saslHandshakeBody(mechanism));
  return decodeSaslHandshake(res.body);
}

export async function saslAuthenticate(
  conn: RawConnection,
  authBytes: Uint8Array,
): Promise<SaslAuthenticateV1Response> {
  const res = await conn.request(ApiKey.SaslAuthenticate, 1, saslAuthenticateBody(authBytes));
  return decodeSaslAuthenticateV1(res.body);
}

/** SaslAuthenticate v2 (flexible encoding, header v2); same fields as v1. */
export async function saslAuthenticateV2(
  conn: RawConnection,
  authBytes: Uint8Array,
): Promise<SaslAuthenticateV1Response> {
  const res = await conn.request(ApiKey.SaslAuthenticate, 2, saslAuthenticateV2Body(authBytes), {
    flexible: true,
  });
  return decodeSaslAuthenticateV2(res.body);
}

export function plainMessage(username: string, password: string): Buffer {
  return Buffer.from(`\0${username}\0${password}`, 'utf8');
}

/** RFC 7628 initial client response carrying a bearer token. */
export function oauthBearerMessage(token: string): Buffer {
  return Buffer.from(`n,,\x01auth=Bearer ${token}\x01\x01`, 'utf8');
}

export interface OidcTokenResponse {
  status: number;
  body: { access_token?: string; token_type?: string; expires_in?: number; scope?: string; error?: string };
}

/**
 * Client-credentials grant against the harness OIDC server (HTTP Basic client auth).
 * `client` defaults to the long-lived client; `lifetimeSeconds` overrides the token lifetime.
 */
export async function fetchOidcToken(
  oidc: OidcInfo,
  opts: { clientId?: string; clientSecret?: string; scope?: string; lifetimeSeconds?: number } = {},
): Promise<OidcTokenResponse> {
  const id = opts.clientId ?? oidc.clientId;
  const secret =
    opts.clientSecret ?? (id === oidc.shortLived.clientId ? oidc.shortLived.clientSecret : oidc.clientSecret);
  const url = new URL(oidc.tokenEndpoint);
  if (opts.lifetimeSeconds !== undefined) url.searchParams.set('lifetime', String(opts.lifetimeSeconds));
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (opts.scope !== undefined) form.set('scope', opts.scope);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as OidcTokenResponse['body'] };
}

/** Decodes a JWT's header and claims (no verification). */
export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [h, c] = token.split('.');
  const parse = (s: string | undefined): Record<string, unknown> =>
    JSON.parse(Buffer.from(s ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: parse(h), claims: parse(c) };
}

export function unsecuredOAuthBearerMessage(subject: string, lifetimeSeconds = 3600): Buffer {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const jwt = `${b64({ alg: 'none' })}.${b64({ sub: subject, iat: now, exp: now + lifetimeSeconds })}.`;
  return Buffer.from(`n,,\x01auth=Bearer ${jwt}\x01\x01`, 'utf8');
}

type ScramHash = 'sha256' | 'sha512';

const hmac = (hash: ScramHash, key: Buffer, data: string): Buffer =>
  createHmac(hash, key).update(data).digest();

function attrs(message: string): Map<string, string> {
  return new Map(message.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)]));
}

/**
 * Full SCRAM exchange (after a successful SaslHandshake). Returns the last SaslAuthenticate
 * response; throws if the broker's server signature doesn't verify.
 */
export async function scramAuthenticate(
  conn: RawConnection,
  hash: ScramHash,
  username: string,
  password: string,
): Promise<SaslAuthenticateV1Response> {
  const nonce = randomBytes(18).toString('base64');
  const user = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const clientFirstBare = `n=${user},r=${nonce}`;
  const first = await saslAuthenticate(conn, Buffer.from(`n,,${clientFirstBare}`));
  if (first.errorCode !== 0) return first;

  const serverFirst = first.authBytes.toString('utf8');
  const a = attrs(serverFirst);
  const serverNonce = a.get('r') ?? '';
  if (!serverNonce.startsWith(nonce))
    throw new Error(`SCRAM: server nonce doesn't extend ours: ${serverFirst}`);
  const salt = Buffer.from(a.get('s') ?? '', 'base64');
  const iterations = Number(a.get('i'));
  const keyLen = hash === 'sha256' ? 32 : 64;
  const salted = pbkdf2Sync(password, salt, iterations, keyLen, hash);
  const clientKey = hmac(hash, salted, 'Client Key');
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${serverNonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(hash, storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ (signature[i] ?? 0)));
  const final = await saslAuthenticate(conn, Buffer.from(`${withoutProof},p=${proof.toString('base64')}`));
  if (final.errorCode !== 0) return final;

  const expected = hmac(hash, hmac(hash, salted, 'Server Key'), authMessage);
  const got = Buffer.from(attrs(final.authBytes.toString('utf8')).get('v') ?? '', 'base64');
  if (got.length !== expected.length || !timingSafeEqual(got, expected))
    throw new Error('SCRAM: server signature mismatch');
  return final;
}
