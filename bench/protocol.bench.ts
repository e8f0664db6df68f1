/**
 * Protocol codec benchmark (not a test): encodes and decodes a realistic Metadata v12 response
 * (100 topics x 10 partitions, 3 replicas, 3 brokers, topic ids) and ApiVersions v3/v4 responses
 * (every API key of the table). Prints MB/s (10^6 bytes of payload per second) and messages/s, the
 * median of several timed repetitions after a warm-up.
 *
 *   npm run bench:protocol                 # all cases
 *   npm run bench:protocol -- metadata     # cases whose name contains "metadata"
 */
import { cpus, loadavg } from 'node:os';
import {
  API_TABLE,
  ApiKey,
  decodeResponse,
  encodeResponseFrame,
  uuidFromBytes,
  type ApiVersionsResponse,
  type Input,
  type MetadataResponse,
} from '../src/main/core/protocol/index';

const WARMUP_MS = 1500;
const REPETITIONS = 9;
const REPETITION_MS = 400;

/** Deterministic pseudo-random numbers so every run measures the same message. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function metadataResponse(): Input<MetadataResponse> {
  const rand = rng(12345);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const domains = [
    'payments',
    'orders',
    'inventory',
    'customers',
    'shipping',
    'billing',
    'search',
    'analytics',
  ];
  const entities = ['invoice', 'order-line', 'refund', 'session', 'click', 'address', 'shipment', 'account'];
  const events = ['created', 'updated', 'deleted', 'snapshot', 'changelog', 'dlq'];
  const brokers = [1, 2, 3].map((id) => ({
    nodeId: id,
    host: `broker-${id}.kafka.prod.eu-west-1.internal`,
    port: 9092,
    rack: `eu-west-1${'abc'[id - 1]}`,
  }));
  const topics = [];
  for (let t = 0; t < 100; t++) {
    const id = new Uint8Array(16).map(() => Math.floor(rand() * 256));
    const partitions = [];
    for (let p = 0; p < 10; p++) {
      const leader = 1 + ((t + p) % 3);
      const replicas = [leader, 1 + (leader % 3), 1 + ((leader + 1) % 3)];
      partitions.push({
        errorCode: 0,
        partitionIndex: p,
        leaderId: leader,
        leaderEpoch: Math.floor(rand() * 40),
        replicaNodes: replicas,
        isrNodes: rand() < 0.95 ? replicas : replicas.slice(0, 2),
        offlineReplicas: [],
      });
    }
    topics.push({
      errorCode: 0,
      name: `${pick(domains)}.${pick(entities)}.${pick(events)}.v${1 + (t % 3)}`,
      topicId: uuidFromBytes(id),
      isInternal: false,
      partitions,
      topicAuthorizedOperations: -2147483648,
    });
  }
  return { throttleTimeMs: 0, brokers, clusterId: 'mK3vRq9sTLeYq2c6ZpH0xw', controllerId: 2, topics };
}

function apiVersionsResponse(): Input<ApiVersionsResponse> {
  return {
    errorCode: 0,
    apiKeys: [...API_TABLE.values()].map((a) => ({
      apiKey: a.key,
      minVersion: a.minVersion,
      maxVersion: a.codecMaxVersion,
    })),
    throttleTimeMs: 0,
    supportedFeatures: [
      { name: 'kraft.version', minVersion: 0, maxVersion: 1 },
      { name: 'metadata.version', minVersion: 1, maxVersion: 25 },
      { name: 'group.version', minVersion: 0, maxVersion: 1 },
      { name: 'transaction.version', minVersion: 0, maxVersion: 2 },
    ],
    finalizedFeaturesEpoch: 1234n,
    finalizedFeatures: [
      { name: 'metadata.version', maxVersionLevel: 25, minVersionLevel: 25 },
      { name: 'kraft.version', maxVersionLevel: 1, minVersionLevel: 1 },
    ],
    zkMigrationReady: false,
  };
}

interface Case {
  name: string;
  bytes: number;
  run: () => unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (label: string, key: number, version: number, body: unknown): void => {
    const frame = encodeResponseFrame(key, version, 42, body);
    const payload = frame.subarray(4);
    // Sanity: what we decode is what we encoded.
    const again = encodeResponseFrame(key, version, 42, decodeResponse(key, version, payload).body);
    if (!again.equals(frame)) throw new Error(`${label}: round trip mismatch`);
    out.push({
      name: `${label} encode`,
      bytes: payload.length,
      run: () => encodeResponseFrame(key, version, 42, body),
    });
    out.push({
      name: `${label} decode`,
      bytes: payload.length,
      run: () => decodeResponse(key, version, payload),
    });
  };
  add('Metadata v12 (100x10)', ApiKey.Metadata, 12, metadataResponse());
  add('ApiVersions v3', ApiKey.ApiVersions, 3, apiVersionsResponse());
  add('ApiVersions v4', ApiKey.ApiVersions, 4, apiVersionsResponse());
  return out;
}

let sink: unknown;

/** Per repetition: MB/s and messages/s by the wall clock, and MB/s per second of this process's CPU time. */
function measure(c: Case): { mbps: number[]; perSec: number[]; cpuMbps: number[] } {
  // Calibrate a batch size of about 20 ms.
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) sink = c.run();
    if (performance.now() - t > 20) break;
    batch *= 2;
  }
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) for (let i = 0; i < batch; i++) sink = c.run();
  const mbps: number[] = [];
  const perSec: number[] = [];
  const cpuMbps: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let now = start;
    while (now - start < REPETITION_MS) {
      for (let i = 0; i < batch; i++) sink = c.run();
      n += batch;
      now = performance.now();
    }
    const cpu = process.cpuUsage(cpu0);
    const secs = (now - start) / 1000;
    perSec.push(n / secs);
    mbps.push((n * c.bytes) / secs / 1e6);
    cpuMbps.push((n * c.bytes) / ((cpu.user + cpu.system) / 1e6) / 1e6);
  }
  return { mbps, perSec, cpuMbps };
}

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const filter = (process.argv[2] ?? '').toLowerCase();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `node ${process.version}, ${cpus().length} CPUs (${cpu}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `warm-up ${WARMUP_MS} ms, median of ${REPETITIONS} x ${REPETITION_MS} ms; MB = 10^6 bytes of payload`,
  );
  console.log(
    "CPU MB/s: per second of this process's CPU time (less sensitive to other load on the machine)\n",
  );
  console.log(
    `${'case'.padEnd(32)} ${'bytes'.padStart(7)} ${'MB/s'.padStart(8)} ${'msg/s'.padStart(10)} ${'CPU MB/s'.padStart(9)}   MB/s range`,
  );
  for (const c of cases()) {
    if (filter && !c.name.toLowerCase().includes(filter)) continue;
    const { mbps, perSec, cpuMbps } = measure(c);
    const range = `${Math.min(...mbps).toFixed(0)}-${Math.max(...mbps).toFixed(0)}`;
    console.log(
      `${c.name.padEnd(32)} ${String(c.bytes).padStart(7)} ${median(mbps).toFixed(0).padStart(8)} ` +
        `${median(perSec).toFixed(0).padStart(10)} ${median(cpuMbps).toFixed(0).padStart(9)}   ${range}`,
    );
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (sink === undefined) console.log('');
}

main();
