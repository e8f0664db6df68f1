/** The secrets area: where secrets are kept, and the consent needed when no OS keychain exists. */
import { z } from 'zod';

export const SecretStorageStatusSchema = z.object({
  /** os-keychain: Electron safeStorage over the OS keychain; key-file: AES-256-GCM with a key file beside it. */
  backend: z.enum(['os-keychain', 'key-file']),
  osKeychainAvailable: z.boolean(),
  /** safeStorage's backend name on Linux (e.g. gnome_libsecret, basic_text), when known. */
  keychainBackend: z.string().nullable(),
  /** Secrets can't be protected by an OS keychain here: the user must agree before any is stored. */
  consentRequired: z.boolean(),
  allowPlaintextSecrets: z.boolean(),
  /** False until consent is given where it is required. */
  canStoreSecrets: z.boolean(),
  /** One plain sentence for the UI. */
  message: z.string(),
  /** A damaged secrets file that was put aside (its secrets must be entered again). */
  problem: z.string().nullable(),
});

export const secretMethods = {
  'secrets.status': { params: z.strictObject({}), result: SecretStorageStatusSchema },
  /** The user's explicit answer to "store secrets without an OS keychain?" (stored). */
  'secrets.allowPlaintext': {
    params: z.strictObject({ allow: z.boolean() }),
    result: SecretStorageStatusSchema,
  },
} as const;

export type SecretStorageStatus = z.output<typeof SecretStorageStatusSchema>;
