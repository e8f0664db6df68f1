import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keychainInfo } from './ciphers';
import { FileSecretStore, SECRETS_FILE, SecretsConsentError } from './secret-store';
import { fakeKeychain, fakeSafeStorage } from '../testing/fake-keychain';
import { filesContaining } from '../testing/grep-dir';
import { tempDataDir } from '../testing/test-services';

const SECRET = 'pa55-Very-Secret-value-7f3a';

describe('secret store', () => {
  it('with an OS keychain: stores encrypted, never the plain value, and reads it back', async () => {
    const dir = tempDataDir();
    const keychain = fakeKeychain();
    const store = new FileSecretStore(dir, { keychain });
    expect((await store.status()).backend).toBe('os-keychain');
    expect((await store.status()).consentRequired).toBe(false);
    await store.set('p1', {
      saslPassword: SECRET,
      tlsKeyPem: `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----`,
    });
    expect(filesContaining(dir, SECRET)).toEqual([]);
    expect(await store.fieldsSet('p1')).toMatchObject({
      saslPassword: true,
      tlsKeyPem: true,
      oauthToken: false,
    });
    // A new store over the same folder (same keychain) reads it.
    const again = new FileSecretStore(dir, { keychain });
    expect((await again.get('p1')).saslPassword).toBe(SECRET);
  });

  it('without a keychain: refuses to store until the user consents, then uses the key file', async () => {
    const dir = tempDataDir();
    const store = new FileSecretStore(dir, { keychain: null, keychainBackend: 'basic_text' });
    const before = await store.status();
    expect(before).toMatchObject({
      backend: 'key-file',
      osKeychainAvailable: false,
      consentRequired: true,
      canStoreSecrets: false,
      keychainBackend: 'basic_text',
    });
    await expect(store.set('p1', { saslPassword: SECRET })).rejects.toBeInstanceOf(SecretsConsentError);
    expect(filesContaining(dir, SECRET)).toEqual([]);

    const after = await store.setAllowPlaintext(true);
    expect(after).toMatchObject({ allowPlaintextSecrets: true, canStoreSecrets: true });
    await store.set('p1', { saslPassword: SECRET });
    expect(filesContaining(dir, SECRET)).toEqual([]);
    // The consent is stored.
    expect(JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8')).allowPlaintextSecrets).toBe(true);
    const again = new FileSecretStore(dir, { keychain: null });
    expect((await again.status()).canStoreSecrets).toBe(true);
    expect((await again.get('p1')).saslPassword).toBe(SECRET);
  });

  it('deletes a profile entry when its last secret is cleared', async () => {
    const dir = tempDataDir();
    const store = new FileSecretStore(dir, { keychain: fakeKeychain() });
    await store.set('p1', { saslPassword: SECRET });
    await store.set('p1', {});
    expect(await store.get('p1')).toEqual({});
    expect(JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8')).entries).toEqual({});
  });

  it('says so when keychain-encrypted secrets meet a machine without the keychain', async () => {
    const dir = tempDataDir();
    await new FileSecretStore(dir, { keychain: fakeKeychain() }).set('p1', { saslPassword: SECRET });
    await expect(new FileSecretStore(dir, { keychain: null }).get('p1')).rejects.toThrow(
      'OS keychain, which is not available now',
    );
  });

  it('keeps a damaged secrets file aside and reports it', async () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, SECRETS_FILE), '{not json');
    const status = await new FileSecretStore(dir, { keychain: fakeKeychain() }).status();
    expect(status.problem).toMatch(/could not be read.*kept as .*secrets\.json\.corrupt-/);
  });

  it.each([
    ['libsecret', fakeSafeStorage('gnome_libsecret'), 'linux', true],
    ['kwallet', fakeSafeStorage('kwallet5'), 'linux', true],
    ['basic_text (hard-coded key)', fakeSafeStorage('basic_text'), 'linux', false],
    ['encryption unavailable', fakeSafeStorage('gnome_libsecret', false), 'linux', false],
    ['macOS Keychain', fakeSafeStorage('n/a'), 'darwin', true],
  ] as const)('keychain detection: %s', (_label, safeStorage, platform, available) => {
    expect(keychainInfo(safeStorage, platform).available).toBe(available);
  });
});
