// Exports and imports over fakes (no broker): a session's buffered events paged out in
// order, a troubleshoot run in every format with the planted password nowhere (JSONL, text,
// pcapng bytes, base64), host masking, key log rules, and imported logs diagnosed, paged,
// listed and closed; a corrupt file names its line. The real thing: test/integration/shell.
import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload, Result } from '@shared/api/contract';
import type { PoolStreamEvent } from '../../core';
import { EventRing } from '../sessions/ring-buffer';
import { leakyEvents, leakyResult } from '../diagnose/testing';
import { LogService, type RunSource } from './log-service';

const PASSWORD = 'correct-horse-battery-staple';
const NOW = new Date('2026-03-04T05:06:07.890Z');

function setup(
  opts: {
    sessionEvents?: PoolStreamEvent[];
    keyLog?: boolean;
    keyLogLines?: string[];
    protocol?: string;
  } = {},
) {
  const ring = new EventRing<PoolStreamEvent>(10_000);
  for (const e of opts.sessionEvents ?? leakyEvents(PASSWORD)) ring.push(e);
  const emitted: { event: EventName; payload: unknown }[] = [];
  const runs: RunSource = {
    exportable: (runId) => {
      if (runId !== 'r1') throw new Error(`runId: no troubleshoot run "${runId}"`);
      return {
        profileName: 'local sasl',
        securityProtocol: opts.protocol ?? 'SASL_PLAINTEXT',
        keyLog: opts.keyLog ?? false,
        result: leakyResult(PASSWORD, opts.keyLogLines ?? []),
        secretValues: [PASSWORD],
      };
    },
  };
  const service = new LogService({
    sessions: {
      list: () => [
        {
          sessionId: 's1',
          profileId: 'p1',
          profileName: 'local sasl',
          status: 'connected',
          startedAt: 1,
          endedAt: null,
          error: null,
        },
      ],
      page: (sessionId, beforeSeq, limit) => {
        if (sessionId !== 's1') throw new Error('sessionId: no session');
        const { items, hasMore } = ring.page(beforeSeq, limit);
        return {
          events: items.map(({ seq, item }) => ({ seq, event: item })),
          hasMore,
          oldestSeq: ring.oldestSeq,
          newestSeq: ring.newestSeq,
        } as Result<'sessions.events.page'>;
      },
    },
    runs,
    secretsOf: async () => [PASSWORD],
    emit: (event, payload) => void emitted.push({ event, payload }),
    now: () => NOW,
    keep: 2,
  });
  const of = <E extends EventName>(e: E) =>
    emitted.filter((x) => x.event === e).map((x) => x.payload as EventPayload<E>);
  return { service, of };
}

const run = { kind: 'troubleshoot', runId: 'r1' } as const;
const session = { kind: 'session', sessionId: 's1' } as const;

function bytesOf(r: Result<'logs.export'>): Buffer {
  return r.encoding === 'base64' ? Buffer.from(r.data, 'base64') : Buffer.from(r.data, 'utf8');
}

function expectNoSecret(r: Result<'logs.export'>): void {
  const bytes = bytesOf(r);
  if (r.fileName.endsWith('.jsonl')) {
    // Frame payloads are base64 in JSONL: look inside them too.
    for (const line of r.data.trimEnd().split('\n')) {
      const o = JSON.parse(line) as { type?: string; data?: string };
      if (o.type === 'frame') expect(Buffer.from(o.data!, 'base64').includes(PASSWORD)).toBe(false);
    }
  }
  for (const form of [
    PASSWORD,
    Buffer.from(PASSWORD).toString('base64'),
    Buffer.from(PASSWORD).toString('hex'),
  ]) {
    expect(bytes.includes(form), `${r.fileName} holds the password (${form})`).toBe(false);
    expect(r.data.includes(form), `${r.fileName} holds the password (${form})`).toBe(false);
  }
}

describe('log exports', () => {
  it('exports a troubleshoot run as JSONL, text and pcapng, with the password nowhere', async () => {
    const { service } = setup();
    const jsonl = await service.export(run, 'jsonl', false);
    expect(jsonl).toMatchObject({
      fileName: 'brokerscope-troubleshoot-local-sasl-20260304T050607Z.jsonl',
      mediaType: 'application/x-ndjson',
      encoding: 'utf8',
    });
    const lines = jsonl.data.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      format: 'brokerscope-log',
      source: { kind: 'troubleshoot' },
    });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'troubleshoot.summary', healthy: false });
    expect(lines.length).toBe(leakyEvents(PASSWORD).length + 2);

    const text = await service.export(run, 'text', false);
    expect(text).toMatchObject({ encoding: 'utf8', mediaType: 'text/plain; charset=utf-8' });
    expect(text.fileName.endsWith('.txt')).toBe(true);
    expect(text.data).toContain('SASL_AUTH_FAILED');

    const pcap = await service.export(run, 'pcapng', false);
    expect(pcap).toMatchObject({ encoding: 'base64', mediaType: 'application/x-pcapng' });
    expect(bytesOf(pcap).readUInt32LE(0)).toBe(0x0a0d0d0a);

    // The fixture did plant it (a raw SASL frame, a close message): the export scrubbed it.
    expect(JSON.stringify(leakyEvents(PASSWORD))).toContain(PASSWORD);
    expect(jsonl.data).toContain('"redacted":false'); // the planted frame is there, blanked
    for (const r of [jsonl, text, pcap]) expectNoSecret(r);
  });

  it('masks hosts on request, in the data and the file name', async () => {
    const { service } = setup();
    const r = await service.export(run, 'jsonl', true);
    expect(r.fileName).toBe('brokerscope-troubleshoot-20260304T050607Z.jsonl');
    expect(r.data).not.toContain('127.0.0.1');
    expect(JSON.parse(r.data.split('\n')[0]!).redaction.hosts).toBe('masked');
    expectNoSecret(r);
  });

  it('exports the session buffer in order, across pages', async () => {
    const many: PoolStreamEvent[] = [];
    for (let i = 0; i < 4500; i++) {
      many.push({
        type: 'pool.reaped',
        time: i,
        mono: i,
        poolId: 'p',
        key: `k${i}`,
        idleMs: i,
      } as PoolStreamEvent);
    }
    const { service } = setup({ sessionEvents: many });
    const r = await service.export(session, 'jsonl', false);
    const keys = r.data
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys).toEqual(many.map((e) => (e as { key: string }).key));
    expect(r.fileName).toBe('brokerscope-session-local-sasl-20260304T050607Z.jsonl');
  });

  it('a session export scrubs the profile secrets too; pcapng needs captured frames', async () => {
    const { service } = setup();
    for (const f of ['jsonl', 'text', 'pcapng'] as const)
      expectNoSecret(await service.export(session, f, false));
    const none = setup({ sessionEvents: leakyEvents(PASSWORD).filter((e) => e.type !== 'frame') });
    await expect(none.service.export(session, 'pcapng', false)).rejects.toThrow('captureFrames');
  });

  it('the key log: only when the run kept one, else a clear error', async () => {
    await expect(setup().service.export(session, 'keylog', false)).rejects.toThrow(
      'no TLS key log was kept for this session',
    );
    await expect(setup().service.export(run, 'keylog', false)).rejects.toThrow(
      'no TLS key log was kept for this run: SASL_PLAINTEXT does not use TLS',
    );
    await expect(setup({ protocol: 'SASL_SSL' }).service.export(run, 'keylog', false)).rejects.toThrow(
      'start it with keyLog on',
    );
    const line = `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}`;
    const kept = setup({ protocol: 'SASL_SSL', keyLog: true, keyLogLines: [line, 'garbage'] });
    const r = await kept.service.export(run, 'keylog', false);
    expect(r.fileName.endsWith('.keylog.txt')).toBe(true);
    expect(r.data.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([line]);
  });

  it('unknown sources fail naming the field', async () => {
    const { service } = setup();
    await expect(service.export({ kind: 'session', sessionId: 'nope' }, 'jsonl', false)).rejects.toThrow(
      'source.sessionId: no session "nope"',
    );
    await expect(service.export({ kind: 'troubleshoot', runId: 'nope' }, 'jsonl', false)).rejects.toThrow(
      'runId:',
    );
  });
});

describe('log imports', () => {
  it('imports a JSONL export read-only, diagnoses it, pages it like a session, lists and closes it', async () => {
    const { service, of } = setup();
    const exported = await service.export(run, 'jsonl', false);
    const log = service.import('run.jsonl', exported.data);
    expect(log).toMatchObject({ fileName: 'run.jsonl', events: leakyEvents(PASSWORD).length, warnings: [] });
    expect(log.header.source.kind).toBe('troubleshoot');
    expect(log.findings.map((f) => f.code)).toContain('SASL_AUTH_FAILED');

    const last = service.page(log.logId, undefined, 5);
    expect(last.events.map((e) => e.seq)).toEqual([9, 10, 11, 12, 13]);
    expect(last).toMatchObject({ hasMore: true, oldestSeq: 1, newestSeq: 13 });
    const first = service.page(log.logId, 9, 100);
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(first.hasMore).toBe(false);
    expect(first.events[0]!.event).toMatchObject({ type: 'state', to: 'DNS' });

    expect(service.list().map((l) => l.logId)).toEqual([log.logId]);
    expect(
      of('logs.changed')
        .at(-1)!
        .logs.map((l) => l.logId),
    ).toEqual([log.logId]);
    expect(service.close(log.logId)).toEqual({ logId: log.logId, closed: true });
    expect(service.close(log.logId)).toEqual({ logId: log.logId, closed: false });
    expect(() => service.page(log.logId, undefined, 5)).toThrow(`logId: no imported log "${log.logId}"`);
    expect(of('logs.changed').at(-1)!.logs).toEqual([]);
  });

  it('a corrupt file fails with the line number', async () => {
    const { service } = setup();
    const lines = (await service.export(run, 'jsonl', false)).data.split('\n');
    lines[3] = '{"type":"state", oops';
    expect(() => service.import('bad.jsonl', lines.join('\n'))).toThrow(
      /^bad\.jsonl is not a readable Brokerscope log: line 4: not valid JSON/,
    );
    expect(() => service.import('x.jsonl', 'hello')).toThrow('line 1: not valid JSON');
    expect(() => service.import('y.jsonl', '{"a":1}')).toThrow(
      'line 1: the first line is not a Brokerscope log header',
    );
    expect(service.list()).toEqual([]);
  });

  it('keeps only the last imported logs', async () => {
    const { service } = setup();
    const text = (await service.export(run, 'jsonl', false)).data;
    const ids = [1, 2, 3].map((i) => service.import(`${i}.jsonl`, text).logId);
    expect(service.list().map((l) => l.logId)).toEqual(ids.slice(1));
  });
});
