/**
 * Secrets of every profile, apart from the profile file: secrets.json in the data folder,
 * one encrypted blob per profile (field names in clear, values never). With an OS keychain
 * the blobs go through it; without one, nothing is stored until the user consents
 * (allowPlaintextSecrets), and then a key file protects them (see ciphers.ts).
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import {
  secretFields,
  type ProfileSecrets,
  type SecretField,
  type SecretsSet,
} from '@shared/api/profile-schema';
import type { SecretStorageStatus } from '@shared/api/secrets';
import { writeFileAtomic, type AtomicFs } from '../fs/atomic-write';
import { keyFileCipher, type CipherBackend, type SecretCipher } from './ciphers';

export const SECRETS_FILE = 'secrets.json';

export interface SecretStore {
  status(): Promise<SecretStorageStatus>;
  setAllowPlaintext(allow: boolean): Promise<SecretStorageStatus>;
  /** Throws SecretsConsentError when storing is not allowed yet. */
  assertCanStore(): Promise<void>;
  get(profileId: string): Promise<ProfileSecrets>;
  fieldsSet(profileId: string): Promise<SecretsSet>;
  /** Replaces every secret of the profile (an empty object deletes its entry). */
  set(profileId: string, secrets: ProfileSecrets): Promise<void>;
  delete(profileId: string): Promise<void>;
}

export class SecretsConsentError extends Error {
  override readonly name = 'SecretsConsentError';
  constructor() {
    super(
      'No OS keychain is available to protect secrets here. Agree to store them without one (secrets.allowPlaintext) or leave the secret fields empty.',
    );
  }
}

interface Entry {
  backend: CipherBackend;
  fields: SecretField[];
  data: string;
}

interface SecretsDocument {
  schemaVersion: 1;
  allowPlaintextSecrets: boolean;
  entries: Record<string, Entry>;
}

export interface FileSecretStoreOptions {
  /** The OS keychain cipher when one is usable; null where there is none (web mode, basic_text). */
  keychain: SecretCipher | null;
  /** safeStorage's backend name, for the status message. */
  keychainBackend?: string | null;
  fs?: AtomicFs;
}

export class FileSecretStore implements SecretStore {
  private readonly path: string;
  private readonly fallback: SecretCipher;
  private doc: SecretsDocument | null = null;
  private trouble: string | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly opts: FileSecretStoreOptions,
  ) {
    this.path = join(dir, SECRETS_FILE);
    this.fallback = keyFileCipher(dir);
  }

  async status(): Promise<SecretStorageStatus> {
    const doc = await this.load();
    const keychain = this.opts.keychain !== null;
    const consentRequired = !keychain;
    const canStore = keychain || doc.allowPlaintextSecrets;
    return {
      backend: keychain ? 'os-keychain' : 'key-file',
      osKeychainAvailable: keychain,
      keychainBackend: this.opts.keychainBackend ?? null,
      consentRequired,
      allowPlaintextSecrets: doc.allowPlaintextSecrets,
      canStoreSecrets: canStore,
      message: keychain
        ? 'Secrets are encrypted with the operating system keychain.'
        : doc.allowPlaintextSecrets
          ? 'No OS keychain here: secrets are stored encrypted with a key file beside them, which protects them from casual reads but not from anyone who can read your user folder.'
          : 'No OS keychain here: Brokerscope will ask before storing any secret without one.',
      problem: this.trouble,
    };
  }

  async setAllowPlaintext(allow: boolean): Promise<SecretStorageStatus> {
    await this.mutate((doc) => {
      doc.allowPlaintextSecrets = allow;
    });
    return this.status();
  }

  async assertCanStore(): Promise<void> {
    if (this.opts.keychain) return;
    if (!(await this.load()).allowPlaintextSecrets) throw new SecretsConsentError();
  }

  async get(profileId: string): Promise<ProfileSecrets> {
    const entry = (await this.load()).entries[profileId];
    if (!entry) return {};
    const cipher = this.cipherFor(entry.backend);
    if (!cipher) {
      throw new Error(
        'the secrets of this profile were stored with the OS keychain, which is not available now; enter them again',
      );
    }
    let text: string;
    try {
      text = await cipher.decrypt(Buffer.from(entry.data, 'base64'));
    } catch {
      throw new Error(
        'the secrets of this profile could not be decrypted (the key changed or the file was damaged); enter them again',
      );
    }
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const out: ProfileSecrets = {};
    for (const f of secretFields) if (typeof parsed[f] === 'string') out[f] = parsed[f];
    return out;
  }

  async fieldsSet(profileId: string): Promise<SecretsSet> {
    const fields = new Set((await this.load()).entries[profileId]?.fields ?? []);
    return Object.fromEntries(secretFields.map((f) => [f, fields.has(f)])) as SecretsSet;
  }

  async set(profileId: string, secrets: ProfileSecrets): Promise<void> {
    const fields = secretFields.filter((f) => typeof secrets[f] === 'string' && secrets[f] !== '');
    if (fields.length === 0) return this.delete(profileId);
    await this.assertCanStore();
    const cipher = this.opts.keychain ?? this.fallback;
    const plain = JSON.stringify(Object.fromEntries(fields.map((f) => [f, secrets[f]])));
    const data = (await cipher.encrypt(plain)).toString('base64');
    await this.mutate((doc) => {
      doc.entries[profileId] = { backend: cipher.backend, fields, data };
    });
  }

  async delete(profileId: string): Promise<void> {
    if (!(await this.load()).entries[profileId]) return;
    await this.mutate((doc) => {
      delete doc.entries[profileId];
    });
  }

  private cipherFor(backend: CipherBackend): SecretCipher | null {
    return backend === 'os-keychain' ? this.opts.keychain : this.fallback;
  }

  private async load(): Promise<SecretsDocument> {
    if (this.doc) return this.doc;
    let doc: SecretsDocument = { schemaVersion: 1, allowPlaintextSecrets: false, entries: {} };
    try {
      const parsed = JSON.parse(await fsp.readFile(this.path, 'utf8')) as Partial<SecretsDocument>;
      if (parsed.schemaVersion !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null)
        throw new Error('unexpected content');
      doc = {
        schemaVersion: 1,
        allowPlaintextSecrets: parsed.allowPlaintextSecrets === true,
        entries: parsed.entries,
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        // Keep the damaged file for the user, say so, and start over.
        const keptAt = `${this.path}.corrupt-${Date.now()}`;
        const moved = await fsp.rename(this.path, keptAt).then(
          () => true,
          () => false,
        );
        this.trouble = `The secrets file could not be read (${(err as Error).message})${moved ? `; it was kept as ${keptAt}` : ''}. Enter the profiles' secrets again.`;
      }
    }
    this.doc ??= doc;
    return this.doc;
  }

  private async mutate(change: (doc: SecretsDocument) => void): Promise<void> {
    const run = async (): Promise<void> => {
      const next = structuredClone(await this.load());
      change(next);
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`, {
        mode: 0o600,
        ...(this.opts.fs ? { fs: this.opts.fs } : {}),
      });
      this.doc = next;
    };
    const p = this.writes.then(run, run);
    this.writes = p.catch(() => undefined);
    return p;
  }
}
