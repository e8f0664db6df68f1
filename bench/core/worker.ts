/**
 * One Node client in its own process (so JIT, heap and CPU accounting are its own):
 *   node --import tsx bench/core/worker.ts --client ours --host 127.0.0.1 --port 9092 --max-inflight 256
 * Prints a ReadyInfo JSON line once connected, then runs one cell per stdin command
 * (WorkerCommand) and prints one CellResult JSON line for each. Driven by main.ts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { runCell, type BenchClient, type WindowHooks } from './loop';
import type { Api, NodeClientName, ReadyInfo, WorkerCommand } from './types';

async function createClient(
  name: NodeClientName,
  host: string,
  port: number,
  maxInFlight: number,
  pinned: Partial<Record<Api, number>>,
): Promise<BenchClient> {
  switch (name) {
    case 'ours': {
      const { createOurs } = await import('./clients/ours');
      return createOurs(host, port, maxInFlight, process.env.npm_package_version ?? '0.1.0', pinned);
    }
    case 'raw': {
      const { createRaw } = await import('./clients/raw');
      return createRaw(host, port);
    }
    case 'platformatic': {
      const { createPlatformatic } = await import('./clients/platformatic');
      return createPlatformatic(host, port, maxInFlight);
    }
    case 'kafkajs': {
      const { createKafkajs } = await import('./clients/kafkajs');
      return createKafkajs(host, port, maxInFlight);
    }
  }
}

/** Profiles one measured window with the in-process inspector and writes <dir>/<label>.cpuprofile. */
function windowProfiler(dir: string, label: string, intervalUs: number): WindowHooks {
  const session = new Session();
  session.connect();
  return {
    onOpen: () => {
      session.post('Profiler.enable');
      session.post('Profiler.setSamplingInterval', { interval: intervalUs });
      session.post('Profiler.start');
    },
    onClose: () => {
      session.post('Profiler.stop', (err, result) => {
        if (!err) writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(result.profile));
        session.disconnect();
      });
    },
  };
}

function emit(line: unknown): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      client: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'max-inflight': { type: 'string', default: '256' },
      /** ours only: "<metadata>,<apiversions>" request versions instead of the negotiated ones. */
      versions: { type: 'string' },
      /** Write a V8 CPU profile of each measured window (not warm-up, not startup) into this directory. */
      'cpu-prof-dir': { type: 'string' },
      'cpu-prof-interval-us': { type: 'string', default: '100' },
    },
  });
  const name = values.client as NodeClientName;
  if (!['ours', 'platformatic', 'kafkajs', 'raw'].includes(name))
    throw new Error(`unknown --client ${String(values.client)}`);
  const pinned: Partial<Record<Api, number>> = {};
  if (values.versions) {
    const [md, av] = values.versions.split(',').map(Number);
    if (md !== undefined && Number.isInteger(md)) pinned.metadata = md;
    if (av !== undefined && Number.isInteger(av)) pinned.apiversions = av;
  }
  const client = await createClient(
    name,
    values.host!,
    Number(values.port),
    Number(values['max-inflight']),
    pinned,
  );
  const ready: ReadyInfo = {
    ready: true,
    client: name,
    version: client.version,
    runtime: `Node ${process.versions.node} (V8 ${process.versions.v8})`,
    apiVersions: client.apiVersions,
    probe: client.probe,
  };
  emit(ready);

  const profileDir = values['cpu-prof-dir'];
  let cellNo = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const cmd = JSON.parse(line) as WorkerCommand;
    if (cmd.cmd === 'quit') break;
    const profile = profileDir
      ? windowProfiler(
          profileDir,
          `${name}-${cmd.api}-${cmd.inflight}-${++cellNo}`,
          Number(values['cpu-prof-interval-us']),
        )
      : {};
    emit(await runCell(client, cmd.api, cmd.inflight, cmd.warmupMs, cmd.durationMs, profile));
  }
  lines.close();
  await client.close();
  // Let --cpu-prof write its profile on a normal exit; don't wait on any peer timers left behind.
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
