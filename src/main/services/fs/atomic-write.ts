/**
 * Writes a file so that a crash at any moment leaves either the old content or the new,
 * never a mix: write a temp file beside it, fsync it, rename it over the target, fsync
 * the folder. The file system is injected so tests can fail any step.
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicFs {
  open(
    path: string,
    flags: string,
    mode?: number,
  ): Promise<{
    writeFile(data: string | Buffer): Promise<void>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: boolean }): Promise<void>;
}

export const nodeFs: AtomicFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  rm: (path, opts) => fsp.rm(path, opts),
};

/** Temp files are named `.<name>.tmp-<random>` in the target's folder (same file system). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
}

export function isTempFileOf(target: string, candidate: string): boolean {
  return basename(candidate).startsWith(`.${basename(target)}.tmp-`);
}

export async function writeFileAtomic(
  target: string,
  data: string | Buffer,
  opts: { fs?: AtomicFs; mode?: number } = {},
): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const tmp = tempPathFor(target);
  const handle = await fs.open(tmp, 'wx', opts.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDir(dirname(target));
}

/** Makes the rename itself durable. Best effort: not every platform can fsync a folder. */
async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Removes temp files a crash left behind (they never replaced the target). */
export async function removeStaleTemps(target: string): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dirname(target));
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => isTempFileOf(target, n))
      .map((n) => fsp.rm(join(dirname(target), n), { force: true }).catch(() => undefined)),
  );
}
