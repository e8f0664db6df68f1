/**
 * How secrets are encrypted at rest. os-keychain: Electron's safeStorage (Keychain, DPAPI,
 * libsecret/kwallet). key-file: AES-256-GCM with a random key in a 0600 file beside the
 * secrets, for web mode, tests, and (with the user's consent) a desktop without a keychain.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

export type CipherBackend = 'os-keychain' | 'key-file';

export interface SecretCipher {
  readonly backend: CipherBackend;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

/** The part of Electron's safeStorage used here (injected: no Electron import in services). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: basic_text means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

export interface KeychainInfo {
  available: boolean;
  backend: string | null;
}

export function keychainInfo(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): KeychainInfo {
  const backend =
    platform === 'linux' && safeStorage.getSelectedStorageBackend
      ? safeStorage.getSelectedStorageBackend()
      : null;
  const available = safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  return { available, backend };
}

export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    backend: 'os-keychain',
    encrypt: async (plain) => safeStorage.encryptString(plain),
    decrypt: async (data) => safeStorage.decryptString(data),
  };
}

const KEY_FILE = 'secrets.key';
const VERSION = 1;

/** AES-256-GCM; layout: version(1) | iv(12) | tag(16) | ciphertext. */
export function aesGcmEncrypt(key: Buffer, plain: string, aad: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
}

export function aesGcmDecrypt(key: Buffer, data: Buffer, aad: Buffer): string {
  if (data.length < 29 || data[0] !== VERSION) throw new Error('unknown secret format');
  const d = createDecipheriv('aes-256-gcm', key, data.subarray(1, 13));
  d.setAAD(aad);
  d.setAuthTag(data.subarray(13, 29));
  return Buffer.concat([d.update(data.subarray(29)), d.final()]).toString('utf8');
}

const AAD = Buffer.from('brokerscope.secrets/1');

export function keyFileCipher(dir: string): SecretCipher {
  let key: Promise<Buffer> | null = null;
  const loadKey = async (): Promise<Buffer> => {
    const path = join(dir, KEY_FILE);
    try {
      const k = await fsp.readFile(path);
      if (k.length !== 32) throw new Error(`${path} is not a 32-byte key`);
      return k;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
      const k = randomBytes(32);
      await writeFileAtomic(path, k, { mode: 0o600 });
      return k;
    }
  };
  const getKey = (): Promise<Buffer> => {
    key ??= loadKey().catch((err: unknown) => {
      key = null;
      throw err;
    });
    return key;
  };
  return {
    backend: 'key-file',
    encrypt: async (plain) => aesGcmEncrypt(await getKey(), plain, AAD),
    decrypt: async (data) => aesGcmDecrypt(await getKey(), data, AAD),
  };
}
