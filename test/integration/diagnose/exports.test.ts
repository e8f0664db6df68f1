// Exports of real troubleshoot runs: pcapng that tshark's Kafka dissector reads like the
// JSONL says, no secret in any format, masks that agree across formats, lossless JSONL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionEvent, SaslOptions } from '../../../src/main/core';
import { decodeRequest } from '../../../src/main/core/protocol';
import { troubleshoot, type TroubleshootConfig, type TroubleshootResult } from '../../../src/main/diagnose';
import {
  fromTroubleshoot,
  importJsonl,
  toJsonl,
  toKeyLog,
  toPcapng,
  toText,
  troubleshootRecord,
} from '../../../src/main/export';
import { brokerInfo, caPem } from '../../support/connect-options';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { unsecuredJwt, validClaims } from '../../support/jwt';

const info = brokerInfo();
const L = info.listeners;
const dir = mkdtempSync(join(tmpdir(), 'bs-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Frame = Extract<ConnectionEvent, { type: 'frame' }>;

function tshark(file: string, port: number, fields: string[], extra: string[] = []): string[][] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-d',
      `tcp.port==${port},kafka`,
      ...extra,
      '-T',
      'fields',
      '-E',
      'separator=\t',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

describe('pcapng of a TLS session (SASL_SSL, SCRAM-SHA-512, captured frames)', () => {
  let run: TroubleshootResult;
  let file: string;
  beforeAll(async () => {
    run = await troubleshoot({
      bootstrap: L.SASL_SSL.bootstrap,
      securityProtocol: 'SASL_SSL',
      tls: { ca: caPem() },
      sasl: { mechanism: 'SCRAM-SHA-512', ...info.users.scramSha512 },
      captureFrames: true,
      keyLog: true,
    });
    expect(run.healthy).toBe(true);
    file = join(dir, 'sasl-ssl.pcapng');
    writeFileSync(file, toPcapng(fromTroubleshoot(run)));
  });

  it("opens in tshark, and the Kafka dissector shows the JSONL's API keys and correlation ids, per connection", () => {
    const rows = tshark(file, L.SASL_SSL.port, [
      'tcp.stream',
      'tcp.srcport',
      'kafka.request_key',
      'kafka.correlation_id',
    ]);
    const imported = importJsonl(toJsonl(fromTroubleshoot(run)));
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    const jsonlFrames = imported.log.events.filter((e): e is Frame => e.type === 'frame');
    const conns = [...new Set(jsonlFrames.map((f) => f.connectionId))];
    expect(conns).toHaveLength(2); // bootstrap + the broker check
    const streams = [...new Set(rows.map((r) => r[0]))];
    expect(streams).toHaveLength(conns.length);
    // Streams are numbered in order of their first packet, connections in order of their first event.
    conns.forEach((id, i) => {
      const stream = rows.filter((r) => r[0] === String(i) && r[3] !== '');
      const serverPort = String(L.SASL_SSL.port);
      const requests = stream.filter((r) => r[1] !== serverPort).map((r) => [Number(r[2]), Number(r[3])]);
      const responses = stream.filter((r) => r[1] === serverPort).map((r) => Number(r[3]));
      const mine = jsonlFrames.filter((f) => f.connectionId === id);
      expect(requests).toEqual(
        mine.filter((f) => f.direction === 'out').map((f) => [f.apiKey, f.correlationId]),
      );
      expect(responses).toEqual(mine.filter((f) => f.direction === 'in').map((f) => f.correlationId));
      // ApiVersions, SaslHandshake, SaslAuthenticate ×2 on both; Metadata and DescribeCluster on the bootstrap connection.
      expect(requests.map((r) => r[0])).toEqual(i === 0 ? [18, 17, 36, 36, 3, 60] : [18, 17, 36, 36]);
    });
  });

  it('carries the real ports and addresses of tcp.connected, a handshake, and the event timestamps', () => {
    const rows = tshark(file, L.SASL_SSL.port, [
      'tcp.stream',
      'ip.src',
      'tcp.srcport',
      'ip.dst',
      'tcp.dstport',
      'tcp.flags.syn',
      'frame.time_epoch',
      'tcp.analysis.flags',
    ]);
    const tcp = run.events.filter(
      (e): e is Extract<ConnectionEvent, { type: 'tcp.connected' }> => e.type === 'tcp.connected',
    );
    for (const [i, t] of tcp.entries()) {
      const syn = rows.find((r) => r[0] === String(i) && r[5] === '1');
      expect(syn?.slice(1, 5)).toEqual([
        t.localAddress,
        String(t.localPort),
        t.remoteAddress,
        String(t.remotePort),
      ]);
      expect(Math.abs(Number(syn?.[6]) * 1000 - t.time)).toBeLessThan(5);
    }
    // Sequence and acknowledgement numbers are consistent: tshark's TCP analysis flags nothing.
    expect(rows.filter((r) => (r[7] ?? '') !== '')).toEqual([]);
  });

  it('masks addresses in the pcapng as in the JSONL and text exports', () => {
    const input = fromTroubleshoot(run);
    const masked = join(dir, 'masked.pcapng');
    writeFileSync(masked, toPcapng(input, { maskHosts: true }));
    const rows = tshark(masked, L.SASL_SSL.port, ['ip.src', 'ip.dst']);
    const jsonl = toJsonl(input, { maskHosts: true });
    const text = toText(input, { maskHosts: true });
    const imported = importJsonl(jsonl);
    if (!imported.ok) throw new Error('import failed');
    const tcp = imported.log.events.find(
      (e): e is Extract<ConnectionEvent, { type: 'tcp.connected' }> => e.type === 'tcp.connected',
    )!;
    expect(tcp.remoteAddress).toMatch(/^10\.0\.0\.\d+$/);
    expect(new Set(rows.flat())).toEqual(new Set([tcp.remoteAddress, tcp.localAddress]));
    expect(text).toContain(`${tcp.remoteAddress}:${L.SASL_SSL.port}`);
    for (const out of [jsonl, text, toPcapng(input, { maskHosts: true }).toString('latin1')]) {
      expect(out).not.toContain('127.0.0.1');
      expect(out).not.toMatch(/localhost/i);
    }
  });

  it('writes the TLS key log in SSLKEYLOGFILE format', () => {
    const text = toKeyLog(run.keyLog);
    const lines = text.trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(5); // TLS 1.3: four traffic secrets + exporter per connection
    for (const l of lines) expect(l).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/);
  });
});

describe('redaction: no secret in any export format', () => {
  const runs: { name: string; result: TroubleshootResult; secrets: string[] }[] = [];
  let proxy: FaultProxy | null = null;
  const scramMessages: string[] = [];

  beforeAll(async () => {
    // A proxy that keeps the SCRAM messages (client-first, client-final with the proof, server-final) to grep for.
    proxy = await startFaultProxy({
      target: L.SASL_PLAINTEXT,
      onRequest: (frame) => {
        try {
          const r = decodeRequest(frame.subarray(4));
          const body = r.body as { authBytes?: Uint8Array };
          if (r.apiKey === 36 && body.authBytes)
            scramMessages.push(Buffer.from(body.authBytes).toString('utf8'));
        } catch {
          // not a request
        }
        return null;
      },
      onResponse: (frame) => {
        const text = frame.toString('latin1');
        const m = text.match(/[rv]=[A-Za-z0-9+/=,]{20,}/);
        if (m) scramMessages.push(m[0]);
        return null;
      },
    });
    const token = unsecuredJwt(validClaims('redaction-test'));
    const cases: [string, TroubleshootConfig, string[]][] = [
      [
        'SCRAM-SHA-256 through a proxy that records the exchange',
        {
          bootstrap: `127.0.0.1:${proxy.port}`,
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: { mechanism: 'SCRAM-SHA-256', ...info.users.scramSha256 },
        },
        [info.users.scramSha256.password],
      ],
      [
        'PLAIN',
        {
          bootstrap: L.SASL_PLAINTEXT.bootstrap,
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: { mechanism: 'PLAIN', ...info.users.plain },
        },
        [info.users.plain.password],
      ],
      [
        'PLAIN with a wrong password',
        {
          bootstrap: L.SASL_PLAINTEXT.bootstrap,
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: {
            mechanism: 'PLAIN',
            username: info.users.plain.username,
            password: 'Wr0ng-Secret-Passw0rd',
          },
        },
        ['Wr0ng-Secret-Passw0rd'],
      ],
      [
        'OAUTHBEARER static token',
        {
          bootstrap: L.SASL_PLAINTEXT.bootstrap,
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: { mechanism: 'OAUTHBEARER', token },
        },
        [token, token.split('.')[1]!],
      ],
      [
        'OAUTHBEARER via OIDC client credentials',
        {
          bootstrap: L.SASL_OIDC.bootstrap,
          securityProtocol: 'SASL_PLAINTEXT',
          sasl: {
            mechanism: 'OAUTHBEARER',
            oidc: {
              tokenEndpoint: info.oidc.tokenEndpoint,
              clientId: info.oidc.clientId,
              clientSecret: info.oidc.clientSecret,
              scope: info.oidc.scope,
            },
          } as SaslOptions,
        },
        [info.oidc.clientSecret],
      ],
      [
        'SCRAM-SHA-512 over TLS with the key log on',
        {
          bootstrap: L.SASL_SSL.bootstrap,
          securityProtocol: 'SASL_SSL',
          tls: { ca: caPem() },
          sasl: { mechanism: 'SCRAM-SHA-512', ...info.users.scramSha512 },
          keyLog: true,
        },
        [info.users.scramSha512.password],
      ],
    ];
    for (const [name, config, secrets] of cases) {
      const result = await troubleshoot({ ...config, captureFrames: true });
      runs.push({ name, result, secrets });
    }
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('the runs happened (and the proxy saw the SCRAM proof it must not leak)', () => {
    expect(runs.map((r) => [r.name, r.result.healthy])).toEqual(
      runs.map((r) => [r.name, r.name !== 'PLAIN with a wrong password']),
    );
    expect(scramMessages.some((m) => /(^|,)p=/.test(m))).toBe(true);
    expect(scramMessages.some((m) => m.startsWith('v='))).toBe(true);
  });

  it('JSONL, text and pcapng (with frames decoded) hold no password, token, client secret or SCRAM message', () => {
    const proofs = scramMessages.flatMap((m) =>
      m.split(',').filter((kv) => /^[prv]=/.test(kv) && kv.length > 12),
    );
    expect(proofs.length).toBeGreaterThanOrEqual(3);
    for (const { name, result, secrets } of runs) {
      // Exported WITHOUT telling the exporter the secrets: the guarantee must not depend on that list.
      const input = fromTroubleshoot(result);
      const jsonl = toJsonl(input);
      const imported = importJsonl(jsonl);
      if (!imported.ok) throw new Error(`${name}: ${JSON.stringify(imported.errors)}`);
      const frameBytes = imported.log.events
        .filter((e): e is Frame => e.type === 'frame')
        .map((f) => Buffer.from(f.data, 'base64').toString('latin1'))
        .join('\n');
      const formats: Record<string, string> = {
        jsonl,
        'jsonl frames': frameBytes,
        text: toText(input),
        pcapng: toPcapng(input).toString('latin1'),
        keylog: toKeyLog(result.keyLog),
      };
      for (const [format, out] of Object.entries(formats)) {
        for (const s of [...secrets, ...proofs])
          expect(out.includes(s), `${name}: ${format} contains "${s.slice(0, 12)}…"`).toBe(false);
        expect(out, `${name}: ${format}`).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\.eyJ/);
        expect(out, `${name}: ${format}`).not.toMatch(/n,,n=|c=biws,r=|auth=Bearer /);
      }
    }
  });

  it('with the secrets given (as the CLI does) they are scrubbed from free text too', () => {
    const { result } = runs.find((r) => r.name === 'PLAIN with a wrong password')!;
    const fake = {
      ...result,
      findings: [
        { ...result.findings[0]!, cause: 'the password was Wr0ng-Secret-Passw0rd, token=abc123def456' },
      ],
    };
    const out = toText(fromTroubleshoot(fake), { secrets: ['Wr0ng-Secret-Passw0rd'] });
    expect(out).not.toContain('Wr0ng-Secret-Passw0rd');
    expect(out).not.toContain('abc123def456');
    expect(out).toContain('[REDACTED]');
  });
});

describe('JSONL round trip', () => {
  it('imports back losslessly: the same event objects, the same troubleshoot summary', async () => {
    const result = await troubleshoot({
      bootstrap: `no-such-broker.invalid:9092,${L.SASL_PLAINTEXT.bootstrap}`,
      securityProtocol: 'SASL_PLAINTEXT',
      sasl: { mechanism: 'SCRAM-SHA-512', ...info.users.restricted },
      topics: [info.acl.deniedTopic],
      captureFrames: true,
    });
    expect(result.findings.map((f) => f.code)).toEqual(['AUTHORIZATION_FAILED', 'DNS_FAILURE']);
    const imported = importJsonl(toJsonl(fromTroubleshoot(result)));
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.log.events).toEqual(result.events);
    expect(imported.log.troubleshoot).toEqual(JSON.parse(JSON.stringify(troubleshootRecord(result))));
    expect(imported.log.header).toMatchObject({
      format: 'brokerscope-log',
      version: 1,
      eventCount: result.events.length,
      source: { kind: 'troubleshoot' },
    });
    expect(imported.log.warnings).toEqual([]);
  });
});
