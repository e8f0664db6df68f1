// The troubleshoot runner and the diagnosis engine against the real broker: every finding
// code reproduced (scenarios.ts), with the steps and evidence that prove it.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProbeArgs } from '../../../src/cli/args';
import { probeConfig } from '../../../src/cli/probe';
import {
  FindingSchema,
  troubleshoot,
  troubleshootUpdates,
  type Finding,
  type FindingCode,
  type TroubleshootResult,
  type Step,
} from '../../../src/main/diagnose';
import { brokerInfo } from '../../support/connect-options';
import { SCENARIOS, type Prepared } from './scenarios';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

async function run(p: Prepared): Promise<TroubleshootResult> {
  const env = { ...process.env, ...p.env };
  const settings = parseProbeArgs(p.args, env);
  if (settings === 'help') throw new Error('help?');
  const { config } = await probeConfig(settings, {
    env,
    stdin: new PassThrough(),
    stderr: new PassThrough(),
  });
  return troubleshoot(config);
}

const results = new Map<string, TroubleshootResult>();

async function resultOf(name: string): Promise<TroubleshootResult> {
  const cached = results.get(name);
  if (cached) return cached;
  const scenario = SCENARIOS.find((s) => s.name === name)!;
  const p = await scenario.prepare('inproc');
  cleanups.push(p.cleanup);
  const r = await run(p);
  results.set(name, r);
  return r;
}

function finding(r: TroubleshootResult, code: FindingCode): Finding {
  const f = r.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} finding; got ${r.findings.map((x) => x.code).join(', ') || 'none'}`);
  return f;
}

function step(r: TroubleshootResult, id: string): Step {
  return r.steps.find((s) => s.id === id)!;
}

describe('every finding code, reproduced', () => {
  it.each(SCENARIOS.map((s) => [s.code ?? 'healthy', s] as const))('%s', async (_label, s) => {
    const r = await resultOf(s.name);
    for (const f of r.findings) expect(FindingSchema.safeParse(f).success).toBe(true);
    if (s.code === null) {
      expect(r.findings).toEqual([]);
      expect(r.healthy).toBe(true);
      expect(r.steps.every((x) => x.status === 'ok' || x.status === 'skipped')).toBe(true);
      return;
    }
    const f = finding(r, s.code);
    expect(f.severity).toBe(s.severity);
    expect(f.cause.length).toBeGreaterThan(20);
    expect(f.fix.length).toBeGreaterThan(20);
    expect(f.evidence.length).toBeGreaterThan(0);
    // Evidence points at real events (connection id + seq) or at the runner's observations.
    for (const e of f.evidence) {
      if (e.type.startsWith('observation:') || e.type.startsWith('pool.')) continue;
      const event = r.events.find((x) => x.connectionId === e.connectionId && x.seq === e.seq);
      expect(event?.type).toBe(e.type);
    }
    expect(r.healthy).toBe(s.exitCode === 0);
    // The run's primary finding is this one: no unrelated error findings beside it.
    expect(r.findings.filter((x) => x.severity === 'error' && x.code !== s.code).map((x) => x.code)).toEqual(
      [],
    );
  });
});

describe('what the findings say', () => {
  it('healthy: every step ok with timings, versions negotiated per broker, TLS details', async () => {
    const r = await resultOf('healthy SASL_SSL SCRAM-SHA-512');
    expect(r.steps.map((s) => [s.id, s.status])).toEqual([
      ['dns', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'ok'],
      ['apiVersions', 'ok'],
      ['saslHandshake', 'ok'],
      ['saslAuthenticate', 'ok'],
      ['metadata', 'ok'],
      [`broker:${brokerInfo().nodeId}`, 'ok'],
    ]);
    for (const s of r.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(r.bootstrap?.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(r.bootstrap?.tls?.peerChain[0]?.subject).toContain('CN=localhost');
    expect(r.brokers[0]?.versions?.find((v) => v.name === 'Metadata')?.selected).toBeGreaterThan(0);
    expect(r.cluster?.clusterId).toBe(brokerInfo().clusterId);
  });

  it('DNS_FAILURE fails the DNS step and skips the rest', async () => {
    const r = await resultOf('a host name that does not resolve');
    expect(step(r, 'dns').status).toBe('failed');
    expect(step(r, 'tcp').status).toBe('skipped');
    expect(step(r, 'metadata').status).toBe('skipped');
    expect(finding(r, 'DNS_FAILURE').cause).toContain('no-such-broker.invalid');
  });

  it('CONNECT_TIMEOUT says TCP connected and which step never got an answer', async () => {
    const r = await resultOf('a server that accepts and never answers');
    const f = finding(r, 'CONNECT_TIMEOUT');
    expect(f.cause).toContain('never answered ApiVersions');
    expect(f.details.stalledIn).toBe('APIVERSION_QUERY');
    expect(step(r, 'tcp').status).toBe('ok');
    expect(step(r, 'apiVersions').status).toBe('failed');
  });

  it('PLAINTEXT_TO_TLS_LISTENER names the TLS alert the broker sent', async () => {
    const f = finding(await resultOf('PLAINTEXT to the SSL listener'), 'PLAINTEXT_TO_TLS_LISTENER');
    expect(f.cause).toContain('TLS alert');
    expect(f.evidence.some((e) => e.type === 'close' && e.summary.includes('OUT_OF_SYNC'))).toBe(true);
  });

  it('TLS_UNTRUSTED_CA, TLS_HOSTNAME_MISMATCH, TLS_CERT_EXPIRED carry the chain the broker presented', async () => {
    const untrusted = finding(await resultOf('SSL without the CA'), 'TLS_UNTRUSTED_CA');
    expect(untrusted.cause).toContain('Brokerscope Test CA');
    expect(untrusted.evidence.some((e) => e.type === 'observation:peer-chain')).toBe(true);
    const mismatch = finding(await resultOf('SSL expecting another name'), 'TLS_HOSTNAME_MISMATCH');
    expect(mismatch.cause).toContain('kafka.wrong.example');
    expect(mismatch.cause).toContain('DNS:localhost');
    expect(mismatch.fix).toContain('localhost');
    const expired = finding(await resultOf('the SSL_EXPIRED listener'), 'TLS_CERT_EXPIRED');
    expect(expired.cause).toMatch(/expired on \d{4}-\d{2}-\d{2}/);
    expect(expired.cause).toContain(brokerInfo().listeners.SSL_EXPIRED.tls!.serverCertNotAfter.slice(0, 10));
  });

  it('TLS_CERT_EXPIRING warns with the date and days left, from the tls event peer chain', async () => {
    const r = await resultOf('a TLS front whose certificate expires in 10 days');
    const f = finding(r, 'TLS_CERT_EXPIRING');
    expect(f.details.daysLeft).toBeGreaterThanOrEqual(9);
    expect(f.details.daysLeft).toBeLessThanOrEqual(10);
    expect(f.evidence[0]?.type).toBe('tls');
    expect(step(r, 'metadata').status).toBe('ok');
  });

  it('SASL_REQUIRED: READY, a Metadata written, no reply, closed by the broker', async () => {
    const r = await resultOf('no SASL to the SASL_PLAINTEXT listener');
    const f = finding(r, 'SASL_REQUIRED');
    expect(f.evidence.map((e) => e.type)).toEqual(['state', 'request.written', 'close']);
    expect(f.evidence[1]?.summary).toContain('Metadata');
    expect(step(r, 'metadata').status).toBe('failed');
  });

  it('SASL_NOT_ENABLED_ON_LISTENER: the real broker answers SaslHandshake with ILLEGAL_SASL_STATE (34)', async () => {
    const r = await resultOf('SASL to the PLAINTEXT listener');
    const f = finding(r, 'SASL_NOT_ENABLED_ON_LISTENER');
    expect(f.cause).toContain('ILLEGAL_SASL_STATE (34)');
    expect(f.evidence.some((e) => e.type === 'response' && e.summary.includes('ILLEGAL_SASL_STATE'))).toBe(
      true,
    );
    expect(step(r, 'saslHandshake').status).toBe('failed');
  });

  it('SASL_MECHANISM_NOT_ENABLED lists the enabled mechanisms', async () => {
    const f = finding(await resultOf('PLAIN to the OAUTHBEARER-only listener'), 'SASL_MECHANISM_NOT_ENABLED');
    expect(f.details).toMatchObject({ requested: 'PLAIN', enabledMechanisms: ['OAUTHBEARER'] });
    expect(f.fix).toContain('--sasl-mechanism OAUTHBEARER');
  });

  it('SASL_AUTH_FAILED quotes the broker message, never the password', async () => {
    const r = await resultOf('a wrong PLAIN password');
    const f = finding(r, 'SASL_AUTH_FAILED');
    expect(f.cause).toContain('Authentication failed');
    expect(JSON.stringify(r.findings)).not.toContain('not-the-password-4711');
    expect(step(r, 'saslAuthenticate').status).toBe('failed');
  });

  it('BROKER_TOO_OLD: closed on ApiVersions, with the TLS probe as evidence', async () => {
    const r = await resultOf('a broker that closes on ApiVersions (proxy)');
    const f = finding(r, 'BROKER_TOO_OLD');
    expect(f.evidence.some((e) => e.type === 'observation:tls-probe')).toBe(true);
    expect(r.observations.some((o) => o.type === 'tls-probe' && o.speaksTls !== true)).toBe(true);
  });

  it('NO_COMMON_VERSION lists the ranges that do not meet', async () => {
    const r = await resultOf('Metadata versions rewritten out of reach (proxy)');
    const f = finding(r, 'NO_COMMON_VERSION');
    expect(f.cause).toContain('broker v100–v110');
    expect(step(r, 'metadata').status).toBe('failed');
  });

  it('ADVERTISED_*: the advertised address, how it fails, and that bootstrap works', async () => {
    const bad = finding(
      await resultOf('ADVERTISED_BAD (advertises an unresolvable host)'),
      'ADVERTISED_LISTENER_UNREACHABLE',
    );
    expect(bad.cause).toContain('kafka-internal.invalid');
    expect(bad.cause).toContain('does not resolve');
    expect(bad.evidence.some((e) => e.type === 'close' && e.summary.includes('DNS_FAILURE'))).toBe(true);
    const local = finding(
      await resultOf('ADVERTISED_LOCALHOST (advertises localhost on a dead port)'),
      'ADVERTISED_LISTENER_LOCALHOST',
    );
    expect(local.cause).toContain(`localhost:${brokerInfo().listeners.ADVERTISED_LOCALHOST.advertisedPort}`);
    expect(local.cause).toContain('refuses connections');
  });

  it('AUTHORIZATION_FAILED from the nested Metadata topics[].errorCode (29)', async () => {
    const r = await resultOf('the restricted user asks for the denied topic');
    const f = finding(r, 'AUTHORIZATION_FAILED');
    expect(f.details.denied).toEqual([
      expect.objectContaining({ api: 'Metadata', resource: 'topic', name: 'forbidden-topic', errorCode: 29 }),
    ]);
    expect(f.fix).toContain('--topic forbidden-topic');
    expect(r.topics).toEqual([
      { name: 'forbidden-topic', errorCode: 29, errorName: 'TOPIC_AUTHORIZATION_FAILED' },
    ]);
  });

  it('THROTTLED counts the throttled replies', async () => {
    const f = finding(await resultOf('a request quota on the client id'), 'THROTTLED');
    expect(f.details.count).toBeGreaterThan(0);
    expect(f.details.maxThrottleMs).toBeGreaterThan(0);
    expect(f.cause).toContain('bs-diagnose-throttled-inproc');
  });

  it('REQUEST_TIMEOUTS reports the timeout and the late reply', async () => {
    const r = await resultOf('Metadata replies delayed past the request timeout (proxy)');
    const f = finding(r, 'REQUEST_TIMEOUTS');
    expect(f.details).toMatchObject({ timeouts: 1, lateReplies: 1, timeoutMs: 1000 });
    expect(f.evidence.map((e) => e.type)).toEqual(expect.arrayContaining(['request.timeout', 'late-reply']));
    expect(f.fix).toContain('raise the request timeout');
  });
});

describe('progress', () => {
  it('streams step updates as an async iterator, running before done, then the result', async () => {
    const info = brokerInfo();
    const updates: { id: string; status: string }[] = [];
    let done: TroubleshootResult | null = null;
    for await (const u of troubleshootUpdates({
      bootstrap: info.listeners.PLAINTEXT.bootstrap,
      securityProtocol: 'PLAINTEXT',
    })) {
      if (u.type === 'step') updates.push({ id: u.step.id, status: u.step.status });
      if (u.type === 'done') done = u.result;
    }
    expect(done?.healthy).toBe(true);
    for (const id of ['dns', 'tcp', 'apiVersions', 'metadata']) {
      const seq = updates.filter((u) => u.id === id).map((u) => u.status);
      expect(seq.indexOf('running')).toBeGreaterThanOrEqual(0);
      expect(seq.indexOf('running')).toBeLessThan(seq.indexOf('ok'));
    }
    expect(updates.filter((u) => u.id === 'tls').map((u) => u.status)).toEqual(['skipped']);
  });

  it('a dead bootstrap entry before a working one is a warning, and the run is healthy', async () => {
    const info = brokerInfo();
    const r = await troubleshoot({
      bootstrap: `no-such-broker.invalid:9092,${info.listeners.PLAINTEXT.bootstrap}`,
      securityProtocol: 'PLAINTEXT',
    });
    expect(r.healthy).toBe(true);
    expect(r.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(finding(r, 'DNS_FAILURE').severity).toBe('warning');
  });
});
