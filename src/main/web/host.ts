/**
 * Web mode: the same main-process services behind the loopback WebSocket transport,
 * so the renderer runs in a plain browser. Imports nothing from Electron.
 *   node out/main/web-host.js [--port N]
 * Prints the URL, with its per-run token, on stdout. Data (profiles, secrets) lives in
 * $BROKERSCOPE_DATA_DIR or the platform's config folder (e.g. ~/.config/brokerscope).
 */
import { join } from 'node:path';
import { createDispatcher } from '../transport/dispatcher';
import { startWebSocketHost } from '../transport/websocket-host';
import { createHandlers } from '../services/handlers';
import { createServices, tuningFromEnv } from '../services/container';
import { webDataDir } from '../services/data-dir';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(argValue('--port') ?? process.env.BROKERSCOPE_PORT ?? 0);
  const services = createServices({ runtime: 'web', dataDir: webDataDir(), tuning: tuningFromEnv() });
  const host = await startWebSocketHost({
    dispatch: createDispatcher(createHandlers(services)),
    staticDir: join(__dirname, '../renderer'),
    port,
    ...(process.env.BROKERSCOPE_TOKEN ? { token: process.env.BROKERSCOPE_TOKEN } : {}),
  });
  services.bus.addSink(host.broadcast);
  process.stdout.write(`Brokerscope (web mode) at ${host.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void services
      .close(3000)
      .catch(() => undefined)
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Brokerscope web host failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
