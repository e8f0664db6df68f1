// Free loopback ports: picked once (first start), then kept in the instance state and only
// re-picked when something else has taken one while the broker was down.
import { createServer } from 'node:net';

export const HOST = '127.0.0.1';

function listenOn(port: number): Promise<import('node:net').Server | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen({ host: HOST, port, exclusive: true }, () => resolve(srv));
  });
}

function close(srv: import('node:net').Server): Promise<void> {
  return new Promise((resolve) => srv.close(() => resolve()));
}

export async function isPortFree(port: number): Promise<boolean> {
  const srv = await listenOn(port);
  if (!srv) return false;
  await close(srv);
  return true;
}

/** `count` distinct free ports (all held open together so none repeats). */
export async function freePorts(count: number, avoid: ReadonlySet<number> = new Set()): Promise<number[]> {
  const held: import('node:net').Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const srv = await listenOn(0);
      if (!srv) throw new Error(`cannot bind an ephemeral port on ${HOST}`);
      held.push(srv);
      const addr = srv.address();
      if (addr && typeof addr === 'object' && !avoid.has(addr.port)) ports.push(addr.port);
    }
  } finally {
    await Promise.all(held.map(close));
  }
  return ports;
}
