// The engine on hand-made event streams: the cases the test broker cannot produce, and the
// rules that keep findings to one per cause (integration tests cover the real broker).
import { describe, expect, it } from 'vitest';
import type { CertSummary, ConnectionEvent, ConnectionEventBody, PoolEvent } from '../core';
import { ApiKey, encodeResponseFrame } from '../core/protocol';
import { diagnose, isLoopbackHost, plainMessage } from './engine';
import { FindingSchema, type Finding } from './findings';
import type { Observation } from './observations';

const T0 = Date.parse('2026-06-01T12:00:00Z');

/** A connection's event stream, with seq, clocks and stamps filled in. */
function conn(broker = '10.1.2.3:9093', id = `conn-${broker}`) {
  const events: ConnectionEvent[] = [];
  let seq = 0;
  const add = (body: ConnectionEventBody): ConnectionEvent => {
    seq++;
    const e = {
      seq,
      time: T0 + seq,
      mono: 1000 + seq,
      connectionId: id,
      broker,
      nodeId: null,
      ...body,
    } as ConnectionEvent;
    events.push(e);
    return e;
  };
  return {
    events,
    add,
    state: (from: string, to: string) =>
      add({ type: 'state', from, to, msInPrevious: 1 } as ConnectionEventBody),
    close: (
      reason: string,
      state: string,
      kind: string | null,
      message = 'closed',
      cause: { name: string; message: string; code?: string } | null = null,
    ) =>
      add({
        type: 'close',
        reason,
        state,
        kind,
        message,
        cause,
        msInState: 5,
        inFlightFailed: 0,
        queuedFailed: 0,
      } as ConnectionEventBody),
  };
}

function cert(over: Partial<CertSummary> = {}): CertSummary {
  return {
    subject: 'CN=kafka-1.example.com',
    issuer: 'CN=Example CA',
    subjectAltNames: ['DNS:kafka-1.example.com'],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    fingerprint256: 'AA:BB',
    serialNumber: '01',
    selfSigned: false,
    ...over,
  };
}

function tlsEvent(chain: CertSummary[], authorized = true): ConnectionEventBody {
  return {
    type: 'tls',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    cipherStandardName: 'TLS_AES_256_GCM_SHA384',
    servername: 'kafka-1.example.com',
    alpn: null,
    authorized,
    authorizationError: authorized ? null : 'CERT_HAS_EXPIRED',
    hostnameVerified: authorized,
    peerChain: chain,
    keyLogEnabled: false,
    ms: 3,
  };
}

const ref = (apiKey: number, apiName: string, correlationId = 1) => ({
  correlationId,
  apiKey,
  apiName,
  apiVersion: 1,
});

function codes(fs: Finding[]): string[] {
  return fs.map((f) => f.code);
}

describe('diagnose', () => {
  it('gives no finding for a healthy connection closed by its owner', () => {
    const c = conn();
    c.state('INIT', 'DNS');
    c.state('APIVERSION_QUERY', 'READY');
    c.close('SHUTDOWN', 'READY', null);
    expect(diagnose({ events: c.events })).toEqual([]);
  });

  it('a certificate not valid yet: TLS_CERT_EXPIRED saying when it starts, from the peer chain probe', () => {
    const c = conn();
    c.state('TCP_CONNECT', 'TLS_HANDSHAKE');
    c.close('CONNECTION_BROKEN', 'TLS_HANDSHAKE', 'TLS_CERT_EXPIRED', 'not valid yet', {
      name: 'Error',
      message: 'certificate is not yet valid',
      code: 'CERT_NOT_YET_VALID',
    });
    const probe: Observation = {
      type: 'peer-chain',
      time: T0,
      broker: c.events[0]!.broker,
      servername: null,
      authorizationError: 'CERT_NOT_YET_VALID',
      chain: [cert({ validFrom: '2026-07-01T00:00:00.000Z' })],
    };
    const [f] = diagnose({ events: c.events, observations: [probe], now: T0 });
    expect(f?.code).toBe('TLS_CERT_EXPIRED');
    expect(f?.cause).toContain('is not valid before 2026-07-01');
    expect(f?.cause).toContain('clock');
    expect(f?.evidence.map((e) => e.type)).toContain('observation:peer-chain');
  });

  it('a certificate expiring within 30 days: TLS_CERT_EXPIRING, once per certificate across connections', () => {
    const chain = [
      cert({ validTo: '2026-06-20T00:00:00.000Z' }),
      cert({
        subject: 'CN=Example CA',
        fingerprint256: 'CC',
        selfSigned: true,
        validTo: '2036-01-01T00:00:00.000Z',
      }),
    ];
    const a = conn('b1:9093');
    const b = conn('b2:9093');
    a.add(tlsEvent(chain));
    b.add(tlsEvent(chain));
    const fs = diagnose({ events: [...a.events, ...b.events], now: T0 });
    expect(codes(fs)).toEqual(['TLS_CERT_EXPIRING']);
    expect(fs[0]?.details.daysLeft).toBe(18);
    expect(fs[0]?.evidence).toHaveLength(2);
    expect(diagnose({ events: a.events, now: T0, expiryWarningDays: 7 })).toEqual([]);
  });

  it('verification off and an expired certificate: warnings, since the connection went through', () => {
    const c = conn();
    c.add({ type: 'warning', code: 'TLS_VERIFICATION_OFF', message: 'off' });
    c.add(tlsEvent([cert({ validTo: '2026-05-01T00:00:00.000Z' })], false));
    const fs = diagnose({ events: c.events, now: T0 });
    expect(fs.map((f) => [f.code, f.severity])).toEqual([
      ['TLS_CERT_EXPIRED', 'warning'],
      ['TLS_VERIFICATION_DISABLED', 'warning'],
    ]);
    expect(fs[0]?.cause).toContain('expired on 2026-05-01, 32 days ago');
  });

  it('top-level authorization errors (group 30, cluster 31) are AUTHORIZATION_FAILED, merged into one finding', () => {
    const c = conn();
    c.add({
      type: 'response',
      ...ref(ApiKey.FindCoordinator, 'FindCoordinator'),
      latencyMs: 1,
      requestBytes: 1,
      responseBytes: 1,
      errorCode: 30,
      errorName: 'GROUP_AUTHORIZATION_FAILED',
      throttleTimeMs: 0,
    });
    c.add({
      type: 'response',
      ...ref(ApiKey.DescribeAcls, 'DescribeAcls', 2),
      latencyMs: 1,
      requestBytes: 1,
      responseBytes: 1,
      errorCode: 31,
      errorName: 'CLUSTER_AUTHORIZATION_FAILED',
      throttleTimeMs: 0,
    });
    const fs = diagnose({ events: c.events, context: { username: 'alice' } });
    expect(codes(fs)).toEqual(['AUTHORIZATION_FAILED']);
    expect(fs[0]?.severity).toBe('error');
    expect(fs[0]?.cause).toContain('User:alice');
    expect(fs[0]?.cause).toContain('GROUP_AUTHORIZATION_FAILED (30)');
    expect(fs[0]?.cause).toContain('CLUSTER_AUTHORIZATION_FAILED (31)');
    expect(fs[0]?.fix).toContain('--cluster');
  });

  it('a refused DescribeCluster alone is only a warning (clients fall back to Metadata)', () => {
    const c = conn();
    c.add({
      type: 'response',
      ...ref(ApiKey.DescribeCluster, 'DescribeCluster'),
      latencyMs: 1,
      requestBytes: 1,
      responseBytes: 1,
      errorCode: 31,
      errorName: 'CLUSTER_AUTHORIZATION_FAILED',
      throttleTimeMs: 0,
    });
    expect(diagnose({ events: c.events }).map((f) => [f.code, f.severity])).toEqual([
      ['AUTHORIZATION_FAILED', 'warning'],
    ]);
  });

  it('nested per-topic errors are read from captured reply frames (no observation needed)', () => {
    const c = conn();
    const frame = encodeResponseFrame(ApiKey.Metadata, 12, 7, {
      brokers: [{ nodeId: 1, host: 'kafka-1', port: 9092, rack: null }],
      clusterId: 'x',
      controllerId: 1,
      topics: [
        { errorCode: 29, name: 'payments', isInternal: false, partitions: [] },
        { errorCode: 0, name: 'public', isInternal: false, partitions: [] },
      ],
    });
    c.add({
      type: 'frame',
      direction: 'in',
      correlationId: 7,
      apiKey: ApiKey.Metadata,
      apiVersion: 12,
      size: frame.length,
      data: frame.toString('base64'),
      redacted: false,
    });
    const [f] = diagnose({ events: c.events });
    expect(f?.code).toBe('AUTHORIZATION_FAILED');
    expect(f?.details.denied).toEqual([
      expect.objectContaining({ resource: 'topic', name: 'payments', errorCode: 29 }),
    ]);
  });

  it("a pool's advertised-listener check: loopback hosts are _LOCALHOST, others _UNREACHABLE; their failed dials are not reported again", () => {
    const pool: PoolEvent = {
      type: 'pool.advertised-check',
      time: T0,
      mono: 1,
      poolId: 'p',
      checked: 3,
      findings: [
        {
          code: 'ADVERTISED_LISTENER_LOCALHOST',
          nodeId: 1,
          advertised: 'kafka-internal.invalid:9092',
          bootstrap: 'b:9092',
          failureKind: 'DNS_FAILURE',
          message: '',
        },
        {
          code: 'ADVERTISED_LISTENER_LOCALHOST',
          nodeId: 2,
          advertised: '127.0.0.1:19092',
          bootstrap: 'b:9092',
          failureKind: 'CONNECTION_REFUSED',
          message: '',
        },
      ],
    };
    const dial = conn('kafka-internal.invalid:9092');
    dial.state('INIT', 'DNS');
    dial.close('CONNECTION_BROKEN', 'DNS', 'DNS_FAILURE');
    const fs = diagnose({ events: [...dial.events, pool] });
    expect(fs.map((f) => [f.code, f.broker])).toEqual([
      ['ADVERTISED_LISTENER_UNREACHABLE', 'kafka-internal.invalid:9092'],
      ['ADVERTISED_LISTENER_LOCALHOST', '127.0.0.1:19092'],
    ]);
  });

  it('the same failure on several connections to one broker is one finding with all the evidence', () => {
    const a = conn('nope.invalid:9092', 'a');
    const b = conn('nope.invalid:9092', 'b');
    for (const c of [a, b])
      c.close('CONNECTION_BROKEN', 'DNS', 'DNS_FAILURE', 'x', {
        name: 'Error',
        message: 'x',
        code: 'ENOTFOUND',
      });
    const fs = diagnose({ events: [...a.events, ...b.events] });
    expect(fs).toHaveLength(1);
    expect(fs[0]?.evidence.map((e) => e.connectionId)).toEqual(['a', 'b']);
  });

  it('a closed connection after replies in READY is CONNECTION_LOST, not SASL_REQUIRED', () => {
    const c = conn();
    c.state('APIVERSION_QUERY', 'READY');
    c.add({ type: 'request.written', ...ref(3, 'Metadata'), bytes: 10, queuedMs: 0, expectResponse: true });
    c.add({
      type: 'response',
      ...ref(3, 'Metadata'),
      latencyMs: 1,
      requestBytes: 1,
      responseBytes: 1,
      errorCode: 0,
      errorName: null,
      throttleTimeMs: 0,
    });
    c.close('CONNECTION_BROKEN', 'READY', 'CONNECTION_RESET', 'The broker closed the connection (in READY).');
    expect(codes(diagnose({ events: c.events }))).toEqual(['CONNECTION_LOST']);
  });

  it('a silent close on ApiVersions is PLAINTEXT_TO_TLS_LISTENER when the TLS probe found TLS, else BROKER_TOO_OLD', () => {
    const c = conn();
    c.state('TCP_CONNECT', 'APIVERSION_QUERY');
    c.add({
      type: 'request.written',
      ...ref(18, 'ApiVersions', 0),
      bytes: 10,
      queuedMs: 0,
      expectResponse: true,
    });
    c.close(
      'CONNECTION_BROKEN',
      'APIVERSION_QUERY',
      'PLAINTEXT_TO_TLS_LISTENER',
      'closed in reply to ApiVersions',
    );
    const probe = (speaksTls: boolean | null): Observation => ({
      type: 'tls-probe',
      time: T0,
      broker: '10.1.2.3:9093',
      speaksTls,
      detail: 'd',
    });
    expect(codes(diagnose({ events: c.events, observations: [probe(true)] }))).toEqual([
      'PLAINTEXT_TO_TLS_LISTENER',
    ]);
    const old = diagnose({ events: c.events, observations: [probe(false)] });
    expect(codes(old)).toEqual(['BROKER_TOO_OLD']);
    expect(old[0]?.cause).toContain('a TLS probe found no TLS');
    expect(codes(diagnose({ events: c.events }))).toEqual(['BROKER_TOO_OLD']);
  });

  it('a broker taken for dead after a timeout is REQUEST_TIMEOUTS', () => {
    const c = conn();
    c.add({ type: 'request.timeout', ...ref(1, 'Fetch'), timeoutMs: 500, written: true });
    c.close('CONNECTION_TIMEOUT', 'READY', 'REQUEST_TIMEOUT', 'unresponsive');
    const [f] = diagnose({ events: c.events });
    expect(f?.code).toBe('REQUEST_TIMEOUTS');
    expect(f?.cause).toContain('taken for dead');
  });

  it('no common version of Produce only: a warning; of Metadata: an error', () => {
    const versions = (apiKey: number, name: string): ConnectionEventBody => ({
      type: 'versions',
      source: 'ApiVersions',
      requestVersion: 3,
      attempts: 1,
      hint: null,
      ms: 1,
      apis: [{ apiKey, name, clientMin: 3, clientMax: 12, brokerMin: 0, brokerMax: 2, selected: null }],
    });
    const a = conn();
    a.add(versions(0, 'Produce'));
    expect(diagnose({ events: a.events }).map((f) => [f.code, f.severity])).toEqual([
      ['NO_COMMON_VERSION', 'warning'],
    ]);
    const b = conn();
    b.add(versions(3, 'Metadata'));
    expect(diagnose({ events: b.events }).map((f) => [f.code, f.severity])).toEqual([
      ['NO_COMMON_VERSION', 'error'],
    ]);
  });

  it('every finding fits the schema; errors come before warnings', () => {
    const c = conn();
    c.add({ type: 'warning', code: 'PLAIN_WITHOUT_TLS', message: 'clear' });
    c.add({ type: 'throttle', ...ref(3, 'Metadata'), throttleTimeMs: 250 });
    c.close('CONNECTION_BROKEN', 'TCP_CONNECT', 'CONNECTION_REFUSED');
    const fs = diagnose({ events: c.events, context: { clientId: 'app-1' } });
    expect(fs.map((f) => f.severity)).toEqual(['error', 'warning', 'warning']);
    for (const f of fs) expect(FindingSchema.parse(f)).toEqual(f);
    expect(fs.find((f) => f.code === 'THROTTLED')?.cause).toContain('client id "app-1"');
  });
});

describe('helpers', () => {
  it('plainMessage drops the core suffix', () => {
    expect(plainMessage('Refused. [CONNECTION_BROKEN in TCP_CONNECT after 3 ms, broker 127.0.0.1:1]')).toBe(
      'Refused.',
    );
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST.', true],
    ['kafka.localhost', true],
    ['127.0.1.1', true],
    ['::1', true],
    ['0.0.0.0', true],
    ['kafka-internal.invalid', false],
    ['10.0.0.5', false],
    ['kafka-1', false],
  ])('isLoopbackHost(%s) = %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
