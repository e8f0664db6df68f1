/**
 * Profiles as a JSON file to share or back up. Secrets are left out unless the user asks;
 * then they are encrypted with a passphrase the user gives (scrypt + AES-256-GCM) and
 * travel as one opaque blob. Imports run the same schema migrations as the profile file.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Result } from '@shared/api/contract';
import { formatIssues } from '@shared/api/issues';
import {
  StoredProfileSchema,
  TagSchema,
  type ProfileSecrets,
  type StoredProfile,
} from '@shared/api/profile-schema';
import { migrate, PROFILE_SCHEMA_VERSION } from './migrations';
import { decryptWithPassphrase, EncryptedBlobSchema, encryptWithPassphrase } from './passphrase-crypto';
import type { ProfileService } from './profile-service';

export const EXPORT_FORMAT = 'brokerscope.profiles';

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(1),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.string().optional(),
  profiles: z.array(z.unknown()),
  tags: z.array(z.unknown()).default([]),
  secrets: EncryptedBlobSchema.nullable().default(null),
});

const SecretsBagSchema = z.record(z.string(), z.record(z.string(), z.string()));

export async function exportProfiles(
  service: ProfileService,
  ids: string[] | undefined,
  passphrase: string | undefined,
): Promise<Result<'profiles.export'>> {
  const { profiles: all, tags } = await service.list();
  const chosen = ids ? ids.map((id) => all.find((p) => p.id === id) ?? missing(id)) : all;
  const stored: StoredProfile[] = chosen.map(({ secretsSet: _s, ...p }) => p);
  const usedTags = new Set(stored.flatMap((p) => p.tagIds));
  let secrets = null;
  if (passphrase !== undefined) {
    const bag: Record<string, ProfileSecrets> = {};
    for (const p of stored) {
      const s = await service.secrets.get(p.id);
      if (Object.keys(s).length > 0) bag[p.id] = s;
    }
    secrets = await encryptWithPassphrase(JSON.stringify(bag), passphrase);
  }
  const file = {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    schemaVersion: PROFILE_SCHEMA_VERSION,
    exportedAt: new Date().toISOString(),
    profiles: stored,
    tags: tags.filter((t) => usedTags.has(t.id)),
    secrets,
  };
  return {
    json: `${JSON.stringify(file, null, 2)}\n`,
    fileName: `brokerscope-profiles-${new Date().toISOString().slice(0, 10)}.json`,
    profiles: stored.length,
    includesSecrets: secrets !== null,
  };
}

function missing(id: string): never {
  throw new Error(`ids: no profile with id ${JSON.stringify(id)}`);
}

export async function importProfiles(
  service: ProfileService,
  json: string,
  opts: { passphrase?: string; skipSecrets: boolean },
): Promise<Result<'profiles.import'>> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new Error(`json: not valid JSON (${(err as Error).message})`);
  }
  const file = ExportFileSchema.safeParse(raw);
  if (!file.success)
    throw new Error(`json: not a Brokerscope profile export (${formatIssues(file.error.issues)})`);
  if (file.data.schemaVersion > PROFILE_SCHEMA_VERSION) {
    throw new Error(
      `json: exported by a newer Brokerscope (schema version ${file.data.schemaVersion}; this one knows up to ${PROFILE_SCHEMA_VERSION})`,
    );
  }
  const migrated = migrate({
    schemaVersion: file.data.schemaVersion,
    profiles: file.data.profiles,
    tags: file.data.tags,
  }).doc;
  const profiles = z.array(StoredProfileSchema).safeParse(migrated.profiles);
  if (!profiles.success)
    throw new Error(
      `json: ${formatIssues(profiles.error.issues.map((i) => ({ ...i, path: ['profiles', ...i.path] })))}`,
    );
  const tags = z.array(TagSchema).safeParse(migrated.tags);
  if (!tags.success)
    throw new Error(
      `json: ${formatIssues(tags.error.issues.map((i) => ({ ...i, path: ['tags', ...i.path] })))}`,
    );

  // Decrypt (and check consent) before anything is written.
  let bag: Record<string, ProfileSecrets> = {};
  const withSecrets = file.data.secrets !== null && !opts.skipSecrets;
  if (withSecrets) {
    if (opts.passphrase === undefined) {
      throw new Error(
        'passphrase: this file carries encrypted secrets; give its passphrase, or import without them (skipSecrets)',
      );
    }
    const decrypted = SecretsBagSchema.safeParse(
      JSON.parse(await decryptWithPassphrase(file.data.secrets!, opts.passphrase)),
    );
    if (!decrypted.success) throw new Error('json: the decrypted secrets are not in the expected shape');
    bag = decrypted.data as Record<string, ProfileSecrets>;
    if (Object.keys(bag).length > 0) await service.secrets.assertCanStore();
  }

  const current = await service.list();
  const takenIds = new Set(current.profiles.map((p) => p.id));
  const takenNames = new Set(current.profiles.map((p) => p.name));
  const knownTags = new Set([...current.tags, ...tags.data].map((t) => t.id));
  let renamed = 0;
  const now = Date.now();
  const incoming = profiles.data.map((p) => {
    const oldId = p.id;
    const id = takenIds.has(p.id) ? randomUUID() : p.id;
    takenIds.add(id);
    let name = p.name;
    if (takenNames.has(name)) {
      renamed++;
      for (let n = 1; takenNames.has(name); n++) name = `${p.name} (imported${n > 1 ? ` ${n}` : ''})`;
    }
    takenNames.add(name);
    return {
      oldId,
      profile: { ...p, id, name, tagIds: p.tagIds.filter((t) => knownTags.has(t)), updatedAt: now },
    };
  });
  for (const { oldId, profile } of incoming) {
    const s = bag[oldId];
    if (s && Object.keys(s).length > 0) await service.secrets.set(profile.id, s);
  }
  await service.addImported(
    incoming.map((i) => i.profile),
    tags.data,
  );
  return {
    imported: await Promise.all(incoming.map((i) => service.withSecretsSet(i.profile))),
    renamed,
    secretsImported: withSecrets && Object.keys(bag).length > 0,
  };
}
