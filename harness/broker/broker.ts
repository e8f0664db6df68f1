// Start / stop the single test broker of a Kafka version (one KRaft broker+controller node)
// with its side services: the OIDC server (SASL_OIDC) and, where installed, the Kerberos KDC
// (SASL_GSSAPI). Used by the CLI and, in-process, by the vitest global setup. The N-node
// cluster is cluster.ts.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { delimiter } from 'node:path';
import { aclInfo, applyAcls } from './acls';
import { certPaths, ensureCerts } from './certs';
import { serverProperties, SUPER_USERS, systemProperties, type NodeConfigInput } from './config';
import type { BrokerInfo } from './info';
import { buildInfo, removeInfo, writeInfo } from './info-write';
import { singleBrokerKind, usesKerberos, usesOidc, type InstanceKind } from './instance-kind';
import { kafkaFlavor, type KafkaFlavor } from './kafka-version';
import { ensureKdc, kdcPid, kerberosInfo, kerberosServerRef, kerberosWanted, stopKdc } from './kerberos';
import { withLock } from './lock';
import {
  configIsCurrent,
  runningNodePid,
  spawnNode,
  stopNode,
  waitNodeReady,
  waitRunningNode,
  writeNodeFiles,
} from './node';
import { ensureOidcServer, oidcEndpoints, oidcInfo, oidcPid, stopOidcServer, OIDC_AUDIENCE } from './oidc';
import { DEFAULT_KAFKA_VERSION, instancePaths, nodePaths, type InstancePaths, type NodePaths } from './paths';
import { brokerJvmOptions } from './process';
import { resolveClasspath } from './resolve-jars';
import {
  listeningPorts,
  loadOrCreateState,
  nodePortNames,
  readState,
  servicePortNames,
  type InstanceState,
  type NodeState,
} from './state';
import { ensureFormatted } from './storage';
import { checkJava } from './tools';

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
const AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';

interface Ctx {
  version: string;
  flavor: KafkaFlavor;
  kind: InstanceKind;
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

/** Config input from the state alone (nothing generated or started here). */
function configInput(ctx: Ctx, state: InstanceState): NodeConfigInput {
  const { flavor, kind, paths, np } = ctx;
  return {
    flavor,
    state,
    node: nodeState(state),
    kind,
    paths: np,
    certs: certPaths(paths.certsDir),
    oidc: usesOidc(kind) ? { ...oidcEndpoints(state), audience: OIDC_AUDIENCE } : undefined,
    kerberos: usesKerberos(kind) ? kerberosServerRef(paths) : undefined,
  };
}

export async function startBroker(opts: StartOptions = {}): Promise<StartResult> {
  const t0 = Date.now();
  const version = opts.version ?? DEFAULT_KAFKA_VERSION;
  const paths = instancePaths(version);
  const ctx: Ctx = {
    version,
    flavor: kafkaFlavor(version),
    kind: singleBrokerKind(kerberosWanted()),
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

/**
 * If this instance's broker is already running with the config this harness would write:
 * make sure its side services run, wait until everything accepts, return its info. A broker
 * started by an older harness (other listeners or settings) is stopped and relaunched.
 */
async function attachToRunning(ctx: Ctx): Promise<StartResult | undefined> {
  const { paths, np, kind, log, timeoutMs } = ctx;
  const pid = runningNodePid(np);
  const state = readState(paths);
  if (!state || pid === undefined) return undefined;
  const node = nodeState(state);
  const allocated =
    nodePortNames(kind).every((n) => node.ports[n] !== undefined) &&
    servicePortNames(kind).every((n) => state.servicePorts[n] !== undefined);
  if (!allocated || !configIsCurrent(np, serverProperties(configInput(ctx, state)))) {
    log(`Kafka ${ctx.version} (pid ${pid}) runs with an outdated config: restarting it`);
    await stopNode(np);
    return undefined;
  }
  const services = await startServices(ctx, state);
  await waitRunningNode(np, pid, listeningPorts(kind, node), timeoutMs);
  const info = infoFor(ctx, state, pid, statSync(np.pidPath).mtime.toISOString(), services);
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

interface ServicePids {
  oidc?: number;
  kdc?: number;
}

/** OIDC server and KDC (each only if the instance uses it), started unless already running. */
async function startServices(ctx: Ctx, state: InstanceState): Promise<ServicePids> {
  const { kind, paths, log } = ctx;
  const [oidc, kdc] = await Promise.all([
    usesOidc(kind) ? ensureOidcServer(paths, state, log) : undefined,
    usesKerberos(kind) ? ensureKdc(paths, state, log) : undefined,
  ]);
  return { oidc, kdc };
}

function infoFor(
  ctx: Ctx,
  state: InstanceState,
  pid: number,
  startedAt: string,
  services: ServicePids,
): BrokerInfo {
  const { version, paths, np, kind } = ctx;
  if (services.oidc === undefined) throw new Error('the single broker always has an OIDC server');
  return buildInfo({
    version,
    paths,
    np,
    state,
    node: nodeState(state),
    kind,
    certs: certPaths(paths.certsDir),
    pid,
    startedAt,
    oidc: oidcInfo(paths, state, services.oidc),
    acl: aclInfo(state.users, SUPER_USERS, AUTHORIZER),
    kerberos:
      services.kdc === undefined
        ? undefined
        : kerberosInfo(paths, state, services.kdc, nodeState(state).ports.SASL_GSSAPI ?? 0),
  });
}

async function launch(ctx: Ctx): Promise<StartResult> {
  const { version, flavor, kind, paths, np, log, timeoutMs } = ctx;
  checkJava(flavor.major >= 4 ? 17 : 11);
  const cp = resolveClasspath(version, log);
  const classpath = cp.jars.join(delimiter);
  if (!readState(paths)) {
    // A new instance: nothing left over (certs, data) may belong to a previous state.
    rmSync(paths.certsDir, { recursive: true, force: true });
    rmSync(np.dir, { recursive: true, force: true });
  }
  // Side services left running without their broker: stop them so their ports count as ours.
  await Promise.all([stopOidcServer(paths), stopKdc(paths)]);
  const state = await loadOrCreateState(paths, version, kind, false);
  const node = nodeState(state);
  ensureCerts(paths.certsDir, state.p12Password);
  const input = configInput(ctx, state);
  const logCfg = writeNodeFiles(np, flavor, serverProperties(input));
  const [formatted, services] = await Promise.all([
    ensureFormatted(flavor, state, np, classpath, logCfg.jvmFlag),
    startServices(ctx, state),
  ]);
  if (formatted) log(`formatted ${np.dataDir} (cluster ${state.clusterId})`);

  const run = {
    label: `Kafka ${version} broker`,
    flavor,
    classpath,
    np,
    jvmArgs: [...brokerJvmOptions(kind.heap), ...systemProperties(input)],
    ports: listeningPorts(kind, node),
    timeoutMs,
  };
  const child = spawnNode(run, logCfg);
  const startedAt = new Date().toISOString();
  log(`started Kafka ${version} (pid ${child.pid}), waiting for its listeners...`);
  await waitNodeReady(run, child);
  if (kind.authorizer) {
    const plaintext = node.ports.PLAINTEXT;
    if (plaintext === undefined) throw new Error('no PLAINTEXT port');
    await applyAcls(plaintext, state.users);
  }
  const info = infoFor(ctx, state, child.pid, startedAt, services);
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
  /** Instance id, e.g. "kafka-4.1.1" or "kafka-4.1.1-cluster3". */
  instance: string;
  version: string;
  outcome: 'not-running' | 'terminated' | 'killed';
}

/** SIGTERM the version's broker (SIGKILL after 20 s), then its OIDC server and KDC; removes its info JSON. */
export async function stopBroker(version: string = DEFAULT_KAFKA_VERSION): Promise<StopResult> {
  kafkaFlavor(version);
  const paths = instancePaths(version);
  const outcome = await stopNode(nodePaths(paths, NODE_ID));
  await Promise.all([stopOidcServer(paths), stopKdc(paths)]);
  removeInfo(paths, version);
  return { instance: paths.id, version, outcome };
}

export function brokerLogPath(version: string = DEFAULT_KAFKA_VERSION): string {
  kafkaFlavor(version);
  return nodePaths(instancePaths(version), NODE_ID).logPath;
}

/** Whether the side services of a running broker are up (for diagnostics). */
export function servicePids(version: string = DEFAULT_KAFKA_VERSION): ServicePids {
  const paths = instancePaths(version);
  return { oidc: oidcPid(paths), kdc: kdcPid(paths) };
}
