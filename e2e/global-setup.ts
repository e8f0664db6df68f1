/**
 * Starts the built web host (out/main/web-host.js) on a free loopback port and hands
 * its tokenised URL to the specs through BROKERSCOPE_E2E_URL. Profiles and secrets go to
 * a throwaway data folder (BROKERSCOPE_DATA_DIR), removed afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const entry = resolve(import.meta.dirname, '../out/main/web-host.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npx electron-vite build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'brokerscope-e2e-'));
  const child = spawn(process.execPath, [entry, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BROKERSCOPE_DATA_DIR: dataDir },
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`web host printed no URL in 15 s: ${out}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`web host exited with ${code}: ${out}`)));
  });
  process.env.BROKERSCOPE_E2E_URL = url;
  process.env.BROKERSCOPE_E2E_DATA_DIR = dataDir;
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
