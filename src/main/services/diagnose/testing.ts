/**
 * Test fixtures (no broker): the events and result of a SASL_PLAINTEXT PLAIN run whose
 * password the broker rejected, with the password planted where a careless capture could
 * leak it (a raw SASL frame, a close message) so tests can prove exports scrub it.
 */
import type { ConnectionEvent } from '../../core';
import { diagnose, type Step, type TroubleshootResult } from '../../diagnose';

export const BROKER = '127.0.0.1:9092';

export function leakyEvents(password: string, connectionId = 'c1'): ConnectionEvent[] {
  const t0 = 1_764_134_400_000;
  let seq = 0;
  const s = () => {
    seq++;
    return { seq, time: t0 + seq, mono: 100 + seq, connectionId, broker: BROKER, nodeId: null };
  };
  const frame = (direction: 'out' | 'in', apiKey: number | null, body: Buffer): ConnectionEvent => {
    const data = Buffer.concat([Buffer.alloc(4), body]);
    data.writeInt32BE(body.length, 0);
    return {
      ...s(),
      type: 'frame',
      direction,
      correlationId: apiKey === null ? null : 1,
      apiKey,
      apiVersion: apiKey === null ? null : 3,
      size: data.length,
      data: data.toString('base64'),
      redacted: false,
    };
  };
  return [
    { ...s(), type: 'state', from: 'INIT', to: 'DNS', msInPrevious: 0 },
    { ...s(), type: 'dns', host: '127.0.0.1', addresses: [{ address: '127.0.0.1', family: 4 }], ms: 0.1 },
    { ...s(), type: 'state', from: 'DNS', to: 'TCP_CONNECT', msInPrevious: 0.1 },
    {
      ...s(),
      type: 'tcp.connected',
      remoteAddress: '127.0.0.1',
      remotePort: 9092,
      localAddress: '127.0.0.1',
      localPort: 50000,
      ms: 0.3,
    },
    { ...s(), type: 'state', from: 'TCP_CONNECT', to: 'APIVERSION_QUERY', msInPrevious: 0.3 },
    frame('out', 18, Buffer.from('0012000300000001000a62726f6b657273636f7065', 'hex')),
    {
      ...s(),
      type: 'versions',
      source: 'ApiVersions',
      requestVersion: 3,
      attempts: 1,
      hint: null,
      apis: [],
      ms: 1,
    },
    { ...s(), type: 'state', from: 'APIVERSION_QUERY', to: 'AUTH_HANDSHAKE', msInPrevious: 1 },
    {
      ...s(),
      type: 'auth.handshake',
      mechanism: 'PLAIN',
      handshakeVersion: 1,
      enabledMechanisms: ['PLAIN', 'SCRAM-SHA-256'],
      errorCode: 0,
    },
    { ...s(), type: 'state', from: 'AUTH_HANDSHAKE', to: 'AUTH', msInPrevious: 1 },
    // As if capture had not blanked the SASL payload: the export must.
    frame('out', null, Buffer.from(`\0plain-user\0${password}`)),
    {
      ...s(),
      type: 'auth.failure',
      mechanism: 'PLAIN',
      errorCode: 58,
      brokerMessage: 'Authentication failed: Invalid username or password',
      message: 'SASL PLAIN authentication failed',
    },
    {
      ...s(),
      type: 'close',
      reason: 'AUTH_FAILURE',
      message: `SASL PLAIN authentication failed (sent password=${password})`,
      kind: 'SASL_AUTH_FAILED',
      cause: null,
      state: 'AUTH',
      msInState: 2,
      inFlightFailed: 0,
      queuedFailed: 0,
    },
  ];
}

export function step(id: Step['id'], status: Step['status'], detail: string | null = null): Step {
  return {
    id,
    label: id,
    status,
    address: BROKER,
    attempt: 0,
    startedAt: 1,
    ms: 1,
    detail,
    data: {},
  };
}

export function leakyResult(password: string, keyLog: string[] = []): TroubleshootResult {
  const events = leakyEvents(password);
  const findings = diagnose({
    events,
    context: { securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: 'plain-user' },
  });
  const steps = [
    step('dns', 'ok'),
    step('tcp', 'ok'),
    step('apiVersions', 'ok'),
    step('saslHandshake', 'ok'),
    step('saslAuthenticate', 'failed', `rejected (password ${password})`),
  ];
  return {
    startedAt: 1,
    finishedAt: 2,
    ms: 1,
    target: {
      bootstrap: [BROKER],
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      username: 'plain-user',
      clientId: 'brokerscope',
      tls: null,
      topics: [],
    },
    attempts: [{ address: BROKER, ok: false, connectionId: 'c1', steps }],
    steps,
    bootstrap: null,
    cluster: null,
    brokers: [],
    topics: [],
    events,
    observations: [],
    findings,
    keyLog,
    healthy: false,
  };
}
