// Readiness checks: TCP accept on a port, "started" in the broker log, generic polling.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { connect } from 'node:net';

export function tcpAccepts(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

export async function allAccept(host: string, ports: number[]): Promise<boolean> {
  const results = await Promise.all(ports.map((p) => tcpAccepts(host, p)));
  return results.every(Boolean);
}

/** Last `n` lines of a text file (reads at most the last 1 MiB). */
export function tailLines(path: string, n: number): string[] {
  if (!existsSync(path)) return [];
  const size = statSync(path).size;
  const len = Math.min(size, 1024 * 1024);
  const buf = Buffer.alloc(len);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, len, size - len);
  } finally {
    closeSync(fd);
  }
  const lines = buf.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-n);
}

/** Whether the broker log says the server finished starting (same text in 3.x and 4.x KRaft). */
export function logSaysStarted(logPath: string): boolean {
  return tailLines(logPath, 5000).some((l) => l.includes('Kafka Server started'));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
