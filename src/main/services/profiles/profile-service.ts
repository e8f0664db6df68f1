/**
 * What the profiles API does: the profile file plus the secret store, kept consistent.
 * Secrets are written before the profile that needs them, and never returned: a profile
 * comes back with secretsSet (booleans) only.
 */
import { randomUUID } from 'node:crypto';
import type { Result } from '@shared/api/contract';
import type {
  Profile,
  ProfileFields,
  ProfileSecrets,
  SecretsInput,
  StoredProfile,
  Tag,
} from '@shared/api/profile-schema';
import { secretFields } from '@shared/api/profile-schema';
import type { Emit } from '../../transport/event-bus';
import type { SecretStore } from '../secrets/secret-store';
import type { ProfileStore } from './profile-store';

export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(id: string) {
    super(`no profile with id ${JSON.stringify(id)}`);
  }
}

export function mergeSecrets(current: ProfileSecrets, input: SecretsInput | undefined): ProfileSecrets {
  const out: ProfileSecrets = { ...current };
  for (const f of secretFields) {
    const v = input?.[f];
    if (v === null) delete out[f];
    else if (typeof v === 'string') out[f] = v;
  }
  return out;
}

export class ProfileService {
  constructor(
    private readonly store: ProfileStore,
    readonly secrets: SecretStore,
    private readonly emit: Emit,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Result<'profiles.list'>> {
    await this.store.load();
    const doc = this.store.document();
    return {
      profiles: await Promise.all(doc.profiles.map((p) => this.withSecretsSet(p))),
      tags: doc.tags,
      problem: this.store.problem(),
    };
  }

  async stored(id: string): Promise<StoredProfile> {
    await this.store.load();
    const p = this.store.document().profiles.find((x) => x.id === id);
    if (!p) throw new ProfileNotFoundError(id);
    return p;
  }

  async get(id: string): Promise<Profile> {
    return this.withSecretsSet(await this.stored(id));
  }

  async create(fields: ProfileFields, secrets?: SecretsInput): Promise<Profile> {
    await this.store.load();
    this.checkTags(fields.tagIds, this.store.document().tags);
    const id = randomUUID();
    const values = mergeSecrets({}, secrets);
    await this.secrets.set(id, values);
    const t = this.now();
    const profile: StoredProfile = { ...fields, id, createdAt: t, updatedAt: t };
    try {
      await this.store.update((doc) => ({
        doc: { ...doc, profiles: [...doc.profiles, profile] },
        value: undefined,
      }));
    } catch (err) {
      await this.secrets.delete(id).catch(() => undefined);
      throw err;
    }
    await this.changed();
    return this.withSecretsSet(profile);
  }

  async update(id: string, fields: ProfileFields, secrets?: SecretsInput): Promise<Profile> {
    const current = await this.stored(id);
    this.checkTags(fields.tagIds, this.store.document().tags);
    if (secrets && Object.keys(secrets).length > 0)
      await this.secrets.set(id, mergeSecrets(await this.secrets.get(id), secrets));
    const profile: StoredProfile = { ...fields, id, createdAt: current.createdAt, updatedAt: this.now() };
    await this.store.update((doc) => ({
      doc: { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? profile : p)) },
      value: undefined,
    }));
    await this.changed();
    return this.withSecretsSet(profile);
  }

  async duplicate(id: string, name?: string): Promise<Profile> {
    const source = await this.stored(id);
    const copyId = randomUUID();
    await this.secrets.set(copyId, await this.secrets.get(id));
    const t = this.now();
    const copy: StoredProfile = {
      ...structuredClone(source),
      id: copyId,
      name: name ?? `${source.name} (copy)`,
      createdAt: t,
      updatedAt: t,
    };
    await this.store.update((doc) => ({
      doc: { ...doc, profiles: [...doc.profiles, copy] },
      value: undefined,
    }));
    await this.changed();
    return this.withSecretsSet(copy);
  }

  async delete(id: string): Promise<{ id: string }> {
    await this.stored(id);
    await this.store.update((doc) => ({
      doc: { ...doc, profiles: doc.profiles.filter((p) => p.id !== id) },
      value: undefined,
    }));
    await this.secrets.delete(id);
    await this.changed();
    return { id };
  }

  async saveTags(tags: Tag[]): Promise<Tag[]> {
    const ids = new Set(tags.map((t) => t.id));
    await this.store.update((doc) => ({
      doc: {
        ...doc,
        tags,
        profiles: doc.profiles.map((p) => ({ ...p, tagIds: p.tagIds.filter((t) => ids.has(t)) })),
      },
      value: undefined,
    }));
    await this.changed();
    return tags;
  }

  /** Adds profiles (already validated, with their final ids) and any missing tags in one write. */
  async addImported(profiles: StoredProfile[], tags: Tag[]): Promise<void> {
    await this.store.update((doc) => {
      const known = new Set(doc.tags.map((t) => t.id));
      return {
        doc: {
          ...doc,
          tags: [...doc.tags, ...tags.filter((t) => !known.has(t.id))],
          profiles: [...doc.profiles, ...profiles],
        },
        value: undefined,
      };
    });
    await this.changed();
  }

  async withSecretsSet(p: StoredProfile): Promise<Profile> {
    return { ...p, secretsSet: await this.secrets.fieldsSet(p.id) };
  }

  private checkTags(tagIds: string[], tags: Tag[]): void {
    const known = new Set(tags.map((t) => t.id));
    const i = tagIds.findIndex((t) => !known.has(t));
    if (i >= 0) throw new Error(`profile.tagIds.${i}: unknown tag ${JSON.stringify(tagIds[i])}`);
  }

  private async changed(): Promise<void> {
    this.emit('profiles.changed', await this.list());
  }
}
