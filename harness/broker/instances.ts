// Every instance under .cache/broker (single brokers and clusters), for `broker:stop --all`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stopBroker, type StopResult } from './broker';
import { stopCluster } from './cluster';
import { cacheRoot, parseInstanceId } from './paths';

export interface InstanceRef {
  id: string;
  version: string;
  nodeCount: number;
}

/** Instances that have state under .cache/broker. */
export function knownInstances(): InstanceRef[] {
  if (!existsSync(cacheRoot)) return [];
  return readdirSync(cacheRoot)
    .filter((d) => existsSync(join(cacheRoot, d, 'state.json')))
    .flatMap((id) => {
      const parsed = parseInstanceId(id);
      return parsed ? [{ id, ...parsed }] : [];
    });
}

/** Versions that have a single-broker instance. */
export function knownVersions(): string[] {
  return knownInstances()
    .filter((i) => i.nodeCount === 1)
    .map((i) => i.version);
}

export async function stopAll(): Promise<StopResult[]> {
  const results: StopResult[] = [];
  for (const i of knownInstances()) {
    results.push(
      i.nodeCount === 1
        ? await stopBroker(i.version)
        : await stopCluster({ version: i.version, nodes: i.nodeCount }),
    );
  }
  return results;
}
