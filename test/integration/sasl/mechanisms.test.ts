// Every SASL mechanism against the real broker: right and wrong credentials, and a mechanism
// the listener doesn't enable. SCRAM and PLAIN passwords come from the harness.
import { describe, expect, it } from 'vitest';
import { ApiKey, CloseReason, Connection, KafkaConnectionError, type ConnectionOptions } from '../../../src/main/core';
import { brokerInfo, optionsFor, recorder } from '../../support/connect-options';
import { unsecuredJwt, validClaims } from '../../support/jwt';

const info = brokerInfo();

function portOf(listener: string): { host: string; port: number } {
  const l = (info.listeners as Record<string, { host: string; port: number }>)[listener];
  if (!l) throw new Error(`the harness has no ${listener} listener`);
  return { host: l.host, port: l.port };
}

async function connectOk(options: ConnectionOptions) {
  const rec = recorder();
  const conn = await Connection.connect({ ...options, onEvent: rec.onEvent });
  const md = await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false });
  expect(md.brokers).toHaveLength(1);
  await conn.close();
  return rec;
}

async function connectFails(options: ConnectionOptions) {
  const rec = recorder();
  const err = await Connection.connect({ ...options, onEvent: rec.onEvent }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KafkaConnectionError);
  return { err: err as KafkaConnectionError, rec };
}

describe('PLAIN', () => {
  it('succeeds with the right password, and warns that the transport is not TLS', async () => {
    const rec = await connectOk({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'PLAIN', ...info.users.plain } });
    const warning = rec.events.find((e) => e.type === 'warning');
    expect(warning?.type === 'warning' && warning.code).toBe('PLAIN_WITHOUT_TLS');
  });

  it('fails AUTH_FAILURE with the broker message for a wrong password', async () => {
    const { err, rec } = await connectFails({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'PLAIN', username: info.users.plain.username, password: 'nope' } });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.kind).toBe('SASL_AUTH_FAILED');
    expect(err.message).toMatch(/Authentication failed: .*(Invalid username or password|authentication)/i);
    const failure = rec.events.find((e) => e.type === 'auth.failure');
    expect(failure?.type === 'auth.failure' && failure.errorCode).toBe(58);
  });
});

describe.each([
  ['SCRAM-SHA-256', 'scramSha256'],
  ['SCRAM-SHA-512', 'scramSha512'],
] as const)('%s', (mechanism, user) => {
  it('succeeds with the right password and reports the server-first parameters', async () => {
    const rec = await connectOk({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism, ...info.users[user] } });
    const params = rec.events.find((e) => e.type === 'auth.info');
    expect(params?.type === 'auth.info' && params.detail).toMatchObject({ step: 'server-first', iterations: expect.any(Number) });
    expect(rec.events.filter((e) => e.type === 'auth.round')).toHaveLength(4); // two rounds, each way
  });

  it('fails AUTH_FAILURE with the broker message for a wrong password', async () => {
    const { err } = await connectFails({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism, username: info.users[user].username, password: 'wrong' } });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.message).toContain('Authentication failed');
  });
});

describe.each(['SASL_PLAINTEXT', 'SASL_SSL'] as const)('every mechanism on %s', (listener) => {
  it.each([
    ['PLAIN', () => ({ mechanism: 'PLAIN' as const, ...info.users.plain })],
    ['SCRAM-SHA-256', () => ({ mechanism: 'SCRAM-SHA-256' as const, ...info.users.scramSha256 })],
    ['SCRAM-SHA-512', () => ({ mechanism: 'SCRAM-SHA-512' as const, ...info.users.scramSha512 })],
    ['OAUTHBEARER', () => ({ mechanism: 'OAUTHBEARER' as const, token: unsecuredJwt(validClaims('alice')) })],
  ])('%s succeeds with the right credentials', async (_name, sasl) => {
    const rec = await connectOk({ ...optionsFor(listener), sasl: sasl() });
    expect(rec.types()).toContain('auth.success');
    // PLAIN warns only without TLS.
    const warned = rec.events.some((e) => e.type === 'warning' && e.code === 'PLAIN_WITHOUT_TLS');
    expect(warned).toBe(listener === 'SASL_PLAINTEXT' && _name === 'PLAIN');
  });

  it.each([
    ['PLAIN', () => ({ mechanism: 'PLAIN' as const, username: info.users.plain.username, password: 'bad' })],
    ['SCRAM-SHA-256', () => ({ mechanism: 'SCRAM-SHA-256' as const, username: info.users.scramSha256.username, password: 'bad' })],
    ['SCRAM-SHA-512', () => ({ mechanism: 'SCRAM-SHA-512' as const, username: info.users.scramSha512.username, password: 'bad' })],
    ['OAUTHBEARER', () => ({ mechanism: 'OAUTHBEARER' as const, token: unsecuredJwt({ sub: 'x', exp: 1 }) })],
  ])('%s fails with wrong credentials, AUTH_FAILURE and the broker message', async (_name, sasl) => {
    const { err, rec } = await connectFails({ ...optionsFor(listener), sasl: sasl() });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.message).toContain('Authentication failed');
    const failure = rec.events.find((e) => e.type === 'auth.failure');
    expect(failure?.type === 'auth.failure' && failure.brokerMessage).toBeTruthy();
  });
});

describe('a mechanism the listener does not enable', () => {
  it('fails in AUTH_HANDSHAKE, listing the enabled ones', async () => {
    const { err, rec } = await connectFails({ ...optionsFor('PLAINTEXT'), ...portOf('SASL_OIDC'), sasl: { mechanism: 'PLAIN', ...info.users.plain } });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.state).toBe('AUTH_HANDSHAKE');
    expect(err.kind).toBe('SASL_MECHANISM_NOT_ENABLED');
    expect(err.message).toContain('does not enable SASL mechanism PLAIN; it offers: OAUTHBEARER');
    const hs = rec.events.find((e) => e.type === 'auth.handshake');
    expect(hs?.type === 'auth.handshake' && hs.enabledMechanisms).toEqual(['OAUTHBEARER']);
  });
});

describe('OAUTHBEARER (unsecured JWS validator)', () => {
  it('succeeds with a static token', async () => {
    await connectOk({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'OAUTHBEARER', token: unsecuredJwt(validClaims('alice')) } });
  });

  it('succeeds with an async token provider and SASL extensions', async () => {
    let calls = 0;
    await connectOk({
      ...optionsFor('SASL_PLAINTEXT'),
      sasl: {
        mechanism: 'OAUTHBEARER',
        tokenProvider: async () => {
          calls++;
          return { token: unsecuredJwt(validClaims('bob')), expiresAtMs: Date.now() + 3_600_000 };
        },
        extensions: { traceId: 'abc123' },
      },
    });
    expect(calls).toBe(1);
  });

  it('an expired token is rejected, with the broker JSON challenge decoded', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = unsecuredJwt({ sub: 'carol', iat: now - 7200, exp: now - 3600 });
    const { err, rec } = await connectFails({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'OAUTHBEARER', token } });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.kind).toBe('OAUTH_TOKEN_REJECTED');
    expect(err.message).toContain('invalid_token');
    const challenge = rec.events.find((e) => e.type === 'auth.info' && 'challengeStatus' in e.detail);
    expect(challenge?.type === 'auth.info' && challenge.detail.challengeStatus).toBe('invalid_token');
    expect(JSON.stringify(rec.events)).not.toContain(token);
  });
});
