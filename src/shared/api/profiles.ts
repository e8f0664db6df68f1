/** The profiles area: create, edit, duplicate, delete, tags, import and export. */
import { z } from 'zod';
import {
  ProfileFieldsSchema,
  ProfileIdSchema,
  ProfileSchema,
  SecretsInputSchema,
  TagSchema,
} from './profile-schema';

/** Why the profile file could not be used as it was; shown to the user, never silent. */
export const StoreProblemSchema = z.object({
  kind: z.enum(['corrupt', 'newer-version', 'unreadable']),
  message: z.string(),
  /** Where the unusable file was moved (corrupt), so nothing is lost. */
  keptAt: z.string().nullable(),
});

export const ProfileListSchema = z.object({
  profiles: z.array(ProfileSchema),
  tags: z.array(TagSchema),
  problem: StoreProblemSchema.nullable(),
});

const byId = z.strictObject({ id: ProfileIdSchema });

export const profileMethods = {
  'profiles.list': { params: z.strictObject({}), result: ProfileListSchema },
  'profiles.get': { params: byId, result: ProfileSchema },
  'profiles.create': {
    params: z.strictObject({ profile: ProfileFieldsSchema, secrets: SecretsInputSchema.optional() }),
    result: ProfileSchema,
  },
  'profiles.update': {
    params: z.strictObject({
      id: ProfileIdSchema,
      profile: ProfileFieldsSchema,
      secrets: SecretsInputSchema.optional(),
    }),
    result: ProfileSchema,
  },
  /** A copy with a new id and name; its secrets are copied too. */
  'profiles.duplicate': {
    params: z.strictObject({ id: ProfileIdSchema, name: z.string().trim().min(1).max(200).optional() }),
    result: ProfileSchema,
  },
  'profiles.delete': { params: byId, result: z.object({ id: z.string() }) },
  /** Replaces the tag list; profiles lose tags that no longer exist. */
  'profiles.tags.save': {
    params: z.strictObject({
      tags: z
        .array(TagSchema)
        .max(100)
        .refine((t) => new Set(t.map((x) => x.id)).size === t.length, { message: 'tag ids must be unique' }),
    }),
    result: z.array(TagSchema),
  },
  /** JSON of the chosen profiles (all when ids is absent). Secrets only with a passphrase, encrypted. */
  'profiles.export': {
    params: z.strictObject({
      ids: z.array(ProfileIdSchema).min(1).optional(),
      secrets: z
        .strictObject({
          passphrase: z.string().min(8, { message: 'use a passphrase of at least 8 characters' }).max(1024),
        })
        .optional(),
    }),
    result: z.object({
      json: z.string(),
      fileName: z.string(),
      profiles: z.number(),
      includesSecrets: z.boolean(),
    }),
  },
  'profiles.import': {
    params: z.strictObject({
      json: z.string().min(2).max(10_000_000),
      /** Needed when the file carries encrypted secrets (unless skipSecrets). */
      passphrase: z.string().min(1).max(1024).optional(),
      skipSecrets: z.boolean().default(false),
    }),
    result: z.object({ imported: z.array(ProfileSchema), renamed: z.number(), secretsImported: z.boolean() }),
  },
} as const;

export const profileEvents = {
  /** The profile list changed (any window, any transport). */
  'profiles.changed': ProfileListSchema,
} as const;
