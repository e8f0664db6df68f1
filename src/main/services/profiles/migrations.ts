/**
 * Schema migrations of the profile file, applied in order on load. Each takes the whole
 * document of one version and returns the next; they never see secrets (stored apart).
 */
export const PROFILE_SCHEMA_VERSION = 2;

export interface Migration {
  from: number;
  to: number;
  what: string;
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

type Json = Record<string, unknown>;

export const migrations: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    what: 'bootstrap (one comma-separated string) becomes bootstrapServers (a list)',
    migrate(doc) {
      const profiles = Array.isArray(doc.profiles) ? (doc.profiles as Json[]) : [];
      return {
        ...doc,
        schemaVersion: 2,
        profiles: profiles.map((p) => {
          const { bootstrap, ...rest } = p;
          const servers =
            typeof bootstrap === 'string'
              ? bootstrap
                  .split(/[,\s]+/)
                  .map((s) => s.trim())
                  .filter(Boolean)
              : [];
          return { ...rest, bootstrapServers: servers };
        }),
      };
    },
  },
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Brings a parsed document up to PROFILE_SCHEMA_VERSION; says which steps ran. */
export function migrate(input: unknown): { doc: Json; fromVersion: number; applied: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new MigrationError('the file does not hold a JSON object');
  let doc = input as Json;
  const fromVersion = doc.schemaVersion;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new MigrationError(
      `schemaVersion is missing or not a positive integer (${JSON.stringify(fromVersion)})`,
    );
  }
  const applied: string[] = [];
  let version = fromVersion;
  while (version < PROFILE_SCHEMA_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new MigrationError(`no migration from schema version ${version}`);
    doc = step.migrate(doc);
    applied.push(`v${step.from}→v${step.to}: ${step.what}`);
    version = step.to;
  }
  return { doc, fromVersion, applied };
}
