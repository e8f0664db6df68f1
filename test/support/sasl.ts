// Client side of the SASL exchanges the harness tests run over raw frames: PLAIN, SCRAM
// (RFC 5802/7677) and OAUTHBEARER with an unsecured (alg "none") JWT (RFC 7628).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ApiKey,
  decodeSaslAuthenticateV1,
  decodeSaslHandshake,
  saslAuthenticateBody,
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

export function plainMessage(username: string, password: string): Buffer {
  return Buffer.from(`\0${username}\0${password}`, 'utf8');
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
