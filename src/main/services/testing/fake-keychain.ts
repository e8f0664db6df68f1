/** A stand-in for Electron's safeStorage in tests: real encryption, key held in memory. */
import { randomBytes } from 'node:crypto';
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  safeStorageCipher,
  type SafeStorageLike,
  type SecretCipher,
} from '../secrets/ciphers';

export function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  const aad = Buffer.from('fake-keychain');
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => aesGcmEncrypt(key, plain, aad),
    decryptString: (data) => aesGcmDecrypt(key, data, aad),
  };
}

export function fakeKeychain(): SecretCipher {
  return safeStorageCipher(fakeSafeStorage());
}
