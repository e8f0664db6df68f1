// The `--cluster N` instance (default N = 3): N combined broker+controller KRaft nodes of one
// Kafka version on loopback (PLAINTEXT and SASL_PLAINTEXT each, replication factor N,
// min.insync.replicas N-1), in its own state dir `kafka-<v>-clusterN`. Single nodes can be
// stopped and started again on the same ports (stopClusterNode / startClusterNode) so tests
// can take a broker away mid-traffic; with 3 voters the quorum survives one node down.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter } from 'node:path';
import { serverProperties, systemProperties } from './config';
import type { ClusterInfo } from './info';
import { buildClusterInfo, removeInfo, writeClusterInfo, type ClusterNodeRuntime } from './info-write';
import { clusterKind, type InstanceKind } from './instance-kind';
import { kafkaFlavor, type KafkaFlavor } from './kafka-version';
import { withLock } from './lock';
import {
  configIsCurrent,
  runningNodePid,
  spawnNode,
  stopNode,
  waitNodeReady,
  waitRunningNode,
  writeNodeFiles,
  type NodeRun,
} from './node';
import { DEFAULT_KAFKA_VERSION, instancePaths, nodePaths, type InstancePaths } from './paths';
import { isPortFree } from './ports';
import { brokerJvmOptions } from './process';
import { resolveClasspath } from './resolve-jars';
import { listeningPorts, loadOrCreateState, readState, type InstanceState, type NodeState } from './state';
import { ensureFormatted } from './storage';
import { checkJava, HarnessError } from './tools';
import { waitForBrokers } from './cluster-metadata';

export const DEFAULT_CLUSTER_NODES = 3;

export interface ClusterOptions {
  /** Kafka version (default DEFAULT_KAFKA_VERSION). */
  version?: string;
  /** Number of nodes (default 3). */
  nodes?: number;
  log?: (msg: string) => void;
  /** How long to wait for the nodes to become ready (default 120 s). */
  timeoutMs?: number;
}

export interface ClusterStartResult {
  info: ClusterInfo;
  infoPath: string;
  /** Every node was already running. */
  alreadyRunning: boolean;
  /** Nodes this call launched. */
  launched: number[];
  elapsedMs: number;
  resolvedJars: boolean;
  formatted: boolean;
}

interface Ctx {
  version: string;
  flavor: KafkaFlavor;
  kind: InstanceKind;
  paths: InstancePaths;
  log: (msg: string) => void;
  timeoutMs: number;
}

function context(opts: ClusterOptions): Ctx {
  const version = opts.version ?? DEFAULT_KAFKA_VERSION;
  const kind = clusterKind(opts.nodes ?? DEFAULT_CLUSTER_NODES);
  return {
    version,
    flavor: kafkaFlavor(version),
    kind,
    paths: instancePaths(version, kind.nodeCount),
    log: opts.log ?? ((): void => {}),
    timeoutMs: opts.timeoutMs ?? 120_000,
  };
}

function nodeOf(state: InstanceState, nodeId: number): NodeState {
  const node = state.nodes.find((n) => n.nodeId === nodeId);
  if (!node)
    throw new HarnessError(
      `the cluster has no node ${nodeId} (nodes: ${state.nodes.map((n) => n.nodeId).join(', ')})`,
    );
  return node;
}

function configText(ctx: Ctx, state: InstanceState, node: NodeState): string {
  const np = nodePaths(ctx.paths, node.nodeId);
  return serverProperties({ flavor: ctx.flavor, state, node, kind: ctx.kind, paths: np });
}

function nodeRun(ctx: Ctx, classpath: string, state: InstanceState, node: NodeState): NodeRun {
  return {
    label: `Kafka ${ctx.version} cluster node ${node.nodeId}`,
    flavor: ctx.flavor,
    classpath,
    np: nodePaths(ctx.paths, node.nodeId),
    jvmArgs: [...brokerJvmOptions(ctx.kind.heap), ...systemProperties({})],
    ports: listeningPorts(ctx.kind, node),
    timeoutMs: ctx.timeoutMs,
  };
}

function runtimes(ctx: Ctx, state: InstanceState): Map<number, ClusterNodeRuntime> {
  const previous = existsSync(ctx.paths.infoPath)
    ? (JSON.parse(readFileSync(ctx.paths.infoPath, 'utf8')) as ClusterInfo)
    : undefined;
  return new Map(
    state.nodes.map((n) => {
      const np = nodePaths(ctx.paths, n.nodeId);
      const pid = runningNodePid(np);
      const lastPid = previous?.nodes.find((p) => p.nodeId === n.nodeId)?.pid ?? 0;
      return [n.nodeId, { np, pid: pid ?? lastPid, running: pid !== undefined }];
    }),
  );
}

function startedAt(ctx: Ctx, state: InstanceState): string {
  const times = state.nodes
    .map((n) => nodePaths(ctx.paths, n.nodeId).pidPath)
    .filter((p) => existsSync(p))
    .map((p) => statSync(p).mtimeMs);
  return new Date(times.length > 0 ? Math.min(...times) : Date.now()).toISOString();
}

function writeInfoFor(ctx: Ctx, state: InstanceState): ClusterInfo {
  const info = buildClusterInfo({
    version: ctx.version,
    paths: ctx.paths,
    state,
    kind: ctx.kind,
    startedAt: startedAt(ctx, state),
    nodes: runtimes(ctx, state),
  });
  writeClusterInfo(info);
  return info;
}

/** Starts the cluster (every node not already running with the current config); idempotent. */
export async function startCluster(opts: ClusterOptions = {}): Promise<ClusterStartResult> {
  const t0 = Date.now();
  const ctx = context(opts);
  const { version, flavor, kind, paths, log } = ctx;
  mkdirSync(paths.dir, { recursive: true });
  return withLock(paths.lockPath, async () => {
    const existing = readState(paths);
    const anyRunning =
      existing !== undefined &&
      existing.nodes.some((n) => runningNodePid(nodePaths(paths, n.nodeId)) !== undefined);
    const state = await loadOrCreateState(paths, version, kind, anyRunning);
    const toLaunch: NodeState[] = [];
    for (const node of state.nodes) {
      const np = nodePaths(paths, node.nodeId);
      const pid = runningNodePid(np);
      if (pid !== undefined && configIsCurrent(np, configText(ctx, state, node))) continue;
      if (pid !== undefined) {
        log(`node ${node.nodeId} (pid ${pid}) runs with an outdated config: restarting it`);
        await stopNode(np);
      }
      toLaunch.push(node);
    }
    let resolvedJars = false;
    let formatted = false;
    if (toLaunch.length > 0) {
      checkJava(flavor.major >= 4 ? 17 : 11);
      const cp = resolveClasspath(version, log);
      resolvedJars = cp.resolvedNow;
      const classpath = cp.jars.join(delimiter);
      const prepared = await Promise.all(
        toLaunch.map(async (node) => {
          const run = nodeRun(ctx, classpath, state, node);
          const logCfg = writeNodeFiles(run.np, flavor, configText(ctx, state, node));
          const didFormat = await ensureFormatted(flavor, state, run.np, classpath, logCfg.jvmFlag);
          return { run, logCfg, didFormat };
        }),
      );
      formatted = prepared.some((p) => p.didFormat);
      if (formatted)
        log(`formatted ${prepared.filter((p) => p.didFormat).length} node(s) (cluster ${state.clusterId})`);
      const children = prepared.map((p) => ({ run: p.run, child: spawnNode(p.run, p.logCfg) }));
      log(`started ${children.map((c) => `${c.run.label} (pid ${c.child.pid})`).join(', ')}; waiting...`);
      const results = await Promise.allSettled(children.map((c) => waitNodeReady(c.run, c.child)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await Promise.all(children.map((c) => stopNode(c.run.np, 5_000)));
        throw failed.reason;
      }
    }
    for (const node of state.nodes) {
      const np = nodePaths(paths, node.nodeId);
      const pid = runningNodePid(np);
      if (pid === undefined) throw new HarnessError(`cluster node ${node.nodeId} is not running`);
      await waitRunningNode(np, pid, listeningPorts(kind, node), ctx.timeoutMs);
    }
    await waitForBrokers(
      state.nodes.map((n) => n.ports.PLAINTEXT ?? 0),
      state.nodes.length,
      ctx.timeoutMs,
    );
    const info = writeInfoFor(ctx, state);
    return {
      info,
      infoPath: paths.infoPath,
      alreadyRunning: toLaunch.length === 0,
      launched: toLaunch.map((n) => n.nodeId),
      elapsedMs: Date.now() - t0,
      resolvedJars,
      formatted,
    };
  });
}

export interface ClusterStopResult {
  instance: string;
  version: string;
  outcome: 'not-running' | 'terminated' | 'killed';
}

/** Stops every node (all at once; SIGKILL after 20 s) and removes the info JSON. */
export async function stopCluster(opts: ClusterOptions = {}): Promise<ClusterStopResult> {
  const ctx = context(opts);
  const state = readState(ctx.paths);
  const ids = state ? state.nodes.map((n) => n.nodeId) : [];
  const outcomes = await Promise.all(ids.map((id) => stopNode(nodePaths(ctx.paths, id))));
  removeInfo(ctx.paths, ctx.version, false);
  const outcome = outcomes.includes('killed')
    ? 'killed'
    : outcomes.includes('terminated')
      ? 'terminated'
      : 'not-running';
  return { instance: ctx.paths.id, version: ctx.version, outcome };
}

export interface NodeOptions extends ClusterOptions {
  /** SIGKILL right away (a crash) instead of SIGTERM (controlled shutdown). */
  kill?: boolean;
}

function requireState(ctx: Ctx): InstanceState {
  const state = readState(ctx.paths);
  if (!state)
    throw new HarnessError(
      `no cluster ${ctx.paths.id}: start it with \`npm run broker:start -- --cluster ${ctx.kind.nodeCount}\``,
    );
  return state;
}

/** Stops one node of a running cluster; the others keep serving. Updates the info JSON. */
export async function stopClusterNode(
  nodeId: number,
  opts: NodeOptions = {},
): Promise<{ nodeId: number; outcome: 'not-running' | 'terminated' | 'killed'; elapsedMs: number }> {
  const t0 = Date.now();
  const ctx = context(opts);
  return withLock(ctx.paths.lockPath, async () => {
    const state = requireState(ctx);
    nodeOf(state, nodeId);
    const outcome = await stopNode(nodePaths(ctx.paths, nodeId), opts.kill ? 0 : undefined);
    writeInfoFor(ctx, state);
    return { nodeId, outcome, elapsedMs: Date.now() - t0 };
  });
}

/** Starts one stopped node again, on the same ports, and waits until it serves. */
export async function startClusterNode(
  nodeId: number,
  opts: NodeOptions = {},
): Promise<{ nodeId: number; pid: number; alreadyRunning: boolean; elapsedMs: number }> {
  const t0 = Date.now();
  const ctx = context(opts);
  return withLock(ctx.paths.lockPath, async () => {
    const state = requireState(ctx);
    const node = nodeOf(state, nodeId);
    const np = nodePaths(ctx.paths, nodeId);
    const running = runningNodePid(np);
    if (running !== undefined)
      return { nodeId, pid: running, alreadyRunning: true, elapsedMs: Date.now() - t0 };
    const ports = listeningPorts(ctx.kind, node);
    const taken: number[] = [];
    for (const p of ports) if (!(await isPortFree(p))) taken.push(p);
    if (taken.length > 0)
      throw new HarnessError(
        `node ${nodeId} can't come back: port(s) ${taken.join(', ')} taken by another process`,
      );
    const cp = resolveClasspath(ctx.version, ctx.log);
    const run = nodeRun(ctx, cp.jars.join(delimiter), state, node);
    const logCfg = writeNodeFiles(np, ctx.flavor, configText(ctx, state, node));
    await ensureFormatted(ctx.flavor, state, np, run.classpath, logCfg.jvmFlag);
    const child = spawnNode(run, logCfg);
    await waitNodeReady(run, child);
    writeInfoFor(ctx, state);
    return { nodeId, pid: child.pid, alreadyRunning: false, elapsedMs: Date.now() - t0 };
  });
}

export function clusterLogPath(nodeId: number, opts: ClusterOptions = {}): string {
  const ctx = context(opts);
  return nodePaths(ctx.paths, nodeId).logPath;
}
