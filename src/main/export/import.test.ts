import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionEvent, PoolStreamEvent } from '../core';
import { importJsonl, importJsonlFile } from './import';
import { toJsonl } from './jsonl';

const stamp = { time: 1764134400000, mono: 12.5, connectionId: 'c1', broker: 'b:9092', nodeId: null };
const events: PoolStreamEvent[] = [
  { ...stamp, seq: 1, type: 'state', from: 'INIT', to: 'DNS', msInPrevious: 0.25 },
  { ...stamp, seq: 2, type: 'dns', host: 'b', addresses: [{ address: '10.0.0.1', family: 4 }], ms: 1.5 },
  {
    ...stamp,
    seq: 3,
    type: 'frame',
    direction: 'out',
    correlationId: 0,
    apiKey: 18,
    apiVersion: 4,
    size: 4,
    data: 'AAAAAA==',
    redacted: false,
  },
  {
    ...stamp,
    seq: 4,
    type: 'auth.info',
    mechanism: 'SCRAM-SHA-256',
    detail: { iterations: 4096, step: 'server-first', ok: true },
  },
  {
    ...stamp,
    seq: 5,
    type: 'close',
    reason: 'SHUTDOWN',
    message: 'bye',
    kind: null,
    cause: null,
    state: 'READY',
    msInState: 3,
    inFlightFailed: 0,
    queuedFailed: 0,
  },
  {
    type: 'pool.backoff',
    time: 1,
    mono: 2,
    poolId: 'p',
    key: 'node-1/default',
    nodeId: 1,
    address: 'b:9092',
    attempt: 1,
    delayMs: 100,
    kind: 'CONNECTION_REFUSED',
    error: 'x',
    message: 'next attempt in 100 ms',
  },
] as PoolStreamEvent[];

const good = toJsonl({ events }, { createdAt: new Date('2026-01-01T00:00:00Z') });
const lines = good.trimEnd().split('\n');

function errorsOf(text: string): { line: number; message: string }[] {
  const r = importJsonl(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('importJsonl', () => {
  it('reads an export back into the same events', () => {
    const r = importJsonl(good);
    expect(r.ok && r.log.events).toEqual(events);
    expect(r.ok && r.log.header).toMatchObject({
      format: 'brokerscope-log',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      eventCount: events.length,
    });
  });

  it('tolerates CRLF, a BOM, blank lines and a missing final newline', () => {
    const text = `\ufeff${lines.join('\r\n')}\r\n\r\n`;
    const r = importJsonl(text);
    expect(r.ok && r.log.events).toEqual(events);
    expect(importJsonl(lines.join('\n')).ok).toBe(true);
  });

  it.each([
    ['an empty file', '', [{ line: 0, message: 'the file is empty' }]],
    [
      'not JSON on line 3',
      [lines[0], lines[1], '{"type": "state",', lines[3]].join('\n'),
      [{ line: 3, message: expect.stringContaining('not valid JSON') }],
    ],
    [
      'no header',
      lines.slice(1).join('\n'),
      [{ line: 1, message: expect.stringContaining('not a Brokerscope log header') }],
    ],
    [
      'a newer format version',
      [lines[0]!.replace('"version":1', '"version":2'), ...lines.slice(1)].join('\n'),
      [{ line: 1, message: expect.stringContaining('newer than this reader') }],
    ],
    [
      'a mistyped field on line 4',
      [...lines.slice(0, 3), lines[3]!.replace('"seq":3', '"seq":"three"'), ...lines.slice(4)].join('\n'),
      [{ line: 4, message: expect.stringMatching(/invalid "frame" event: seq: .*expected number/) }],
    ],
    ['an array line', [lines[0], '[1,2]'].join('\n'), [{ line: 2, message: 'expected a JSON object' }]],
    [
      'a record without a type',
      [lines[0], '{"seq":1}'].join('\n'),
      [{ line: 2, message: 'the object has no "type"' }],
    ],
    [
      'bad base64 in a frame',
      [lines[0], lines[3]!.replace('AAAAAA==', 'not base64!')].join('\n'),
      [{ line: 2, message: expect.stringContaining('data') }],
    ],
  ])('reports %s with its line number', (_what, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('skips record types it does not know, with a warning, and notes a truncated file', () => {
    const r = importJsonl([lines[0], lines[1], '{"type":"future.thing","x":1}'].join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.log.events).toHaveLength(1);
    expect(r.log.warnings).toEqual([
      { line: 3, message: 'unknown record type "future.thing" skipped' },
      { line: 0, message: `the header announces ${events.length} events, the file has 1 (truncated?)` },
    ]);
  });

  it('caps the number of errors', () => {
    const r = importJsonl([lines[0], ...Array.from({ length: 100 }, () => 'garbage')].join('\n'), {
      maxErrors: 5,
    });
    expect(!r.ok && r.errors).toHaveLength(5);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.json(), fc.constantFrom(...lines)), { maxLength: 8 }),
        (parts) => {
          const r = importJsonl(parts.join('\n'));
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads files line by line, and reports a missing file as an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bs-import-'));
    try {
      const path = join(dir, 'log.jsonl');
      writeFileSync(path, good);
      const r = await importJsonlFile(path);
      expect(r.ok && (r.log.events as ConnectionEvent[]).map((e) => e.seq)).toEqual([
        1,
        2,
        3,
        4,
        5,
        undefined,
      ]);
      const missing = await importJsonlFile(join(dir, 'nope.jsonl'));
      expect(!missing.ok && missing.errors[0]?.message).toContain('cannot read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
