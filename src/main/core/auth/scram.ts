/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677). PBKDF2 runs on libuv's thread
 * pool (async node:crypto), so many connections authenticating at once don't block the
 * event loop. Only parameters (salt length, iterations) are reported; never proofs.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { saslprep } from '@mongodb-js/saslprep';
import { SaslAuthenticationError, type MechanismFactory } from './mechanism';
import type { PasswordSaslOptions } from './sasl-options';

const pbkdf2Async = promisify(pbkdf2);

export const MIN_ITERATIONS = 4096;

const HASHES = {
  'SCRAM-SHA-256': { hash: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { hash: 'sha512', bytes: 64 },
} as const;

/** SASLprep (RFC 4013); printable ASCII is left as it is, which is what SASLprep would do, without its table set-up. */
export function prepPassword(password: string): string {
  return /^[\x20-\x7e]*$/.test(password) ? password : saslprep(password);
}

/** RFC 5802 saslname: ',' and '=' escaped. */
export function escapeUsername(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part[0]!, part.slice(2));
  }
  return out;
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

export const scramMechanism: MechanismFactory = (saslOptions, ctx) => {
  const options = saslOptions as PasswordSaslOptions;
  const mechanism = options.mechanism as keyof typeof HASHES;
  const { hash, bytes } = HASHES[mechanism];
  const hmac = (key: Buffer, data: string | Buffer): Buffer => createHmac(hash, key).update(data).digest();
  const clientNonce = randomBytes(24).toString('base64');
  const clientFirstBare = `n=${escapeUsername(options.username)},r=${clientNonce}`;
  const gs2Header = 'n,,';
  let step = 0;
  let expectedServerSignature: Buffer | null = null;

  const fail = (message: string, kind: 'SASL_AUTH_FAILED' | 'SCRAM_SERVER_SIGNATURE_MISMATCH' = 'SASL_AUTH_FAILED'): never => {
    throw new SaslAuthenticationError(message, kind);
  };

  return {
    async step(server) {
      step++;
      if (step === 1) return Buffer.from(gs2Header + clientFirstBare, 'utf8');
      if (step === 2) {
        const serverFirst = Buffer.from(server ?? []).toString('utf8');
        const attrs = parseAttributes(serverFirst);
        if (attrs.has('e')) fail(`The broker rejected the SCRAM exchange: ${attrs.get('e')}`);
        const nonce = attrs.get('r');
        const salt = attrs.get('s');
        const iterations = Number(attrs.get('i'));
        if (!nonce || !salt || !Number.isInteger(iterations)) fail('The broker sent a malformed SCRAM server-first message.');
        if (!nonce!.startsWith(clientNonce) || nonce!.length <= clientNonce.length) {
          fail('The SCRAM server nonce does not extend the client nonce: the exchange may have been tampered with.');
        }
        const saltBytes = Buffer.from(salt!, 'base64');
        ctx.info({ step: 'server-first', saltBytes: saltBytes.length, iterations });
        if (iterations < MIN_ITERATIONS) fail(`The broker asked for ${iterations} SCRAM iterations; at least ${MIN_ITERATIONS} are required.`);
        let normalized: string;
        try {
          normalized = prepPassword(options.password);
        } catch {
          fail('The password contains characters SASLprep prohibits.');
        }
        const salted = await pbkdf2Async(normalized!, saltBytes, iterations, bytes, hash);
        const clientKey = hmac(salted, 'Client Key');
        const storedKey = createHash(hash).update(clientKey).digest();
        const withoutProof = `c=${Buffer.from(gs2Header).toString('base64')},r=${nonce}`;
        const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
        const proof = xor(clientKey, hmac(storedKey, authMessage));
        expectedServerSignature = hmac(hmac(salted, 'Server Key'), authMessage);
        return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
      }
      if (step === 3) {
        const attrs = parseAttributes(Buffer.from(server ?? []).toString('utf8'));
        if (attrs.has('e')) fail(`The broker rejected the SCRAM proof: ${attrs.get('e')}`);
        const verifier = Buffer.from(attrs.get('v') ?? '', 'base64');
        const expected = expectedServerSignature!;
        if (verifier.length !== expected.length || !timingSafeEqual(verifier, expected)) {
          fail('The server could not prove it knows the password (SCRAM server signature mismatch).', 'SCRAM_SERVER_SIGNATURE_MISMATCH');
        }
        return null;
      }
      return null;
    },
  };
};
