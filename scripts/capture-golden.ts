/**
 * Captures golden frames from the real test broker for the protocol tests:
 * ApiVersions v0 and v4, Metadata v12, SaslHandshake v1 and the first SCRAM SaslAuthenticate
 * round (no secret in it: a user name and nonces). A pass-through proxy records each request
 * and its reply as they crossed the wire. Run: npm run capture:golden (the broker must be up).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBrokerInfo } from '../harness/broker/info';
import { startFaultProxy } from '../test/support/fault-proxy';
import { ApiKey, Connection } from '../src/main/core';

const OUT = join(import.meta.dirname, '../src/main/core/protocol/golden');

interface GoldenEntry {
  name: string;
  apiKey: number;
  apiVersion: number;
  request: string;
  response: string;
}

async function main(): Promise<void> {
  const info = readBrokerInfo();
  const frames: { dir: 'req' | 'res'; bytes: Buffer }[] = [];
  const record = (dir: 'req' | 'res') => (frame: Buffer) => {
    frames.push({ dir, bytes: Buffer.from(frame) });
    return null;
  };
  const plain = await startFaultProxy({ target: info.listeners.PLAINTEXT, onRequest: record('req'), onResponse: record('res') });
  const entries: GoldenEntry[] = [];
  const take = (name: string, apiKey: number, apiVersion: number): void => {
    const req = frames.find((f) => f.dir === 'req' && f.bytes.readInt16BE(4) === apiKey && f.bytes.readInt16BE(6) === apiVersion);
    if (!req) throw new Error(`no ${name} request captured`);
    const corr = req.bytes.readInt32BE(8);
    const res = frames.find((f) => f.dir === 'res' && f.bytes.readInt32BE(4) === corr && frames.indexOf(f) > frames.indexOf(req));
    if (!res) throw new Error(`no ${name} response captured`);
    const base = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    writeFileSync(join(OUT, `${base}.request.bin`), req.bytes);
    writeFileSync(join(OUT, `${base}.response.bin`), res.bytes);
    entries.push({ name, apiKey, apiVersion, request: `${base}.request.bin`, response: `${base}.response.bin` });
  };
  mkdirSync(OUT, { recursive: true });

  const conn = await Connection.connect({ host: '127.0.0.1', port: plain.port, clientId: 'golden' });
  await conn.send(ApiKey.ApiVersions, {}, { version: 0 });
  await conn.send(ApiKey.Metadata, { topics: [], allowAutoTopicCreation: false }, { version: 12 });
  await conn.close();
  take('ApiVersions v4', ApiKey.ApiVersions, 4);
  take('ApiVersions v0', ApiKey.ApiVersions, 0);
  take('Metadata v12', ApiKey.Metadata, 12);
  await plain.close();

  frames.length = 0;
  const sasl = await startFaultProxy({ target: info.listeners.SASL_PLAINTEXT, onRequest: record('req'), onResponse: record('res') });
  const scram = await Connection.connect({
    host: '127.0.0.1',
    port: sasl.port,
    clientId: 'golden',
    sasl: { mechanism: 'SCRAM-SHA-256', ...info.users.scramSha256 },
  });
  await scram.close();
  take('SaslHandshake v1', ApiKey.SaslHandshake, 1);
  take('SaslAuthenticate v2', ApiKey.SaslAuthenticate, 2); // the first round: client-first / server-first
  await sasl.close();

  writeFileSync(
    join(OUT, 'manifest.json'),
    JSON.stringify({ capturedFrom: `Apache Kafka ${info.version}`, capturedAt: new Date().toISOString().slice(0, 10), entries }, null, 2) + '\n',
  );
  process.stdout.write(`wrote ${entries.length} golden request/response pairs to ${OUT}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`capture-golden: ${(err as Error).message}\n`);
  process.exit(1);
});
