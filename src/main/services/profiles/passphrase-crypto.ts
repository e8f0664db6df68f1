/**
 * Encryption of exported secrets with a passphrase the user gives: scrypt derives the key,
 * AES-256-GCM encrypts and authenticates. Everything needed to decrypt, except the
 * passphrase, travels with the blob.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCb,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';

const KDF = { N: 1 << 15, r: 8, p: 1 } as const;
const AAD = Buffer.from('brokerscope.profiles-export/1');

export const EncryptedBlobSchema = z.strictObject({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(1024)
      .max(1 << 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64(),
  }),
  iv: z.base64(),
  tag: z.base64(),
  data: z.base64(),
});
export type EncryptedBlob = z.output<typeof EncryptedBlobSchema>;

function scrypt(passphrase: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const opts: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFKC'), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function encryptWithPassphrase(plain: string, passphrase: string): Promise<EncryptedBlob> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await scrypt(passphrase, salt, KDF);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(AAD);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return {
    cipher: 'aes-256-gcm',
    kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('the secrets in this file could not be decrypted: wrong passphrase, or the file was changed');
  }
}

export async function decryptWithPassphrase(blob: EncryptedBlob, passphrase: string): Promise<string> {
  const key = await scrypt(passphrase, Buffer.from(blob.kdf.salt, 'base64'), blob.kdf);
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(blob.iv, 'base64'));
    d.setAAD(AAD);
    d.setAuthTag(Buffer.from(blob.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(blob.data, 'base64')), d.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError();
  }
}
