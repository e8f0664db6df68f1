/**
 * The profile file: JSON in the data folder, written atomically, versioned, migrated on
 * load. A file that can't be parsed or validated is moved aside (profiles.json.corrupt-<time>)
 * and reported, never overwritten; a file from a newer Brokerscope, or one that can't be
 * read, makes the store read-only until the problem is fixed. No secrets live here.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_TAGS,
  StoredProfileSchema,
  TagSchema,
  type StoredProfile,
  type Tag,
} from '@shared/api/profile-schema';
import type { StoreProblemSchema } from '@shared/api/profiles';
import { formatIssues } from '@shared/api/issues';
import { nodeFs, removeStaleTemps, writeFileAtomic, type AtomicFs } from '../fs/atomic-write';
import { migrate, MigrationError, PROFILE_SCHEMA_VERSION } from './migrations';

export type StoreProblem = z.output<typeof StoreProblemSchema>;

export const PROFILE_FILE = 'profiles.json';

const DocumentSchema = z.strictObject({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  profiles: z.array(StoredProfileSchema),
  tags: z.array(TagSchema),
});

export interface ProfileDocument {
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  profiles: StoredProfile[];
  tags: Tag[];
}

export interface ProfileStoreOptions {
  fs?: AtomicFs;
  now?: () => Date;
}

function emptyDocument(): ProfileDocument {
  return { schemaVersion: PROFILE_SCHEMA_VERSION, profiles: [], tags: DEFAULT_TAGS.map((t) => ({ ...t })) };
}

export function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export class ProfileStore {
  readonly path: string;
  private doc: ProfileDocument = emptyDocument();
  private trouble: StoreProblem | null = null;
  private readOnly = false;
  private loading: Promise<void> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly opts: ProfileStoreOptions = {},
  ) {
    this.path = join(dir, PROFILE_FILE);
  }

  /** Loads once (every other call waits for the same load). */
  load(): Promise<void> {
    this.loading ??= this.loadOnce();
    return this.loading;
  }

  problem(): StoreProblem | null {
    return this.trouble;
  }

  document(): ProfileDocument {
    return this.doc;
  }

  /**
   * Applies a change and writes the result atomically. Changes are serialised; when the
   * write fails, the change is not applied in memory either.
   */
  async update<T>(change: (doc: ProfileDocument) => { doc: ProfileDocument; value: T }): Promise<T> {
    await this.load();
    const run = async (): Promise<T> => {
      if (this.readOnly)
        throw new Error(
          `profiles are read-only: ${this.trouble?.message ?? 'the profile file could not be used'}`,
        );
      const { doc, value } = change(structuredClone(this.doc));
      const checked = DocumentSchema.safeParse(doc);
      if (!checked.success)
        throw new Error(`refusing to write an invalid profile file: ${formatIssues(checked.error.issues)}`);
      await this.write(checked.data as ProfileDocument);
      this.doc = checked.data as ProfileDocument;
      return value;
    };
    const next = this.writes.then(run, run);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async write(doc: ProfileDocument): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, `${JSON.stringify(doc, null, 2)}\n`, {
      fs: this.opts.fs ?? nodeFs,
      mode: 0o600,
    });
  }

  private async loadOnce(): Promise<void> {
    await removeStaleTemps(this.path);
    let text: string;
    try {
      text = await fsp.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // first run: empty list, default tags
      this.readOnly = true;
      this.trouble = {
        kind: 'unreadable',
        message: `The profile file ${this.path} could not be read (${(err as Error).message}). Profiles are read-only until it can be.`,
        keptAt: null,
      };
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return this.putAside(`it is not valid JSON (${(err as Error).message})`);
    }
    const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > PROFILE_SCHEMA_VERSION) {
      this.readOnly = true;
      this.trouble = {
        kind: 'newer-version',
        message: `The profile file ${this.path} was written by a newer Brokerscope (schema version ${version}; this one knows up to ${PROFILE_SCHEMA_VERSION}). It was left untouched and profiles are read-only.`,
        keptAt: null,
      };
      return;
    }
    let migrated: ReturnType<typeof migrate>;
    try {
      migrated = migrate(parsed);
    } catch (err) {
      if (err instanceof MigrationError) return this.putAside(err.message);
      throw err;
    }
    const checked = DocumentSchema.safeParse(migrated.doc);
    if (!checked.success)
      return this.putAside(`it does not match the profile schema (${formatIssues(checked.error.issues)})`);
    this.doc = checked.data as ProfileDocument;
    if (migrated.applied.length > 0) {
      // Keep the pre-migration file, then write the migrated one in its place.
      await fsp.copyFile(this.path, `${this.path}.v${migrated.fromVersion}-backup`);
      await this.write(this.doc);
    }
  }

  private async putAside(why: string): Promise<void> {
    const keptAt = `${this.path}.corrupt-${stamp((this.opts.now ?? (() => new Date()))())}`;
    try {
      await fsp.rename(this.path, keptAt);
    } catch (err) {
      this.readOnly = true;
      this.trouble = {
        kind: 'corrupt',
        message: `The profile file ${this.path} is damaged: ${why}. It could not be moved aside (${(err as Error).message}), so profiles are read-only.`,
        keptAt: null,
      };
      return;
    }
    this.trouble = {
      kind: 'corrupt',
      message: `The profile file was damaged: ${why}. It was kept as ${keptAt} and Brokerscope started with an empty profile list.`,
      keptAt,
    };
  }
}
