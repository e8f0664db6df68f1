import { describe, expect, it } from 'vitest';
import { emptyDraft, fieldOfPath, toFields, toSecrets, validate } from './draft';

describe('profile draft', () => {
  it('builds a SASL_SSL profile with a CA file and a password to store', () => {
    const d = { ...emptyDraft(), name: 'x', bootstrap: 'a:9093, b:9093', securityProtocol: 'SASL_SSL' as const, mechanism: 'SCRAM-SHA-512' as const, username: 'u', caMode: 'file' as const, caPath: '/ca.pem' };
    d.secrets = { ...d.secrets, saslPassword: { kind: 'set', value: 'pw' } };
    expect(toFields(d)).toMatchObject({
      bootstrapServers: ['a:9093', 'b:9093'],
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'u' },
      tls: { ca: { kind: 'file', path: '/ca.pem' }, cert: null, key: null, verifyCertificate: true },
    });
    expect(toSecrets(d, {})).toEqual({ saslPassword: 'pw' });
    expect(validate(d, {})).toEqual({});
  });

  it('says which field is wrong, including secrets the settings need', () => {
    const d = { ...emptyDraft(), securityProtocol: 'SASL_PLAINTEXT' as const, mechanism: 'PLAIN' as const, connectTimeoutMs: '1.5' };
    const e = validate(d, {});
    expect(Object.keys(e).sort()).toEqual(['bootstrap', 'connectTimeoutMs', 'name', 'saslPassword', 'username']);
    expect(validate(d, { saslPassword: true }).saslPassword).toBeUndefined();
  });

  it('clears stored secrets the settings no longer use', () => {
    const d = { ...emptyDraft(), name: 'x', bootstrap: 'a:9092' };
    expect(toSecrets(d, { saslPassword: true })).toEqual({ saslPassword: null });
  });

  it('maps contract issue paths to form fields', () => {
    expect(fieldOfPath('profile.tls.ca.path')).toBe('caPath');
    expect(fieldOfPath('sasl.username')).toBe('username');
    expect(fieldOfPath('bootstrapServers.0')).toBe('bootstrap');
    expect(fieldOfPath('something.else')).toBe('form');
  });
});
