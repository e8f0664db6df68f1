import { describe, expect, it } from 'vitest';
import { ProfileFieldsSchema } from '@shared/api/profile-schema';
import { createTestServices } from '../testing/test-services';
import { fakeKeychain } from '../testing/fake-keychain';
import { exportProfiles, importProfiles } from './export-import';

const PASSWORD = 'export-Secret-Password-1234';
const TOKEN = 'eyJhbGciOiJub25lIn0.static-oauth-token';

async function seeded() {
  const s = createTestServices('electron', { keychain: fakeKeychain() });
  const a = await s.profiles.create(
    ProfileFieldsSchema.parse({
      name: 'prod',
      bootstrapServers: ['k:9093'],
      securityProtocol: 'SASL_SSL',
      sasl: { mechanism: 'SCRAM-SHA-256', username: 'bob' },
      tagIds: ['prod'],
    }),
    { saslPassword: PASSWORD },
  );
  const b = await s.profiles.create(
    ProfileFieldsSchema.parse({
      name: 'oauth',
      bootstrapServers: ['k:9094'],
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'OAUTHBEARER', oauth: { mode: 'static' } },
    }),
    { oauthToken: TOKEN },
  );
  return { s, a, b };
}

describe('profile export and import', () => {
  it('leaves secrets out unless asked', async () => {
    const { s } = await seeded();
    const out = await exportProfiles(s.profiles, undefined, undefined);
    expect(out.includesSecrets).toBe(false);
    expect(out.profiles).toBe(2);
    expect(out.json).not.toContain(PASSWORD);
    expect(out.json).not.toContain(TOKEN);
    expect(JSON.parse(out.json).secrets).toBeNull();
  });

  it('with a passphrase: secrets are encrypted in the file and come back on import', async () => {
    const { s, a } = await seeded();
    const out = await exportProfiles(s.profiles, [a.id], 'correct horse battery');
    expect(out.includesSecrets).toBe(true);
    expect(out.json).not.toContain(PASSWORD);
    expect(out.json).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(JSON.parse(out.json).secrets.kdf.name).toBe('scrypt');

    const target = createTestServices('electron', { keychain: fakeKeychain() });
    await expect(importProfiles(target.profiles, out.json, { skipSecrets: false })).rejects.toThrow(
      'passphrase:',
    );
    await expect(
      importProfiles(target.profiles, out.json, { passphrase: 'wrong one!', skipSecrets: false }),
    ).rejects.toThrow('wrong passphrase');
    expect((await target.profiles.list()).profiles).toEqual([]);

    const res = await importProfiles(target.profiles, out.json, {
      passphrase: 'correct horse battery',
      skipSecrets: false,
    });
    expect(res.secretsImported).toBe(true);
    expect(res.imported).toHaveLength(1);
    expect(res.imported[0]).toMatchObject({
      name: 'prod',
      tagIds: ['prod'],
      secretsSet: { saslPassword: true },
    });
    expect((await target.profiles.secrets.get(res.imported[0]!.id)).saslPassword).toBe(PASSWORD);
  });

  it('renames on a name clash and gives a new id on an id clash', async () => {
    const { s, a } = await seeded();
    const out = await exportProfiles(s.profiles, [a.id], undefined);
    const res = await importProfiles(s.profiles, out.json, { skipSecrets: false });
    expect(res.renamed).toBe(1);
    expect(res.imported[0]!.name).toBe('prod (imported)');
    expect(res.imported[0]!.id).not.toBe(a.id);
  });

  it('imports an export of an older schema version through the migrations', async () => {
    const s = createTestServices('web');
    const v1 = {
      format: 'brokerscope.profiles',
      formatVersion: 1,
      schemaVersion: 1,
      profiles: [
        {
          id: 'old-1',
          name: 'legacy',
          bootstrap: 'a:9092,b:9092',
          clientId: 'x',
          securityProtocol: 'PLAINTEXT',
          sasl: null,
          tls: null,
          timeouts: {},
          tagIds: [],
          createdAt: 1,
          updatedAt: 1,
        },
      ],
      tags: [],
      secrets: null,
    };
    const res = await importProfiles(s.profiles, JSON.stringify(v1), { skipSecrets: false });
    expect(res.imported[0]!.bootstrapServers).toEqual(['a:9092', 'b:9092']);
  });

  it('names what is wrong with a bad file', async () => {
    const s = createTestServices('web');
    await expect(importProfiles(s.profiles, 'nope', { skipSecrets: false })).rejects.toThrow(
      'json: not valid JSON',
    );
    await expect(importProfiles(s.profiles, '{"format":"other"}', { skipSecrets: false })).rejects.toThrow(
      'json: not a Brokerscope profile export',
    );
    const bad = {
      format: 'brokerscope.profiles',
      formatVersion: 1,
      schemaVersion: 2,
      profiles: [{ id: 'x', name: '' }],
    };
    await expect(importProfiles(s.profiles, JSON.stringify(bad), { skipSecrets: false })).rejects.toThrow(
      'json: profiles.0.',
    );
  });
});
