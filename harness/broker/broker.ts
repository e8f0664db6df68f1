// Start / stop one test broker instance (today: a single KRaft broker+controller per Kafka
// version). Used by the CLI and, in-process, by the vitest global setup.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { certPaths, ensureCerts } from './certs';
import { logConfig, serverProperties } from './config';
import type { BrokerInfo } from './info';
import { buildInfo, removeInfo, writeInfo } from './info-write';
import { kafkaFlavor, type KafkaFlavor } from './kafka-version';
import { LISTENERS } from './listeners';
import { withLock } from './lock';
import {
  cacheRoot,
  DEFAULT_KAFKA_VERSION,
  instancePaths,
  nodePaths,
  type InstancePaths,
  type NodePaths,
} from './paths';
import { HOST } from './ports';
import { brokerJvmOptions, isOurProcess, readPid, removeFile, spawnDetached, stopProcess } from './process';
import { resolveClasspath } from './resolve-jars';
import { loadOrCreateState, readState, type InstanceState, type NodeState } from './state';
import { ensureFormatted } from './storage';
import { checkJava, HarnessError } from './tools';
import { allAccept, logSaysStarted, sleep, tailLines } from './wait';

export interface StartOptions {
  /** Kafka version (default DEFAULT_KAFKA_VERSION). */
  version?: string;
  /** Progress messages (default: silent). */
  log?: (msg: string) => void;
  /** How long to wait for the broker to become ready (default 90 s). */
  timeoutMs?: number;
}

export interface StartResult {
  info: BrokerInfo;
  infoPath: string;
  alreadyRunning: boolean;
  elapsedMs: number;
  /** Maven ran (jars weren't cached). */
  resolvedJars: boolean;
  /** Storage was formatted (fresh data dir). */
  formatted: boolean;
}

const NODE_ID = 1;

interface Ctx {
  version: string;
  flavor: KafkaFlavor;
  paths: InstancePaths;
  np: NodePaths;
  log: (msg: string) => void;
  timeoutMs: number;
}

function nodeState(state: InstanceState): NodeState {
  const node = state.nodes.find((n) => n.nodeId === NODE_ID);
  if (!node) throw new Error(`state has no node ${NODE_ID}`);
  return node;
}

const allPorts = (state: InstanceState): number[] => Object.values(nodeState(state).ports);

function failWithLog(message: string, logPath: string): never {
  const tail = tailLines(logPath, 40).join('\n');
  throw new HarnessError(`${message}\n--- last 40 lines of ${logPath} ---\n${tail}\n---`);
}

export async function startBroker(opts: StartOptions = {}): Promise<StartResult> {
  const t0 = Date.now();
  const version = opts.version ?? DEFAULT_KAFKA_VERSION;
  const paths = instancePaths(version);
  const ctx: Ctx = {
    version,
    flavor: kafkaFlavor(version),
    paths,
    np: nodePaths(paths, NODE_ID),
    log: opts.log ?? ((): void => {}),
    timeoutMs: opts.timeoutMs ?? 90_000,
  };
  const isNew = !existsSync(paths.dir);
  mkdirSync(paths.dir, { recursive: true });
  try {
    const r = await withLock(paths.lockPath, async () => (await attachToRunning(ctx)) ?? (await launch(ctx)));
    return { ...r, elapsedMs: Date.now() - t0 };
  } catch (e) {
    // Don't leave an empty instance dir behind for a version that never got going.
    if (isNew && !existsSync(paths.statePath)) rmSync(paths.dir, { recursive: true, force: true });
    throw e;
  }
}

/** If this instance's broker is already running: wait until it accepts, return its info. */
async function attachToRunning({ version, paths, np, timeoutMs }: Ctx): Promise<StartResult | undefined> {
  const pid = readPid(np.pidPath);
  const state = readState(paths);
  if (!state || !isOurProcess(pid, np.configPath)) return undefined;
  const deadline = Date.now() + timeoutMs;
  while (!(await allAccept(HOST, allPorts(state)))) {
    if (!isOurProcess(pid, np.configPath)) failWithLog(`Broker pid ${pid} exited`, np.logPath);
    if (Date.now() > deadline)
      failWithLog(`Broker pid ${pid} runs but doesn't accept on all its ports; try broker:stop`, np.logPath);
    await sleep(200);
  }
  const info = existsSync(paths.infoPath)
    ? (JSON.parse(readFileSync(paths.infoPath, 'utf8')) as BrokerInfo)
    : buildInfo({
        version,
        paths,
        np,
        state,
        node: nodeState(state),
        certs: certPaths(paths.certsDir), // the running broker's: never regenerate here
        pid,
        startedAt: statSync(np.pidPath).mtime.toISOString(),
      });
  writeInfo(info);
  return {
    info,
    infoPath: paths.infoPath,
    alreadyRunning: true,
    elapsedMs: 0,
    resolvedJars: false,
    formatted: false,
  };
}

async function launch({ version, flavor, paths, np, log, timeoutMs }: Ctx): Promise<StartResult> {
  checkJava(flavor.major >= 4 ? 17 : 11);
  const cp = resolveClasspath(version, log);
  const classpath = cp.jars.join(delimiter);
  if (!readState(paths)) {
    // A new instance: nothing left over (certs, data) may belong to a previous state.
    rmSync(paths.certsDir, { recursive: true, force: true });
    rmSync(np.dir, { recursive: true, force: true });
  }
  const state = await loadOrCreateState(paths, version, false);
  const node = nodeState(state);
  const certs = ensureCerts(paths.certsDir, state.p12Password);
  mkdirSync(np.dir, { recursive: true });
  const logCfg = logConfig(flavor, np.dir);
  writeFileSync(logCfg.path, logCfg.text);
  writeFileSync(
    np.configPath,
    serverProperties({ flavor, state, node, listeners: LISTENERS, paths: np, certs }),
  );
  const formatted = ensureFormatted(flavor, state, np, classpath, logCfg.jvmFlag);
  if (formatted) log(`formatted ${np.dataDir} (cluster ${state.clusterId})`);

  const child = spawnDetached({
    jvmArgs: [...brokerJvmOptions(), logCfg.jvmFlag, `-Dkafka.logs.dir=${np.dir}`],
    classpath,
    mainClass: 'kafka.Kafka',
    args: [np.configPath],
    logPath: np.logPath,
    pidPath: np.pidPath,
    cwd: np.dir,
  });
  const startedAt = new Date().toISOString();
  log(`started Kafka ${version} (pid ${child.pid}), waiting for its listeners...`);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = child.exited();
    if (exit || !isOurProcess(child.pid, np.configPath)) {
      removeFile(np.pidPath);
      failWithLog(
        `Kafka ${version} broker died during start (exit ${exit?.code ?? exit?.signal ?? '?'})`,
        np.logPath,
      );
    }
    if (logSaysStarted(np.logPath) && (await allAccept(HOST, allPorts(state)))) break;
    if (Date.now() > deadline) {
      await stopProcess(child.pid, np.configPath, 5_000);
      removeFile(np.pidPath);
      failWithLog(`Kafka ${version} broker not ready after ${timeoutMs / 1000}s; stopped it`, np.logPath);
    }
    await sleep(100);
  }
  const info = buildInfo({ version, paths, np, state, node, certs, pid: child.pid, startedAt });
  writeInfo(info);
  return {
    info,
    infoPath: paths.infoPath,
    alreadyRunning: false,
    elapsedMs: 0,
    resolvedJars: cp.resolvedNow,
    formatted,
  };
}

export interface StopResult {
  version: string;
  outcome: 'not-running' | 'terminated' | 'killed';
}

/** SIGTERM the version's broker, SIGKILL after 20 s; removes its pid file and info JSON. */
export async function stopBroker(version: string = DEFAULT_KAFKA_VERSION): Promise<StopResult> {
  kafkaFlavor(version);
  const paths = instancePaths(version);
  const np = nodePaths(paths, NODE_ID);
  const pid = readPid(np.pidPath);
  const outcome = pid === undefined ? 'not-running' : await stopProcess(pid, np.configPath);
  removeFile(np.pidPath);
  removeInfo(paths, version);
  return { version, outcome };
}

/** Versions that have an instance under .cache/broker. */
export function knownVersions(): string[] {
  if (!existsSync(cacheRoot)) return [];
  return readdirSync(cacheRoot)
    .filter((d) => d.startsWith('kafka-') && existsSync(join(cacheRoot, d, 'state.json')))
    .map((d) => d.slice('kafka-'.length));
}

export async function stopAll(): Promise<StopResult[]> {
  const results: StopResult[] = [];
  for (const v of knownVersions()) results.push(await stopBroker(v));
  return results;
}

export function brokerLogPath(version: string = DEFAULT_KAFKA_VERSION): string {
  kafkaFlavor(version);
  return nodePaths(instancePaths(version), NODE_ID).logPath;
}
