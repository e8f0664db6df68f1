#!/usr/bin/env node
// `npm start`: build, then launch the Electron app. Where the Electron binary is missing
// and can't be fetched (no route to its download host), say so in one line and run web
// mode instead, which prints the URL with its per-run token.
import { spawn, spawnSync } from 'node:child_process';
import { fetchedElectronBinary } from './electron-binary.mjs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['electron-vite', 'build']);
const bin = fetchedElectronBinary();
if (bin) {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write('Electron binary is not installed and could not be downloaded here; starting web mode instead.\n');
  const child = spawn(process.execPath, ['out/main/web-host.js', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
