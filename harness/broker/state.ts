// Per-instance persistent state (state.json): everything that must stay stable across
// restarts of the same broker: cluster id, ports, user passwords.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONTROLLER_LISTENER, LISTENERS } from './listeners';
import type { InstancePaths } from './paths';
import { freePorts, isPortFree } from './ports';

export interface Credentials {
  username: string;
  password: string;
}

export interface Users {
  plain: Credentials;
  scramSha256: Credentials;
  scramSha512: Credentials;
}

export interface NodeState {
  nodeId: number;
  /** Listener name (client listeners and CONTROLLER) -> loopback port. */
  ports: Record<string, number>;
}

export interface InstanceState {
  schema: 1;
  version: string;
  clusterId: string;
  nodes: NodeState[];
  users: Users;
  /** Password of the client PKCS#12 file. */
  p12Password: string;
}

const secret = (): string => randomBytes(12).toString('hex');

/** A Kafka Uuid string: 16 random bytes, base64url; Kafka avoids ones starting with '-'. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function readState(paths: InstancePaths): InstanceState | undefined {
  if (!existsSync(paths.statePath)) return undefined;
  return JSON.parse(readFileSync(paths.statePath, 'utf8')) as InstanceState;
}

export function writeState(paths: InstancePaths, state: InstanceState): void {
  mkdirSync(dirname(paths.statePath), { recursive: true });
  writeFileSync(paths.statePath, `${JSON.stringify(state, null, 2)}\n`);
}

export function listenerNamesWithPorts(): string[] {
  return [...LISTENERS.map((l) => l.name), CONTROLLER_LISTENER];
}

/**
 * Loads or creates the state, making sure each node has a usable port for every listener.
 * `brokerRunning`: when true, existing ports are trusted (they're ours) and never re-picked.
 */
export async function loadOrCreateState(
  paths: InstancePaths,
  version: string,
  brokerRunning: boolean,
): Promise<InstanceState> {
  const state: InstanceState = readState(paths) ?? {
    schema: 1,
    version,
    clusterId: newClusterId(),
    nodes: [{ nodeId: 1, ports: {} }],
    users: {
      plain: { username: 'plain-user', password: secret() },
      scramSha256: { username: 'scram256-user', password: secret() },
      scramSha512: { username: 'scram512-user', password: secret() },
    },
    p12Password: secret(),
  };
  const used = new Set(state.nodes.flatMap((n) => Object.values(n.ports)));
  for (const node of state.nodes) {
    for (const name of listenerNamesWithPorts()) {
      const port = node.ports[name];
      if (port !== undefined && (brokerRunning || (await isPortFree(port)))) continue;
      const [fresh] = await freePorts(1, used);
      if (fresh === undefined) throw new Error('no free port');
      node.ports[name] = fresh;
      used.add(fresh);
    }
  }
  writeState(paths, state);
  return state;
}
