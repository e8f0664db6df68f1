// Per-instance persistent state (state.json): everything that must stay stable across
// restarts of the same broker: cluster id, ports, user passwords, OIDC client secrets.
// Fields added after the first release are backfilled when an older state.json is loaded.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InstanceKind } from './instance-kind';
import { usesKerberos, usesOidc } from './instance-kind';
import { CONTROLLER_LISTENER, unusedPortKey } from './listeners';
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
  /** SCRAM-SHA-512 user the harness ACLs deny Describe on the cluster and everything on `forbidden-topic`. */
  restricted: Credentials;
}

export interface NodeState {
  nodeId: number;
  /**
   * Listener name (client listeners and CONTROLLER) -> loopback port. Also
   * `<LISTENER>@advertised` -> a reserved port nothing listens on (advertisedPort: 'unused').
   */
  ports: Record<string, number>;
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  /** Lifetime of the tokens issued to this client, seconds. */
  lifetimeSeconds: number;
}

export interface InstanceState {
  schema: 1;
  version: string;
  clusterId: string;
  nodes: NodeState[];
  users: Users;
  /** Password of the client PKCS#12 file. */
  p12Password: string;
  /** Ports of the harness side services: `OIDC` (http server), `KDC` (Kerberos, TCP+UDP). */
  servicePorts: Record<string, number>;
  oidc: { client: OidcClient; shortLivedClient: OidcClient };
  /** Master password of the KDC database. */
  kdcPassword: string;
}

const secret = (): string => randomBytes(12).toString('hex');

/** A Kafka Uuid string: 16 random bytes, base64url; Kafka avoids ones starting with '-'. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** What a state.json written by an older harness lacks. */
function backfill(s: Partial<InstanceState> & Pick<InstanceState, 'users'>): InstanceState {
  s.users.restricted ??= { username: 'restricted-user', password: secret() };
  s.servicePorts ??= {};
  s.oidc ??= {
    client: { clientId: 'brokerscope-oidc-client', clientSecret: secret(), lifetimeSeconds: 3600 },
    shortLivedClient: { clientId: 'brokerscope-oidc-short', clientSecret: secret(), lifetimeSeconds: 5 },
  };
  s.kdcPassword ??= secret();
  return s as InstanceState;
}

export function readState(paths: InstancePaths): InstanceState | undefined {
  if (!existsSync(paths.statePath)) return undefined;
  return backfill(JSON.parse(readFileSync(paths.statePath, 'utf8')) as InstanceState);
}

export function writeState(paths: InstancePaths, state: InstanceState): void {
  mkdirSync(dirname(paths.statePath), { recursive: true });
  writeFileSync(paths.statePath, `${JSON.stringify(state, null, 2)}\n`);
}

/** Port names every node of this kind of instance needs. */
export function nodePortNames(kind: InstanceKind): string[] {
  return [
    ...kind.listeners.map((l) => l.name),
    CONTROLLER_LISTENER,
    ...kind.listeners.filter((l) => l.advertisedPort === 'unused').map((l) => unusedPortKey(l.name)),
  ];
}

/** Ports a running node accepts on (not the reserved unused ones). */
export function listeningPorts(kind: InstanceKind, node: NodeState): number[] {
  return [...kind.listeners.map((l) => l.name), CONTROLLER_LISTENER].map((n) => {
    const port = node.ports[n];
    if (port === undefined) throw new Error(`no port allocated for ${n} on node ${node.nodeId}`);
    return port;
  });
}

export function servicePortNames(kind: InstanceKind): string[] {
  return [...(usesOidc(kind) ? ['OIDC'] : []), ...(usesKerberos(kind) ? ['KDC'] : [])];
}

/**
 * Loads or creates the state, making sure each node has a usable port for every listener.
 * `brokerRunning`: when true, existing ports are trusted (they're ours) and never re-picked.
 */
export async function loadOrCreateState(
  paths: InstancePaths,
  version: string,
  kind: InstanceKind,
  brokerRunning: boolean,
): Promise<InstanceState> {
  const state: InstanceState =
    readState(paths) ??
    backfill({
      schema: 1,
      version,
      clusterId: newClusterId(),
      nodes: Array.from({ length: kind.nodeCount }, (_, i) => ({ nodeId: i + 1, ports: {} })),
      users: {
        plain: { username: 'plain-user', password: secret() },
        scramSha256: { username: 'scram256-user', password: secret() },
        scramSha512: { username: 'scram512-user', password: secret() },
        restricted: { username: 'restricted-user', password: secret() },
      },
      p12Password: secret(),
    });
  const used = new Set([
    ...state.nodes.flatMap((n) => Object.values(n.ports)),
    ...Object.values(state.servicePorts),
  ]);
  const ensure = async (ports: Record<string, number>, names: string[]): Promise<void> => {
    for (const name of names) {
      const port = ports[name];
      if (port !== undefined && (brokerRunning || (await isPortFree(port)))) continue;
      const [fresh] = await freePorts(1, used);
      if (fresh === undefined) throw new Error('no free port');
      ports[name] = fresh;
      used.add(fresh);
    }
  };
  for (const node of state.nodes) await ensure(node.ports, nodePortNames(kind));
  await ensure(state.servicePorts, servicePortNames(kind));
  writeState(paths, state);
  return state;
}
