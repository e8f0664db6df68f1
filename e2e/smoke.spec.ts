import { test, expect, webOnly } from './fixtures';
import { appUrl, openApp } from './helpers';
import { startWsTap } from './support/ws-tap';

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

test('a page whose host goes away says so instead of showing stale data as live', { annotation: webOnly.hostSocket }, async ({ page }) => {
  const tap = await startWsTap({ hostUrl: appUrl() });
  const errors = await openApp(page, { url: tap.url });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await tap.close(); // as if the host stopped: the page's API socket closes
  // A call that was in flight when the socket closed may also raise a toast (another alert).
  const alert = page.getByRole('alert').filter({ hasText: 'could not reach its host' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('The connection to the Brokerscope host closed');
  expect(errors).toEqual([]);
});
