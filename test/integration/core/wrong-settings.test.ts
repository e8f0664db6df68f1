// Each wrong setting fails fast with the right state, close reason and a plain-words message.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CloseReason, Connection, KafkaConnectionError, type ConnectionOptions } from '../../../src/main/core';
import { brokerInfo, caPem, optionsFor, recorder } from '../../support/connect-options';

async function failure(options: ConnectionOptions): Promise<{ err: KafkaConnectionError; ms: number; closeKind: unknown }> {
  const rec = recorder();
  const started = performance.now();
  const err = await Connection.connect({ ...options, onEvent: rec.onEvent }).then(
    () => {
      throw new Error('connect() should have failed');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KafkaConnectionError);
  const close = rec.events.find((e) => e.type === 'close');
  expect(close).toBeDefined();
  return { err: err as KafkaConnectionError, ms: performance.now() - started, closeKind: close?.type === 'close' ? close.kind : undefined };
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('wrong settings', () => {
  it('a PLAINTEXT client to the SSL listener', async () => {
    const { err, ms, closeKind } = await failure({ ...optionsFor('SSL'), tls: null });
    expect(err.state).toBe('APIVERSION_QUERY');
    // The broker answers the plaintext bytes with a TLS alert: not a Kafka frame.
    expect(err.reason).toBe(CloseReason.OUT_OF_SYNC);
    expect(err.kind).toBe('PLAINTEXT_TO_TLS_LISTENER');
    expect(err.message).toContain('the listener speaks TLS, so use SSL or SASL_SSL');
    expect(closeKind).toBe('PLAINTEXT_TO_TLS_LISTENER');
    expect(ms).toBeLessThan(5000);
  });

  it('an SSL client to the PLAINTEXT listener', async () => {
    const { err, ms } = await failure({ ...optionsFor('PLAINTEXT'), tls: { ca: caPem() } });
    expect(err.state).toBe('TLS_HANDSHAKE');
    expect(err.reason).toBe(CloseReason.CONNECTION_BROKEN);
    expect(err.kind).toBe('TLS_TO_PLAINTEXT_LISTENER');
    expect(err.message).toContain('does not speak TLS');
    expect(ms).toBeLessThan(5000);
  });

  it('an unknown CA', async () => {
    const { err } = await failure({ ...optionsFor('SSL'), tls: {} });
    expect(err.state).toBe('TLS_HANDSHAKE');
    expect(err.kind).toBe('TLS_UNTRUSTED_CA');
    expect(err.message).toContain('not signed by a CA this client trusts');
  });

  it('a wrong servername', async () => {
    const { err } = await failure({ ...optionsFor('SSL'), tls: { ca: caPem(), servername: 'kafka.wrong.example' } });
    expect(err.state).toBe('TLS_HANDSHAKE');
    expect(err.kind).toBe('TLS_HOSTNAME_MISMATCH');
    expect(err.message).toContain('kafka.wrong.example');
  });

  it('a missing client certificate on mTLS', async () => {
    const { err } = await failure({ ...optionsFor('MTLS'), tls: { ca: caPem() } });
    expect(['TLS_HANDSHAKE', 'APIVERSION_QUERY']).toContain(err.state);
    expect(err.kind).toBe('TLS_CLIENT_CERT_REQUIRED');
    expect(err.message).toContain('requires a client certificate');
  });

  it('a port nothing listens on', async () => {
    const port = await unusedPort();
    const { err, ms } = await failure({ ...optionsFor('PLAINTEXT'), port });
    expect(err.state).toBe('TCP_CONNECT');
    expect(err.reason).toBe(CloseReason.CONNECTION_BROKEN);
    expect(err.kind).toBe('CONNECTION_REFUSED');
    expect(err.message).toContain(`Connection refused by 127.0.0.1:${port}`);
    expect(ms).toBeLessThan(2000);
  });

  it('a wrong PLAIN password fails AUTH_FAILURE with the broker message', async () => {
    const info = brokerInfo();
    const { err } = await failure({ ...optionsFor('SASL_PLAINTEXT'), sasl: { mechanism: 'PLAIN', username: info.users.plain.username, password: 'wrong-password-xyz' } });
    expect(err.reason).toBe(CloseReason.AUTH_FAILURE);
    expect(err.state).toBe('AUTH');
    expect(err.message).toContain('Authentication failed');
    expect(err.message).not.toContain('wrong-password-xyz');
  });
});
