// A per-instance start lock (O_EXCL file holding the owner's pid), so a CLI start and the
// vitest global setup racing each other don't both launch a JVM on the same ports.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAlive } from './process';
import { sleep } from './wait';

function holder(lockPath: string): { pid: number; ageMs: number } | undefined {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return { pid, ageMs: Date.now() - statSync(lockPath).mtimeMs };
  } catch {
    return undefined; // released meanwhile
  }
}

export async function withLock<T>(lockPath: string, fn: () => Promise<T>, waitMs = 300_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const h = holder(lockPath);
    const stale =
      h !== undefined && (Number.isInteger(h.pid) && h.pid > 0 ? !isAlive(h.pid) : h.ageMs > 5000);
    if (stale) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath} (held by pid ${h?.pid})`);
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
