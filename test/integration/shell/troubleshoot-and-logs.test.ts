// Troubleshoot runs and log exports/imports end to end over the loopback WebSocket
// transport, against the real broker: a PLAINTEXT profile and a SASL_PLAINTEXT PLAIN
// profile with a wrong password are troubleshot (step updates, then the done event with the
// diagnosis: SASL_AUTH_FAILED for the wrong password), the run is exported as JSONL, text
// and pcapng with the password nowhere, the JSONL is imported back and paged, and a
// session with frame capture exports pcapng too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBrokerInfo } from '../../../harness/broker/info';
import { events as contractEvents, type EventName, type Result } from '../../../src/shared/api/contract';
import type { SessionSnapshot } from '../../../src/shared/api/session-snapshot';
import { createDispatcher } from '../../../src/main/transport/dispatcher';
import { startWebSocketHost, type WebSocketHost } from '../../../src/main/transport/websocket-host';
import { createHandlers } from '../../../src/main/services/handlers';
import { createTestServices } from '../../../src/main/services/testing/test-services';
import { filesContaining } from '../../../src/main/services/testing/grep-dir';
import { WsApiClient } from './ws-client';

const info = readBrokerInfo();
const plaintext = info.listeners.PLAINTEXT;
const saslPlain = info.listeners.SASL_PLAINTEXT;
const plainUser = info.users.plain;
const WRONG = `${plainUser.password}-wrong`;

let services: ReturnType<typeof createTestServices>;
let host: WebSocketHost;
let client: WsApiClient;

beforeAll(async () => {
  services = createTestServices('web');
  const staticDir = mkdtempSync(join(tmpdir(), 'bs-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  host = await startWebSocketHost({ dispatch: createDispatcher(createHandlers(services)), staticDir });
  services.bus.addSink(host.broadcast);
  client = await WsApiClient.open(host.port, host.token);
  await client.call('secrets.allowPlaintext', { allow: true });
});

afterAll(async () => {
  client?.close();
  await services?.close(1000);
  await host?.close();
});

const updatesOf = (runId: string) => client.of('troubleshoot.update').filter((u) => u.runId === runId);
const doneOf = (runId: string) => client.of('troubleshoot.done').find((d) => d.runId === runId);

async function runToEnd(profileId: string) {
  const { runId } = await client.call('troubleshoot.run', { profileId });
  await client.waitFor(`troubleshoot.done of ${runId}`, () => doneOf(runId) !== undefined, 30_000);
  return { runId, done: doneOf(runId)! };
}

type Exported = Result<'logs.export'>;

/** Every form the password could take in an export: as text, base64, hex, and inside frames. */
function expectNoPassword(r: Exported): void {
  const bytes = r.encoding === 'base64' ? Buffer.from(r.data, 'base64') : Buffer.from(r.data, 'utf8');
  for (const form of [WRONG, Buffer.from(WRONG).toString('base64'), Buffer.from(WRONG).toString('hex')]) {
    expect(r.data.includes(form), `${r.fileName}: ${form}`).toBe(false);
    expect(bytes.includes(form), `${r.fileName}: ${form}`).toBe(false);
  }
  if (r.fileName.endsWith('.jsonl')) {
    for (const line of r.data.trimEnd().split('\n')) {
      const o = JSON.parse(line) as { type?: string; data?: string };
      if (o.type === 'frame') expect(Buffer.from(o.data!, 'base64').includes(WRONG)).toBe(false);
    }
  }
}

describe('troubleshoot and logs over the WebSocket transport, against the real broker', () => {
  let plainProfile = '';
  let wrongProfile = '';
  let plainRun = '';
  let wrongRun = '';
  let jsonl: Exported | null = null;

  it('creates a PLAINTEXT profile and a SASL_PLAINTEXT PLAIN profile with a wrong password', async () => {
    plainProfile = (
      await client.call('profiles.create', {
        profile: {
          name: 'ts plaintext',
          bootstrapServers: [plaintext.bootstrap],
          securityProtocol: 'PLAINTEXT',
        },
      })
    ).id;
    wrongProfile = (
      await client.call('profiles.create', {
        profile: {
          name: 'ts wrong password',
          bootstrapServers: [saslPlain.bootstrap],
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: { mechanism: 'PLAIN', username: plainUser.username },
        },
        secrets: { saslPassword: WRONG },
      })
    ).id;
  });

  it('troubleshoots the PLAINTEXT profile: step updates, then a healthy result with brokers and versions', async () => {
    const { runId, done } = await runToEnd(plainProfile);
    plainRun = runId;
    expect(done.status).toBe('done');
    expect(done.error).toBeNull();
    const r = done.result!;
    expect(r.healthy).toBe(true);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.target).toMatchObject({ securityProtocol: 'PLAINTEXT', bootstrap: [plaintext.bootstrap] });
    expect(r.cluster?.clusterId).toBe(info.clusterId);
    expect(r.brokers.map((b) => [b.nodeId, b.status])).toContainEqual([info.nodeId, 'ok']);
    expect(r.bootstrap?.versions?.find((v) => v.name === 'Metadata')?.selected).toBeGreaterThan(0);
    expect(r.bootstrap?.tls).toBeNull();
    expect(r.keyLogLines).toBe(0);
    expect(r.events.some((e) => e.type === 'frame')).toBe(true); // runs always capture frames
    const steps = r.steps.map((s) => `${s.id}:${s.status}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'dns:ok',
        'tcp:ok',
        'tls:skipped',
        'apiVersions:ok',
        'metadata:ok',
        `broker:${info.nodeId}:ok`,
      ]),
    );
    // Updates came as each step changed: dns running, then ok, and so on.
    const dns = updatesOf(runId)
      .filter((u) => u.step.id === 'dns')
      .map((u) => u.step.status);
    expect(dns).toEqual(expect.arrayContaining(['running', 'ok']));
    expect(dns.indexOf('running')).toBeLessThan(dns.indexOf('ok'));
    expect(updatesOf(runId).some((u) => u.step.id === 'metadata' && u.step.status === 'ok')).toBe(true);
  });

  it('troubleshoots the wrong password: SASL_AUTH_FAILED, with cause, evidence and fix', async () => {
    const { runId, done } = await runToEnd(wrongProfile);
    wrongRun = runId;
    const r = done.result!;
    expect(done.status).toBe('done');
    expect(r.healthy).toBe(false);
    const f = r.findings.find((x) => x.code === 'SASL_AUTH_FAILED');
    expect(f).toBeDefined();
    expect(f).toMatchObject({ severity: 'error', category: 'sasl' });
    expect(f!.cause).toMatch(/PLAIN/);
    expect(f!.evidence.length).toBeGreaterThan(0);
    expect(f!.fix.length).toBeGreaterThan(0);
    expect(r.findings[0]!.code).toBe('SASL_AUTH_FAILED');
    expect(r.steps.find((s) => s.id === 'saslAuthenticate')?.status).toBe('failed');
    expect(r.steps.find((s) => s.id === 'metadata')?.status).toBe('skipped');
    expect(updatesOf(runId).some((u) => u.step.id === 'saslAuthenticate' && u.step.status === 'failed')).toBe(
      true,
    );
  });

  it('fetches a finished run again, and lists the runs', async () => {
    const again = await client.call('troubleshoot.result', { runId: wrongRun });
    expect(again).toMatchObject({ runId: wrongRun, profileId: wrongProfile, status: 'done', healthy: false });
    expect(again.result).toEqual(doneOf(wrongRun)!.result);
    expect(again.findingCounts.error).toBeGreaterThan(0);
    expect((await client.call('troubleshoot.list', {})).map((r) => r.runId)).toEqual([plainRun, wrongRun]);
    expect(await client.call('troubleshoot.cancel', { runId: wrongRun })).toEqual({
      runId: wrongRun,
      cancelled: false,
    });
    await expect(client.call('troubleshoot.result', { runId: 'nope' })).rejects.toThrow(
      'FAILED: troubleshoot.result: runId: no troubleshoot run "nope"',
    );
  });

  it('exports the wrong-password run as JSONL, text and pcapng, with the password nowhere', async () => {
    const source = { kind: 'troubleshoot' as const, runId: wrongRun };
    jsonl = await client.call('logs.export', { source, format: 'jsonl' });
    const text = await client.call('logs.export', { source, format: 'text' });
    const pcap = await client.call('logs.export', { source, format: 'pcapng' });
    const masked = await client.call('logs.export', { source, format: 'jsonl', maskHosts: true });
    expect(jsonl).toMatchObject({ encoding: 'utf8', mediaType: 'application/x-ndjson' });
    expect(jsonl.fileName).toMatch(/^brokerscope-troubleshoot-ts-wrong-password-\d{8}T\d{6}Z\.jsonl$/);
    expect(jsonl.data.split('\n')[0]).toContain('"format":"brokerscope-log"');
    expect(jsonl.data).toContain('SASL_AUTH_FAILED');
    expect(text.encoding).toBe('utf8');
    expect(text.data).toContain('SASL_AUTH_FAILED');
    expect(pcap.encoding).toBe('base64');
    const pcapBytes = Buffer.from(pcap.data, 'base64');
    expect(pcapBytes.length).toBeGreaterThan(100);
    expect(pcapBytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(masked.data).not.toContain(saslPlain.host);
    for (const r of [jsonl, text, pcap, masked]) {
      expect(r.data.length).toBeGreaterThan(0);
      expectNoPassword(r);
    }
    // The PLAINTEXT run too.
    const plainPcap = await client.call('logs.export', {
      source: { kind: 'troubleshoot', runId: plainRun },
      format: 'pcapng',
    });
    expect(Buffer.from(plainPcap.data, 'base64').readUInt32LE(0)).toBe(0x0a0d0d0a);
  });

  it('a key log is refused with a clear reason when none was kept', async () => {
    await expect(
      client.call('logs.export', { source: { kind: 'troubleshoot', runId: wrongRun }, format: 'keylog' }),
    ).rejects.toThrow(
      'FAILED: logs.export: no TLS key log was kept for this run: SASL_PLAINTEXT does not use TLS',
    );
  });

  it('imports the JSONL back read-only: same events, paged in order, diagnosed again', async () => {
    const eventLines = jsonl!.data
      .trimEnd()
      .split('\n')
      .slice(1)
      .filter((l) => !l.startsWith('{"type":"troubleshoot.summary"'));
    const log = await client.call('logs.import', { fileName: 'wrong-password.jsonl', text: jsonl!.data });
    expect(log.events).toBe(eventLines.length);
    expect(log.events).toBe(doneOf(wrongRun)!.result!.events.length);
    expect(log.header).toMatchObject({
      format: 'brokerscope-log',
      eventCount: log.events,
      source: { kind: 'troubleshoot' },
    });
    expect(log.findings.map((f) => f.code)).toContain('SASL_AUTH_FAILED');
    expect(log.warnings).toEqual([]);

    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await client.call('logs.events.page', {
        logId: log.logId,
        limit: 7,
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      seen.unshift(...page.events.map((e) => e.seq));
      expect(page.newestSeq).toBe(log.events);
      if (!page.hasMore) break;
      beforeSeq = page.events[0]!.seq;
    }
    expect(seen).toEqual(Array.from({ length: log.events }, (_, i) => i + 1));
    const firstPage = await client.call('logs.events.page', { logId: log.logId, beforeSeq: 4, limit: 3 });
    expect(firstPage.events.map((e) => e.event)).toEqual(eventLines.slice(0, 3).map((l) => JSON.parse(l)));

    expect((await client.call('logs.list', {})).map((l) => l.logId)).toEqual([log.logId]);
    expect(await client.call('logs.close', { logId: log.logId })).toEqual({ logId: log.logId, closed: true });
    expect(await client.call('logs.list', {})).toEqual([]);
  });

  it('a corrupt file is refused with the line number', async () => {
    const lines = jsonl!.data.split('\n');
    lines[2] = lines[2]!.slice(0, 20);
    await expect(
      client.call('logs.import', { fileName: 'cut.jsonl', text: lines.join('\n') }),
    ).rejects.toThrow(
      /FAILED: logs\.import: cut\.jsonl is not a readable Brokerscope log: line 3: not valid JSON/,
    );
  });

  it('a session with frame capture exports pcapng; one without says how to get it', async () => {
    const { sessionId } = await client.call('sessions.connect', {
      profileId: plainProfile,
      captureFrames: true,
    });
    const connected = (): boolean =>
      client
        .of('sessions.snapshot')
        .some((s: SessionSnapshot) => s.sessionId === sessionId && s.status === 'connected');
    await client.waitFor('the capturing session connected', connected);
    const pcap = await client.call('logs.export', {
      source: { kind: 'session', sessionId },
      format: 'pcapng',
    });
    expect(pcap.fileName).toMatch(/^brokerscope-session-ts-plaintext-.*\.pcapng$/);
    expect(Buffer.from(pcap.data, 'base64').readUInt32LE(0)).toBe(0x0a0d0d0a);
    const sessionJsonl = await client.call('logs.export', {
      source: { kind: 'session', sessionId },
      format: 'jsonl',
    });
    const page = await client.call('sessions.events.page', { sessionId, limit: 2000 });
    expect(sessionJsonl.data.trimEnd().split('\n').length - 1).toBeGreaterThanOrEqual(page.events.length);
    await expect(
      client.call('logs.export', { source: { kind: 'session', sessionId }, format: 'keylog' }),
    ).rejects.toThrow('no TLS key log was kept for this session');
    await client.call('sessions.disconnect', { sessionId, forget: true });

    const { sessionId: plainSession } = await client.call('sessions.connect', { profileId: plainProfile });
    await client.waitFor('the plain session connected', () =>
      client.of('sessions.snapshot').some((s) => s.sessionId === plainSession && s.status === 'connected'),
    );
    await expect(
      client.call('logs.export', { source: { kind: 'session', sessionId: plainSession }, format: 'pcapng' }),
    ).rejects.toThrow('connect it with captureFrames on');
    await client.call('sessions.disconnect', { sessionId: plainSession, forget: true });
  });

  it('a mistake in the profile fails troubleshoot.run, naming the field', async () => {
    const missing = join(tmpdir(), 'no-such-ca.pem');
    const p = await client.call('profiles.create', {
      profile: {
        name: 'ts missing ca',
        bootstrapServers: [plaintext.bootstrap],
        securityProtocol: 'SSL',
        tls: { ca: { kind: 'file', path: missing } },
      },
    });
    await expect(client.call('troubleshoot.run', { profileId: p.id })).rejects.toThrow(
      `FAILED: troubleshoot.run: tls.ca.path: file not found: ${missing}`,
    );
  });

  it('every event received matches the contract', () => {
    for (const e of client.events) {
      const schema = contractEvents[e.event as EventName];
      expect(schema, e.event).toBeDefined();
      const parsed = schema.safeParse(e.payload);
      expect(parsed.success, `${e.event}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('the password appears nowhere: not on the wire, not in the data folder', () => {
    const wire = client.raw.join('\n');
    for (const form of [WRONG, Buffer.from(WRONG).toString('base64')]) expect(wire).not.toContain(form);
    expect(filesContaining(services.dataDir, WRONG)).toEqual([]);
  });
});
