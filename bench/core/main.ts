/**
 * `npm run bench:core`: brokerscope's Connection against the connection-level objects of
 * @platformatic/kafka, kafkajs and aiokafka, on the same broker in the same run.
 *
 * Workload: closed-loop Metadata (no topics) and ApiVersions round trips over ONE connection per
 * client to the test broker's PLAINTEXT listener, at in-flight 1, 16 and 256, one row per API.
 * Each client lives in its own process (Node workers: bench/core/worker.ts; Python:
 * bench/core/peers/aiokafka_peer.py) and the clients take turns cell by cell (order rotated),
 * so broker drift hits every client alike. Per cell: warm-up, then a fixed measured window; the
 * whole grid is run --rounds times and each metric is the median over rounds.
 *
 * Options: --duration <s> (0.6)  --warmup <s> (0.2)  --rounds <n> (5)  --inflight 1,16,256  --api metadata,apiversions
 *          --clients ours,platformatic,kafkajs,aiokafka,raw
 *          --cpu-prof <dir> (a V8 CPU profile of every measured window of every Node client)
 *          --json <file> (raw results)  --broker-warmup <s> (2, before the first cell)
 *          --broker-wait <s> (60: how long to wait for a restarting broker's listener)
 *          --ours-versions <md>,<av> (send ours at these Metadata/ApiVersions versions, e.g. 6,2 = kafkajs's)
 * Clients: ours (brokerscope), platformatic, kafkajs, aiokafka, and raw: a bare-socket reference floor
 * (pre-encoded frames, no decoding) that shows what the broker and Node's I/O allow; it is not a peer.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect as netConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBrokerInfo, type BrokerInfo } from '../../harness/broker/info';
import { markdownReport, textReport, type Cell } from './report';
import {
  API_LABEL,
  APIS,
  CLIENTS,
  CLIENT_LABEL,
  type Api,
  type CellResult,
  type ClientName,
  type ReadyInfo,
  type WorkerCommand,
} from './types';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const venvDir = join(repoRoot, 'bench', '.venv');
const venvPython = join(venvDir, 'bin', 'python');
const requirements = join(repoRoot, 'bench', 'requirements.txt');

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

// ---------------------------------------------------------------- workers

/** A client process that speaks one JSON line per command. */
class Worker {
  private readonly lines: Interface;
  private readonly waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  private readonly buffered: unknown[] = [];
  private exited: Error | null = null;

  constructor(
    readonly name: ClientName,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    this.lines.on('line', (line) => {
      if (!line.startsWith('{')) {
        log(`[${name}] ${line}`);
        return;
      }
      const value: unknown = JSON.parse(line);
      const w = this.waiting.shift();
      if (w) w.resolve(value);
      else this.buffered.push(value);
    });
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) =>
      log(`[${name}] ${line}`),
    );
    child.on('exit', (code, signal) => {
      this.exited = new Error(`${CLIENT_LABEL[name]} worker exited (${signal ?? `code ${code}`})`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
  }

  next<T>(timeoutMs: number): Promise<T> {
    if (this.buffered.length > 0) return Promise.resolve(this.buffered.shift() as T);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${CLIENT_LABEL[this.name]} worker did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting.push({
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  send(cmd: WorkerCommand): void {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
  }

  async quit(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((done) => this.child.once('exit', () => done()));
    this.send({ cmd: 'quit' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

function spawnNodeWorker(
  name: ClientName,
  host: string,
  port: number,
  maxInflight: number,
  cpuProfDir: string | null,
  oursVersions: string | undefined,
): Worker {
  const args = [
    '--import',
    'tsx',
    join(here, 'worker.ts'),
    '--client',
    name,
    '--host',
    host,
    '--port',
    String(port),
    '--max-inflight',
    String(maxInflight),
  ];
  if (name === 'ours' && oursVersions) args.push('--versions', oursVersions);
  if (cpuProfDir && name !== 'aiokafka') args.push('--cpu-prof-dir', cpuProfDir);
  return new Worker(name, spawn(process.execPath, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] }));
}

function spawnPythonPeer(host: string, port: number): Worker {
  const script = join(here, 'peers', 'aiokafka_peer.py');
  return new Worker(
    'aiokafka',
    spawn(venvPython, [script, '--host', host, '--port', String(port), '--serve'], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
}

// ---------------------------------------------------------------- environment

/** Creates bench/.venv and installs the pinned aiokafka when it is missing or different. */
function ensureVenv(): string {
  const pin = readFileSync(requirements, 'utf8').match(/^aiokafka==(\S+)/m)?.[1];
  if (!pin) throw new Error(`${requirements} must pin aiokafka==<version>`);
  const installed = (): string | null => {
    if (!existsSync(venvPython)) return null;
    const r = spawnSync(venvPython, ['-c', 'import importlib.metadata as m; print(m.version("aiokafka"))'], {
      encoding: 'utf8',
    });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  if (installed() === pin) return pin;
  log(`Setting up ${venvDir} with aiokafka==${pin} ...`);
  if (!existsSync(venvPython)) {
    const r = spawnSync('python3', ['-m', 'venv', venvDir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('python3 -m venv bench/.venv failed');
  }
  const r = spawnSync(
    venvPython,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
    { stdio: 'inherit' },
  );
  if (r.status !== 0 || installed() !== pin) throw new Error(`pip install -r ${requirements} failed`);
  return pin;
}

async function assertLoopback(host: string): Promise<void> {
  const addresses = await lookup(host, { all: true });
  const loopback = (a: string): boolean => a === '::1' || a.startsWith('127.') || a === '::ffff:127.0.0.1';
  if (addresses.length === 0 || !addresses.every((a) => loopback(a.address))) {
    throw new Error(
      `The broker listener ${host} is not a loopback address (${addresses.map((a) => a.address).join(', ')}): refusing to run`,
    );
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = netConnect({ host, port });
    const end = (ok: boolean): void => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(2000, () => end(false));
    socket.once('connect', () => end(true));
    socket.once('error', () => end(false));
  });
}

/** The running test broker's info, once its PLAINTEXT listener accepts connections (the broker may be restarting). */
async function waitForBroker(timeoutMs: number): Promise<BrokerInfo> {
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    let problem: string;
    try {
      const info = readBrokerInfo();
      const l = info.listeners.PLAINTEXT;
      if (await canConnect(l.host, l.port)) return info;
      problem = `nothing accepts connections on ${l.bootstrap}`;
    } catch (err) {
      problem = (err as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`No test broker: ${problem}. Start one with \`npm run broker:start\`.`);
    if (!said) log(`Waiting for the test broker (${problem}) ...`);
    said = true;
    await sleep(1000);
  }
}

const fmt = (n: number | null, digits = 3): string => (n === null ? '—' : n.toFixed(digits));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Per metric, the median over rounds; counts, time, CPU and errors are summed. */
function medianOf(rs: CellResult[]): CellResult {
  const good = rs.filter((r) => r.count > 0);
  const m = (pick: (r: CellResult) => number | null): number | null => {
    const xs = good.map(pick).filter((v): v is number => v !== null);
    return xs.length > 0 ? median(xs) : null;
  };
  const first = rs[0]!;
  return {
    client: first.client,
    api: first.api,
    inflight: first.inflight,
    count: rs.reduce((a, r) => a + r.count, 0),
    elapsedMs: rs.reduce((a, r) => a + r.elapsedMs, 0),
    rps: m((r) => r.rps) ?? 0,
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    cpuMs: rs.reduce((a, r) => a + r.cpuMs, 0),
    cpuUsPerRt: m((r) => r.cpuUsPerRt),
    errors: rs.reduce((a, r) => a + r.errors, 0),
    firstError: rs.find((r) => r.firstError)?.firstError ?? null,
  };
}

function list(value: string, allowed: readonly string[], what: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!allowed.includes(i)) throw new Error(`unknown ${what} "${i}" (expected ${allowed.join(', ')})`);
  return items;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '0.6' },
      warmup: { type: 'string', default: '0.2' },
      rounds: { type: 'string', default: '5' },
      inflight: { type: 'string', default: '1,16,256' },
      api: { type: 'string', default: APIS.join(',') },
      clients: { type: 'string', default: CLIENTS.join(',') },
      'cpu-prof': { type: 'string' },
      json: { type: 'string' },
      'broker-warmup': { type: 'string', default: '2' },
      'broker-wait': { type: 'string', default: '60' },
      'ours-versions': { type: 'string' },
    },
  });
  const durationMs = Math.round(Number(values.duration) * 1000);
  const warmupMs = Math.round(Number(values.warmup) * 1000);
  const roundCount = Math.max(1, Math.floor(Number(values.rounds)));
  const brokerWarmupMs = Math.round(Number(values['broker-warmup']) * 1000);
  const inflights = values.inflight.split(',').map(Number);
  if (inflights.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--inflight takes positive integers');
  const apis = list(values.api, APIS, 'API') as Api[];
  const clients = list(values.clients, CLIENTS, 'client') as ClientName[];
  if (!clients.includes('ours')) clients.unshift('ours');
  const maxInflight = Math.max(...inflights);
  const cpuProfDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });

  const info = await waitForBroker(Number(values['broker-wait']) * 1000);
  const listener = info.listeners.PLAINTEXT;
  await assertLoopback(listener.host);
  const aiokafkaPin = clients.includes('aiokafka') ? ensureVenv() : null;

  const cellCount = apis.length * inflights.length;
  const estimate =
    (brokerWarmupMs + roundCount * cellCount * clients.length * (warmupMs + durationMs)) / 1000;
  log(
    `Kafka ${info.version} at ${listener.bootstrap} (PLAINTEXT); ${roundCount} rounds × ${cellCount} cells × ${clients.length} clients, ~${Math.ceil(estimate)} s`,
  );

  const workers = new Map<ClientName, Worker>();
  for (const c of clients)
    workers.set(
      c,
      c === 'aiokafka'
        ? spawnPythonPeer(listener.host, listener.port)
        : spawnNodeWorker(c, listener.host, listener.port, maxInflight, cpuProfDir, values['ours-versions']),
    );
  const readies: Partial<Record<ClientName, ReadyInfo>> = {};
  try {
    for (const [c, w] of workers) {
      readies[c] = await w.next<ReadyInfo>(60_000);
      const r = readies[c]!;
      log(
        `  ${CLIENT_LABEL[c]} ${r.version} (${r.runtime}) connected; Metadata v${r.apiVersions.metadata}, ApiVersions v${r.apiVersions.apiversions}`,
      );
    }

    const run = async (
      c: ClientName,
      api: Api,
      inflight: number,
      wMs: number,
      dMs: number,
    ): Promise<CellResult> => {
      const w = workers.get(c)!;
      w.send({ cmd: 'run', api, inflight, warmupMs: wMs, durationMs: dMs });
      return w.next<CellResult>(wMs + dMs + 60_000);
    };

    if (brokerWarmupMs > 0) {
      // The broker's JIT is cold after a start: warm its request path before the first measured cell.
      for (const api of apis) await run('ours', api, 16, 0, brokerWarmupMs / apis.length);
    }

    // Rounds: every cell once per round, clients in turn (rotated), then the median per metric.
    // Short bursts of other load on the machine then hit one round of one client, not the result.
    const cells: Cell[] = [];
    for (const api of apis) for (const inflight of inflights) cells.push({ api, inflight, results: {} });
    const rounds = new Map<Cell, Partial<Record<ClientName, CellResult[]>>>(cells.map((c) => [c, {}]));
    const load: number[] = [loadavg()[0]!];
    for (let round = 0; round < roundCount; round++) {
      for (const [index, cell] of cells.entries()) {
        const order = clients.map((_, i) => clients[(i + index + round) % clients.length]!);
        for (const c of order) {
          const r = await run(c, cell.api, cell.inflight, warmupMs, durationMs);
          (rounds.get(cell)![c] ??= []).push(r);
          const err = r.errors > 0 ? `  ${r.errors} errors, first: ${r.firstError}` : '';
          log(
            `  [${round + 1}/${roundCount}] ${API_LABEL[cell.api].padEnd(11)} ×${String(cell.inflight).padEnd(3)} ${CLIENT_LABEL[c].padEnd(19)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${fmt(r.p50Ms)} ms  p99 ${fmt(r.p99Ms)} ms  ${fmt(r.cpuUsPerRt, 1)} µs CPU/RT${err}`,
          );
        }
      }
      load.push(loadavg()[0]!);
    }
    for (const cell of cells) {
      cell.rounds = rounds.get(cell)!;
      for (const [c, rs] of Object.entries(cell.rounds)) cell.results[c as ClientName] = medianOf(rs);
    }

    const machine = {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.versions.node,
      kafka: info.version,
      listener: listener.bootstrap,
      durationMs,
      warmupMs,
      rounds: roundCount,
      loadavg1m: load,
      peers: Object.fromEntries(
        Object.entries(readies).map(([c, r]) => [
          c,
          { version: r.version, runtime: r.runtime, apiVersions: r.apiVersions },
        ]),
      ),
      aiokafkaPin,
    };
    const text = textReport(cells, clients, readies);
    const md = markdownReport(cells, clients, readies);
    console.log('');
    console.log(
      `Machine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}; Kafka ${machine.kafka} on ${machine.listener}; ` +
        `${roundCount} rounds × ${durationMs / 1000} s measured after ${warmupMs / 1000} s warm-up per cell and client (medians; spread = (max − min) / 2 / median of req/s over rounds); ` +
        `1-min load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
    );
    if (Math.max(...load) > machine.nproc / 2) {
      console.log(
        `  WARNING: other load on this ${machine.nproc}-CPU machine during the run (load average up to ${Math.max(...load).toFixed(1)}): numbers are noisy.`,
      );
    }
    for (const c of clients) {
      const r = readies[c]!;
      console.log(
        `  ${CLIENT_LABEL[c]} ${r.version} — ${r.runtime} — Metadata v${r.apiVersions.metadata}, ApiVersions v${r.apiVersions.apiversions}`,
      );
    }
    console.log('');
    console.log(text);
    console.log('\nMarkdown (for docs/benchmarks.md):\n');
    console.log(md);

    const jsonPath = values.json
      ? resolve(values.json)
      : join(tmpdir(), `brokerscope-bench-core-${Date.now()}.json`);
    writeFileSync(jsonPath, `${JSON.stringify({ machine, readies, cells }, null, 2)}\n`);
    log(`\nRaw results: ${jsonPath}`);
  } finally {
    await Promise.all([...workers.values()].map((w) => w.quit()));
    if (cpuProfDir)
      log(
        `CPU profiles of each measured window: ${cpuProfDir} (summarise: npx tsx bench/core/prof-summary.ts <file>)`,
      );
  }
}

main().catch((err: unknown) => {
  log(`bench:core failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
