import { test, expect } from '@playwright/test';

function appUrl(): string {
  const url = process.env.BROKERSCOPE_E2E_URL;
  if (!url) throw new Error('BROKERSCOPE_E2E_URL is not set: the e2e global setup did not run');
  return url;
}

test('the renderer loads over the WebSocket transport and calls app.version end to end', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(appUrl());
  const version = page.getByTestId('app-version');
  await expect(version).toContainText('Brokerscope');
  await expect(version).toContainText('web');
  // The token leaves the address bar once the API socket is open.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/smoke-app-shell.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the API socket refuses a wrong token', async ({ page }) => {
  const url = new URL(appUrl());
  url.searchParams.set('token', 'wrong-token');
  await page.goto(url.toString());
  await expect(page.getByRole('alert')).toContainText('could not open the API socket');
});
