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

/** One broker "instance" (today: one single-node broker per Kafka version). */
export interface InstancePaths {
  /** Instance id, e.g. `kafka-4.1.1`; later `kafka-4.1.1-cluster3`. */
  id: string;
  dir: string;
  statePath: string;
  infoPath: string;
  certsDir: string;
  lockPath: string;
}

export function instancePaths(version: string): InstancePaths {
  const id = `kafka-${version}`;
  const dir = join(cacheRoot, id);
  return {
    id,
    dir,
    statePath: join(dir, 'state.json'),
    infoPath: join(dir, 'broker.json'),
    certsDir: join(dir, 'certs'),
    lockPath: join(dir, 'start.lock'),
  };
}

/** Files of one broker node inside an instance (cluster mode will have several). */
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
