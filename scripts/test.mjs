#!/usr/bin/env node
// `npm test`: system packages where missing (Chromium, Java, Maven, openssl, tshark, MIT KDC),
// typecheck, lint, unit and integration tests (against the real test broker, started by the
// integration project's global setup when it isn't running), the build, then the Playwright
// e2e suite. Stops at the first failing step; ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const VITEST_JSON = 'test-results/vitest.json';
const PLAYWRIGHT_JSON = 'test-results/playwright.json';
for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(f, { force: true });

const steps = [
  ['system packages', ['bash', 'scripts/install-system-deps.sh']],
  ['typecheck', ['npm', 'run', 'typecheck']],
  ['lint', ['npm', 'run', 'lint']],
  ['unit + integration', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]],
  ['build', ['npx', 'electron-vite', 'build']],
  ['e2e', ['npx', 'playwright', 'test']],
];

function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync(VITEST_JSON)) {
    const v = JSON.parse(readFileSync(VITEST_JSON, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
  }
  if (existsSync(PLAYWRIGHT_JSON)) {
    const p = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8'));
    passed += p.stats?.expected ?? 0;
    failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  }
  return { passed, failed };
}

for (const [name, [cmd, ...args], env = {}] of steps) {
  process.stdout.write(`\n=== npm test: ${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    const { passed, failed } = counts();
    process.stdout.write(`\n=== npm test: ${name} FAILED after ${secs}s (exit ${r.status ?? r.signal}) ===\n`);
    process.stdout.write(`npm-test: ${passed} passed, ${Math.max(failed, 1)} failed\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`=== npm test: ${name} passed in ${secs}s ===\n`);
}
const { passed, failed } = counts();
process.stdout.write(`\nnpm-test: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
