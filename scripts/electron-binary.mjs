// Where the Electron binary is, for `npm start` and the e2e config. The electron npm package
// (>= 42) fetches its binary on first run; `require('electron')` would start that download,
// so this reads the package's own files instead: path.txt names the executable under dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(packageDir, 'path.txt');

/** The installed binary, or null; never downloads. */
export function installedElectronBinary() {
  if (!existsSync(pathFile)) return null;
  const bin = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** The installed binary, else one quiet attempt to fetch it; null where it can't be had. */
export function fetchedElectronBinary() {
  const bin = installedElectronBinary();
  if (bin) return bin;
  spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return installedElectronBinary();
}

/** Whether `bin` starts on this machine (its libraries load), checked as plain Node: no window, no display. */
export function electronRuns(bin) {
  const r = spawnSync(bin, ['-e', 'process.exit(process.versions.electron ? 0 : 1)'], {
    stdio: 'ignore',
    timeout: 15_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return r.status === 0;
}
