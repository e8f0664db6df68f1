// One KRaft node's JVM: write its config files, spawn it detached, wait until it's ready
// (log says "Kafka Server started" and every listener accepts). Shared by the single broker
// (broker.ts) and the cluster (cluster.ts).
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { logConfig, type LogConfig } from './config';
import type { KafkaFlavor } from './kafka-version';
import type { NodePaths } from './paths';
import { HOST } from './ports';
import { isOurProcess, readPid, removeFile, spawnDetached, stopProcess, type SpawnedBroker } from './process';
import { HarnessError } from './tools';
import { allAccept, logSaysStarted, sleep, tailLines } from './wait';

export interface NodeRun {
  /** For messages, e.g. "Kafka 4.1.1" or "Kafka 4.1.1 node 2". */
  label: string;
  flavor: KafkaFlavor;
  classpath: string;
  np: NodePaths;
  /** Tuning flags and -D system properties (the log config flag is added here). */
  jvmArgs: string[];
  /** Ports the node must accept on once ready. */
  ports: number[];
  timeoutMs: number;
}

export function failWithLog(message: string, logPath: string): never {
  const tail = tailLines(logPath, 40).join('\n');
  throw new HarnessError(`${message}\n--- last 40 lines of ${logPath} ---\n${tail}\n---`);
}

/** Writes server.properties (if changed) and the logging config; returns the latter. */
export function writeNodeFiles(np: NodePaths, flavor: KafkaFlavor, serverProperties: string): LogConfig {
  mkdirSync(np.dir, { recursive: true });
  const logCfg = logConfig(flavor, np.dir);
  writeFileSync(logCfg.path, logCfg.text);
  writeFileSync(np.configPath, serverProperties);
  return logCfg;
}

/** Whether the node's server.properties on disk is exactly `wanted` (else a restart is due). */
export function configIsCurrent(np: NodePaths, wanted: string): boolean {
  return existsSync(np.configPath) && readFileSync(np.configPath, 'utf8') === wanted;
}

export function spawnNode(run: NodeRun, logCfg: LogConfig): SpawnedBroker {
  const { np } = run;
  return spawnDetached({
    jvmArgs: [...run.jvmArgs, logCfg.jvmFlag, `-Dkafka.logs.dir=${np.dir}`],
    classpath: run.classpath,
    mainClass: 'kafka.Kafka',
    args: [np.configPath],
    logPath: np.logPath,
    pidPath: np.pidPath,
    cwd: np.dir,
  });
}

/** Waits for a freshly spawned node; on death or timeout stops it and throws with its log tail. */
export async function waitNodeReady(run: NodeRun, child: SpawnedBroker): Promise<void> {
  const { np, label, timeoutMs } = run;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = child.exited();
    if (exit || !isOurProcess(child.pid, np.configPath)) {
      removeFile(np.pidPath);
      failWithLog(`${label} died during start (exit ${exit?.code ?? exit?.signal ?? '?'})`, np.logPath);
    }
    if (logSaysStarted(np.logPath) && (await allAccept(HOST, run.ports))) return;
    if (Date.now() > deadline) {
      await stopProcess(child.pid, np.configPath, 5_000);
      removeFile(np.pidPath);
      failWithLog(`${label} not ready after ${timeoutMs / 1000}s; stopped it`, np.logPath);
    }
    await sleep(100);
  }
}

/** Pid of the node's JVM if it runs (and is ours). */
export function runningNodePid(np: NodePaths): number | undefined {
  const pid = readPid(np.pidPath);
  return isOurProcess(pid, np.configPath) ? pid : undefined;
}

/** Waits until a running node accepts on all its ports; throws if it exits or times out. */
export async function waitRunningNode(
  np: NodePaths,
  pid: number,
  ports: number[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await allAccept(HOST, ports))) {
    if (!isOurProcess(pid, np.configPath)) failWithLog(`Broker pid ${pid} exited`, np.logPath);
    if (Date.now() > deadline)
      failWithLog(`Broker pid ${pid} runs but doesn't accept on all its ports; try broker:stop`, np.logPath);
    await sleep(200);
  }
}

export async function stopNode(
  np: NodePaths,
  graceMs?: number,
): Promise<'not-running' | 'terminated' | 'killed'> {
  const pid = readPid(np.pidPath);
  const outcome = pid === undefined ? 'not-running' : await stopProcess(pid, np.configPath, graceMs);
  removeFile(np.pidPath);
  return outcome;
}
