#!/usr/bin/env node
// `npm test`: system packages where missing (Chromium, Java, Maven, openssl), typecheck, lint, unit and integration tests (against the real test
// broker, started by the integration project's global setup when it isn't running),
// then the Playwright e2e suite. Stops at the first failing step.
import { spawnSync } from 'node:child_process';

const steps = [
  ['system packages', ['bash', 'scripts/install-system-deps.sh']],
  ['typecheck', ['npm', 'run', 'typecheck']],
  ['lint', ['npm', 'run', 'lint']],
  ['unit + integration', ['npx', 'vitest', 'run']],
  ['build', ['npx', 'electron-vite', 'build']],
  ['e2e', ['npx', 'playwright', 'test']],
];

for (const [name, [cmd, ...args]] of steps) {
  process.stdout.write(`\n=== npm test: ${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n=== npm test: ${name} FAILED after ${secs}s (exit ${r.status ?? r.signal}) ===\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`=== npm test: ${name} passed in ${secs}s ===\n`);
}
