// `broker:logs`: print the last lines of a broker log, optionally following it like tail -f
// (survives the file being rotated by a restart).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { sleep, tailLines } from './wait';

export function printLastLines(path: string, n: number, out: (s: string) => void): void {
  for (const line of tailLines(path, n)) out(`${line}\n`);
}

/** Follows `path` until the process is interrupted. */
export async function followLog(path: string, out: (s: string) => void, initialLines = 200): Promise<never> {
  printLastLines(path, initialLines, out);
  let offset = existsSync(path) ? statSync(path).size : 0;
  let ino = existsSync(path) ? statSync(path).ino : 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    await sleep(250);
    if (!existsSync(path)) continue;
    const st = statSync(path);
    if (st.ino !== ino || st.size < offset) {
      out(`--- ${path} restarted ---\n`);
      ino = st.ino;
      offset = 0;
    }
    if (st.size === offset) continue;
    const fd = openSync(path, 'r');
    try {
      let n: number;
      while ((n = readSync(fd, buf, 0, buf.length, offset)) > 0) {
        out(buf.subarray(0, n).toString('utf8'));
        offset += n;
      }
    } finally {
      closeSync(fd);
    }
  }
}
