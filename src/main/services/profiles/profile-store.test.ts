import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredProfile } from '@shared/api/profile-schema';
import { nodeFs, type AtomicFs } from '../fs/atomic-write';
import { PROFILE_SCHEMA_VERSION } from './migrations';
import { PROFILE_FILE, ProfileStore } from './profile-store';

const dir = (): string => mkdtempSync(join(tmpdir(), 'bs-profiles-'));

function profile(id: string, name = id): StoredProfile {
  return {
    id,
    name,
    bootstrapServers: ['127.0.0.1:9092'],
    clientId: 'brokerscope',
    securityProtocol: 'PLAINTEXT',
    sasl: null,
    tls: null,
    timeouts: {},
    tagIds: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

const add = (store: ProfileStore, p: StoredProfile): Promise<void> =>
  store.update((doc) => ({ doc: { ...doc, profiles: [...doc.profiles, p] }, value: undefined }));

describe('profile store', () => {
  it('starts empty with the default tags, and writes a versioned file', async () => {
    const d = dir();
    const store = new ProfileStore(d);
    await store.load();
    expect(store.document().profiles).toEqual([]);
    expect(store.document().tags.map((t) => t.name)).toEqual(['dev', 'staging', 'prod']);
    expect(existsSync(join(d, PROFILE_FILE))).toBe(false);
    await add(store, profile('a'));
    const onDisk = JSON.parse(readFileSync(join(d, PROFILE_FILE), 'utf8'));
    expect(onDisk.schemaVersion).toBe(PROFILE_SCHEMA_VERSION);
    expect(onDisk.profiles[0].id).toBe('a');
    const again = new ProfileStore(d);
    await again.load();
    expect(again.document().profiles.map((p) => p.id)).toEqual(['a']);
  });

  it('an interrupted write (crash between temp write and rename) leaves the old file intact', async () => {
    const d = dir();
    const first = new ProfileStore(d);
    await add(first, profile('a'));
    const before = readFileSync(join(d, PROFILE_FILE), 'utf8');

    // The "crash": the temp file is written and synced, then the rename never happens.
    let tempWritten: string | null = null;
    const crashing: AtomicFs = {
      ...nodeFs,
      open: async (p, f, m) => {
        tempWritten = p;
        return nodeFs.open(p, f, m);
      },
      rename: () => Promise.reject(new Error('simulated crash before rename')),
      rm: () => Promise.resolve(), // a real crash cleans nothing up either
    };
    const store = new ProfileStore(d, { fs: crashing });
    await expect(add(store, profile('b'))).rejects.toThrow('simulated crash before rename');
    expect(tempWritten).not.toBeNull();
    expect(existsSync(tempWritten!)).toBe(true); // the new content sits in the temp file…
    expect(readFileSync(join(d, PROFILE_FILE), 'utf8')).toBe(before); // …and the real file is untouched
    expect(store.document().profiles.map((p) => p.id)).toEqual(['a']); // memory matches disk

    // The next start reads the old file and removes the stale temp file.
    const restarted = new ProfileStore(d);
    await restarted.load();
    expect(restarted.problem()).toBeNull();
    expect(restarted.document().profiles.map((p) => p.id)).toEqual(['a']);
    expect(readdirSync(d)).toEqual([PROFILE_FILE]);
  });

  it('migrates a v1 file (bootstrap string) to v2 (bootstrapServers list), keeping a backup', async () => {
    const d = dir();
    const { bootstrapServers: _b, ...rest } = profile('old');
    const v1 = { schemaVersion: 1, profiles: [{ ...rest, bootstrap: 'k1:9092, k2:9093,k3' }], tags: [] };
    writeFileSync(join(d, PROFILE_FILE), JSON.stringify(v1));
    const store = new ProfileStore(d);
    await store.load();
    expect(store.problem()).toBeNull();
    expect(store.document().profiles[0]!.bootstrapServers).toEqual(['k1:9092', 'k2:9093', 'k3']);
    const onDisk = JSON.parse(readFileSync(join(d, PROFILE_FILE), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.profiles[0].bootstrap).toBeUndefined();
    expect(JSON.parse(readFileSync(join(d, `${PROFILE_FILE}.v1-backup`), 'utf8'))).toEqual(v1);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 2, "profiles": ['],
    ['the wrong shape', JSON.stringify({ schemaVersion: 2, profiles: [{ id: 'x' }], tags: [] })],
    ['no schema version', JSON.stringify({ profiles: [] })],
    ['an array', '[]'],
  ])('a corrupt file (%s) is kept aside, reported, and never overwritten', async (_label, content) => {
    const d = dir();
    writeFileSync(join(d, PROFILE_FILE), content);
    const store = new ProfileStore(d, { now: () => new Date('2030-01-02T03:04:05.678Z') });
    await store.load();
    const problem = store.problem();
    expect(problem?.kind).toBe('corrupt');
    const keptAt = join(d, `${PROFILE_FILE}.corrupt-2030-01-02T03-04-05-678Z`);
    expect(problem?.keptAt).toBe(keptAt);
    expect(problem?.message).toContain(keptAt);
    expect(readFileSync(keptAt, 'utf8')).toBe(content);
    expect(store.document().profiles).toEqual([]);
    // New profiles go to a fresh file; the kept one stays as it was.
    await add(store, profile('new'));
    expect(readFileSync(keptAt, 'utf8')).toBe(content);
    expect(JSON.parse(readFileSync(join(d, PROFILE_FILE), 'utf8')).profiles[0].id).toBe('new');
  });

  it('a file from a newer version is left untouched and the store is read-only', async () => {
    const d = dir();
    const content = JSON.stringify({ schemaVersion: 99, profiles: [], tags: [] });
    writeFileSync(join(d, PROFILE_FILE), content);
    const store = new ProfileStore(d);
    await store.load();
    expect(store.problem()?.kind).toBe('newer-version');
    await expect(add(store, profile('x'))).rejects.toThrow('read-only');
    expect(readFileSync(join(d, PROFILE_FILE), 'utf8')).toBe(content);
  });

  it('serialises concurrent changes', async () => {
    const store = new ProfileStore(dir());
    await Promise.all(Array.from({ length: 10 }, (_, i) => add(store, profile(`p${i}`))));
    expect(store.document().profiles).toHaveLength(10);
    const again = new ProfileStore(store.dir);
    await again.load();
    expect(again.document().profiles).toHaveLength(10);
  });
});
