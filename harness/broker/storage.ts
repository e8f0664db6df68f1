// `kafka-storage format` for a node's data dir, with the SCRAM users added at format time
// (KRaft keeps SCRAM credentials in the metadata log). Re-formats when the cluster id or
// SCRAM users in state.json no longer match what the data dir was formatted with.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaFlavor } from './kafka-version';
import type { NodePaths } from './paths';
import type { InstanceState } from './state';
import { javaBin, runAsync } from './tools';

function fingerprint(state: InstanceState): string {
  const u = state.users;
  return createHash('sha256')
    .update(JSON.stringify([state.clusterId, u.scramSha256, u.scramSha512, u.restricted]))
    .digest('hex');
}

/** Formats `np.dataDir` unless already formatted for this state. Resolves to whether it formatted. */
export async function ensureFormatted(
  flavor: KafkaFlavor,
  state: InstanceState,
  np: NodePaths,
  classpath: string,
  logFlag: string,
): Promise<boolean> {
  const fingerprintPath = join(np.dir, 'format.sha256');
  const want = fingerprint(state);
  const formatted = existsSync(join(np.dataDir, 'meta.properties'));
  if (formatted && existsSync(fingerprintPath) && readFileSync(fingerprintPath, 'utf8') === want)
    return false;

  rmSync(np.dataDir, { recursive: true, force: true });
  const { scramSha256: s256, scramSha512: s512, restricted } = state.users;
  await runAsync(
    javaBin(),
    [
      // A short-lived tool: C1 only and a small heap start fastest.
      '-Xmx256m',
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      logFlag,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      state.clusterId,
      '-c',
      np.configPath,
      '--ignore-formatted',
      '--add-scram',
      `SCRAM-SHA-256=[name=${s256.username},password=${s256.password}]`,
      '--add-scram',
      `SCRAM-SHA-512=[name=${s512.username},password=${s512.password}]`,
      '--add-scram',
      `SCRAM-SHA-512=[name=${restricted.username},password=${restricted.password}]`,
    ],
    `kafka-storage format (Kafka ${flavor.version})`,
  );
  writeFileSync(fingerprintPath, want);
  return true;
}
