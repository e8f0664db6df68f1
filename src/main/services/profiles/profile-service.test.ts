import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileFields } from '@shared/api/profile-schema';
import { ProfileFieldsSchema } from '@shared/api/profile-schema';
import { createTestServices } from '../testing/test-services';
import { fakeKeychain } from '../testing/fake-keychain';
import { filesContaining } from '../testing/grep-dir';
import { PROFILE_FILE } from './profile-store';

const PASSWORD = 'scram-Password-9c1e77';

const fields = (extra: Partial<ProfileFields> = {}): ProfileFields =>
  ProfileFieldsSchema.parse({
    name: 'staging',
    bootstrapServers: ['k1:9093', 'k2:9093'],
    securityProtocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'alice' },
    tls: { ca: { kind: 'file', path: '/etc/ca.pem' }, verifyHostname: true },
    tagIds: ['staging'],
    ...extra,
  });

function setup() {
  const events: string[] = [];
  const s = createTestServices('electron', { keychain: fakeKeychain() });
  s.bus.addSink((e) => events.push(e));
  return { s, events, p: s.profiles };
}

describe('profile service', () => {
  it('creates, edits, duplicates and deletes, with secrets kept apart and never returned', async () => {
    const { s, p, events } = setup();
    const created = await p.create(fields(), { saslPassword: PASSWORD });
    expect(created.secretsSet.saslPassword).toBe(true);
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(events).toContain('profiles.changed');

    const edited = await p.update(created.id, fields({ name: 'staging-eu', clientId: 'bs-eu' }));
    expect(edited).toMatchObject({ name: 'staging-eu', clientId: 'bs-eu', createdAt: created.createdAt });
    expect(edited.secretsSet.saslPassword).toBe(true); // absent secrets: kept

    const copy = await p.duplicate(created.id);
    expect(copy.name).toBe('staging-eu (copy)');
    expect(copy.id).not.toBe(created.id);
    expect((await p.secrets.get(copy.id)).saslPassword).toBe(PASSWORD);

    const cleared = await p.update(copy.id, fields({ name: 'copy' }), { saslPassword: null });
    expect(cleared.secretsSet.saslPassword).toBe(false);

    await p.delete(created.id);
    expect((await p.list()).profiles.map((x) => x.name)).toEqual(['copy']);
    expect(await p.secrets.get(created.id)).toEqual({});

    // Nowhere on disk in plain text (the keychain is available here).
    expect(filesContaining(s.dataDir, PASSWORD)).toEqual([]);
    expect(readFileSync(join(s.dataDir, PROFILE_FILE), 'utf8')).not.toContain(PASSWORD);
  });

  it('rejects unknown tags, and drops deleted tags from profiles', async () => {
    const { p } = setup();
    await expect(p.create(fields({ tagIds: ['nope'] }))).rejects.toThrow(
      'profile.tagIds.0: unknown tag "nope"',
    );
    const created = await p.create(fields({ tagIds: ['prod', 'staging'] }));
    await p.saveTags([{ id: 'prod', name: 'production', color: '#ff0000' }]);
    expect((await p.get(created.id)).tagIds).toEqual(['prod']);
  });

  it('without a keychain and without consent, refuses secrets and writes nothing', async () => {
    const s = createTestServices('web');
    await expect(s.profiles.create(fields(), { saslPassword: PASSWORD })).rejects.toThrow('No OS keychain');
    expect((await s.profiles.list()).profiles).toEqual([]);
    expect(filesContaining(s.dataDir, PASSWORD)).toEqual([]);
  });
});
