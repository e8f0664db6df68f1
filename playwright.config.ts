import { defineConfig } from '@playwright/test';
import type { ElectronOption } from './e2e/fixtures';
import { electronRuns, installedElectronBinary } from './scripts/electron-binary.mjs';

// The renderer runs in Debian's Chromium over the loopback WebSocket transport.
// Playwright's own browser downloads are not reachable from these machines.
// The electron project runs the same specs in the built Electron app (e2e/fixtures.ts), and
// only where its binary is installed and starts: it is never downloaded from here.
// BROKERSCOPE_E2E_ELECTRON=<path> names a binary to use instead, unchecked.
const electronBinary = process.env.BROKERSCOPE_E2E_ELECTRON || electronIfItRuns();

function electronIfItRuns(): string | undefined {
  const bin = installedElectronBinary();
  return bin && electronRuns(bin) ? bin : undefined;
}

export default defineConfig<object, ElectronOption>({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // performance.memory exact rather than rounded and cached (the stress run reads it).
        '--enable-precise-memory-info',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium' },
    ...(electronBinary
      ? [
          {
            name: 'electron',
            // The stress run taps the page's WebSocket to the web host: web only.
            testIgnore: ['**/stress.spec.ts'],
            use: { electronBinary },
          },
        ]
      : []),
  ],
});
