import { test, expect, webOnly } from './fixtures';

function appUrl(): string {
  const url = process.env.BROKERSCOPE_E2E_URL;
  if (!url) throw new Error('BROKERSCOPE_E2E_URL is not set: the e2e global setup did not run');
  return url;
}

test('the renderer loads over its transport and calls app.version end to end', async ({ page, runtime }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The Electron window shows the app already: reloaded, its errors are caught from the first script.
  if (runtime === 'electron') await page.reload();
  else await page.goto(appUrl());
  const version = page.getByTestId('app-version');
  await expect(version).toContainText('Brokerscope');
  await expect(version).toContainText(runtime === 'electron' ? 'electron · IPC' : 'web · WebSocket');
  // The token leaves the address bar once the API socket is open.
  if (runtime === 'web') expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/smoke-app-shell.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the API socket refuses a wrong token', { annotation: webOnly.token }, async ({ page }) => {
  const url = new URL(appUrl());
  url.searchParams.set('token', 'wrong-token');
  await page.goto(url.toString());
  await expect(page.getByRole('alert')).toContainText('could not open the API socket');
});
