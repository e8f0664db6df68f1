/**
 * `test` and `expect` for every spec. In the chromium project `page` is Playwright's own page,
 * which openApp points at the web host. In the electron project (playwright.config.ts adds it
 * where the Electron binary runs) `page` is the first window of the built app, started for the
 * test with `_electron.launch`; its profiles go to a throwaway BROKERSCOPE_DATA_DIR per worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, test as base, type Page, type TestDetailsAnnotation } from '@playwright/test';

export { expect } from '@playwright/test';

export type Runtime = 'web' | 'electron';

/**
 * Marks a test that needs what only a browser page has: `test(title, { annotation: webOnly.download }, …)`.
 * The electron project skips it with this reason, before the app is started.
 */
export const webOnly = {
  download: webOnlyBecause('it needs a download event, and Playwright reports none from an Electron window'),
  routeWebSocket: webOnlyBecause(
    'it needs page.routeWebSocket, and the Electron app reaches its main process over IPC, not a WebSocket',
  ),
  hostSocket: webOnlyBecause('it cuts the page’s WebSocket to the web host, and the Electron app talks to its main process over IPC'),
  token: webOnlyBecause('it checks the web host’s per-run token, which the Electron app has no use for'),
  newPage: webOnlyBecause(
    'it opens a second page, and an Electron app has no browser context to open one in',
  ),
};

function webOnlyBecause(why: string): TestDetailsAnnotation {
  return { type: 'web-only', description: `web only: ${why}` };
}

const electronWindows = new WeakSet<Page>();

/** True for the Electron app's window: it already shows the renderer, so there is no URL to open. */
export function isElectronWindow(page: Page): boolean {
  return electronWindows.has(page);
}

/** The option playwright.config.ts sets on the electron project only: the binary to launch the app with. */
export interface ElectronOption {
  electronBinary: string | undefined;
}

interface WorkerFixtures extends ElectronOption {
  runtime: Runtime;
  electronDataDir: string;
}

export const test = base.extend<object, WorkerFixtures>({
  electronBinary: [undefined, { scope: 'worker', option: true }],
  runtime: [async ({ electronBinary }, use) => use(electronBinary ? 'electron' : 'web'), { scope: 'worker' }],
  electronDataDir: [
    async ({ electronBinary }, use) => {
      if (!electronBinary) return use('');
      const dir = mkdtempSync(join(tmpdir(), 'brokerscope-e2e-electron-'));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // Fixtures can't depend on another one conditionally: the default page is made in both
  // projects, and in the electron project it stays unused.
  page: async ({ page, electronBinary, electronDataDir }, use, testInfo) => {
    if (!electronBinary) return use(page);
    const webOnlyReason = testInfo.annotations.find((a) => a.type === 'web-only')?.description;
    testInfo.skip(webOnlyReason !== undefined, webOnlyReason);
    const env: Record<string, string> = { BROKERSCOPE_DATA_DIR: electronDataDir };
    for (const [key, value] of Object.entries(process.env))
      // The built renderer, never a dev server.
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] ??= value;
    const app = await _electron.launch({
      executablePath: electronBinary,
      // The package's main is out/main/index.js, as `npm start` runs it. No OS sandbox for the
      // same reason as the chromium project: these machines run the tests as root.
      args: ['--no-sandbox', resolve(import.meta.dirname, '..')],
      env,
    });
    try {
      const window = await app.firstWindow();
      electronWindows.add(window);
      await use(window);
      if (testInfo.status !== testInfo.expectedStatus) {
        const body = await window.screenshot().catch(() => null);
        if (body) await testInfo.attach('electron-window', { body, contentType: 'image/png' });
      }
    } finally {
      await app.close();
    }
  },
});
