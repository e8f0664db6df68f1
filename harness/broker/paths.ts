// Where the broker harness keeps its files. Everything lives under <repo>/.cache/broker
// (gitignored), computed from this file's location so the cwd never matters.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_KAFKA_VERSION = '4.1.1';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Root of all harness state; override with BROKERSCOPE_BROKER_CACHE (absolute path). */
export const cacheRoot = process.env.BROKERSCOPE_BROKER_CACHE ?? join(repoRoot, '.cache', 'broker');

/** Stable pointer: a copy of the default version's info JSON. */
export const defaultInfoPath = join(cacheRoot, 'broker.json');

/**
 * One broker "instance": the single-node broker of a Kafka version (`kafka-4.1.1`), or its
 * N-node cluster (`kafka-4.1.1-cluster3`). Each has its own state, ports and info JSON.
 */
export interface InstancePaths {
  /** Instance id, e.g. `kafka-4.1.1` or `kafka-4.1.1-cluster3`. */
  id: string;
  dir: string;
  statePath: string;
  infoPath: string;
  certsDir: string;
  lockPath: string;
  /** The harness OIDC server's key, config, pid and log. */
  oidcDir: string;
  /** The harness Kerberos KDC's database, configs, keytabs, pid and log. */
  kerberosDir: string;
}

/** `nodeCount` 1 is the single broker; more is the `--cluster N` instance. */
export function instanceId(version: string, nodeCount = 1): string {
  return nodeCount > 1 ? `kafka-${version}-cluster${nodeCount}` : `kafka-${version}`;
}

/** Inverse of instanceId (undefined for a directory that isn't an instance). */
export function parseInstanceId(id: string): { version: string; nodeCount: number } | undefined {
  const m = /^kafka-(\d+\.\d+\.\d+)(?:-cluster(\d+))?$/.exec(id);
  if (!m || m[1] === undefined) return undefined;
  return { version: m[1], nodeCount: m[2] === undefined ? 1 : Number(m[2]) };
}

export function instancePaths(version: string, nodeCount = 1): InstancePaths {
  const id = instanceId(version, nodeCount);
  const dir = join(cacheRoot, id);
  return {
    id,
    dir,
    statePath: join(dir, 'state.json'),
    infoPath: join(dir, 'broker.json'),
    certsDir: join(dir, 'certs'),
    lockPath: join(dir, 'start.lock'),
    oidcDir: join(dir, 'oidc'),
    kerberosDir: join(dir, 'kerberos'),
  };
}

/** Files of one broker node inside an instance (a cluster has several). */
export interface NodePaths {
  dir: string;
  dataDir: string;
  configPath: string;
  logPath: string;
  pidPath: string;
}

export function nodePaths(instance: InstancePaths, nodeId: number): NodePaths {
  const dir = join(instance.dir, `node-${nodeId}`);
  return {
    dir,
    dataDir: join(dir, 'data'),
    configPath: join(dir, 'server.properties'),
    logPath: join(dir, 'broker.log'),
    pidPath: join(dir, 'broker.pid'),
  };
}

/** Jar resolution cache (per Kafka version). */
export function jarsDir(version: string): string {
  return join(cacheRoot, 'jars', version);
}
