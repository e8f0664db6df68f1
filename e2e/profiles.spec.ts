/** The profile form and list: validation, security warnings, masked secrets, consent, duplicate, delete, export/import. */
import { test, expect, webOnly } from './fixtures';
import { readFileSync } from 'node:fs';
import { broker, createProfile, go, openApp, shot } from './helpers';

test('the form validates every field inline and warns when verification is off', async ({ page }) => {
  const errors = await openApp(page);
  await go(page, 'profiles');
  await page.getByTestId('profile-new').click();
  const form = page.getByTestId('profile-form');
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('form-error-count')).toBeVisible();
  await expect(form.getByTestId('field-error').first()).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill('validation');
  await form.getByLabel('Bootstrap servers').fill('kafka.example.com:port');
  await expect(form.getByText('expected host:port')).toBeVisible();
  await form.getByLabel('Bootstrap servers').fill('127.0.0.1:9093');

  await form.getByRole('radio', { name: 'SASL_SSL', exact: true }).click();
  await form.getByTestId('field-mechanism').selectOption('SCRAM-SHA-512');
  await expect(form.getByText('enter the password')).toBeVisible();
  await form.getByRole('radio', { name: 'CA file' }).click();
  await expect(form.getByText('Trusted CA')).toBeVisible();
  await form.getByRole('radio', { name: 'PEM files' }).click();
  await expect(form.getByTestId('field-keyPath')).toBeVisible();
  await form.getByRole('radio', { name: 'Paste PEM' }).nth(1).click();
  await expect(form.getByText('paste the private key')).toBeVisible();
  await form.getByRole('radio', { name: 'None' }).click();

  await page.getByTestId('verify-certificate').click();
  await expect(page.getByTestId('warn-verify-certificate')).toContainText('any certificate is accepted');
  await page.getByTestId('verify-hostname').click();
  await expect(page.getByTestId('warn-verify-hostname')).toBeVisible();
  await shot(page, 'profile-form-validation');
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);
});

test('secrets stay masked, consent is asked where no keychain exists, and profiles duplicate, delete, export and import', { annotation: webOnly.download }, async ({ page }) => {
  const errors = await openApp(page);
  const b = broker();
  await go(page, 'profiles');
  const banner = page.getByTestId('secret-storage');
  await expect(banner).toContainText('No OS keychain');
  // Start from "not agreed": the first secret asks.
  const withdraw = banner.getByRole('button', { name: 'Withdraw consent' });
  if (await withdraw.isVisible()) await withdraw.click();
  await expect(page.getByTestId('allow-plaintext')).toBeVisible();

  const name = `secret-holder ${Date.now()}`;
  await page.getByTestId('profile-new').click();
  const form = page.getByTestId('profile-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Bootstrap servers').fill(b.listeners.SASL_PLAINTEXT.bootstrap);
  await form.getByRole('radio', { name: 'SASL_PLAINTEXT', exact: true }).click();
  await form.getByTestId('field-mechanism').selectOption('PLAIN');
  await form.getByTestId('field-username').fill(b.users.plain.username);
  await form.getByTestId('secret-saslPassword').fill(b.users.plain.password);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('consent-dialog')).toBeVisible();
  await shot(page, 'profile-consent-dialog');
  await page.getByTestId('consent-agree').click();
  const details = page.getByTestId('profile-details');
  await expect(details.getByRole('heading', { name })).toBeVisible();
  await expect(details.getByText('stored')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(b.users.plain.password);

  await page.getByTestId('profile-edit').click();
  await expect(page.getByTestId('secret-saslPassword-stored')).toBeVisible();
  expect(await page.locator('input').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).not.toContain(b.users.plain.password);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Search and duplicate.
  await page.getByRole('searchbox', { name: 'Search profiles' }).fill('secret-holder');
  await expect(page.getByTestId('profile-row').first()).toContainText('secret-holder');
  await page.getByTestId('profile-duplicate').click();
  await expect(details.getByRole('heading', { name: `${name} (copy)` })).toBeVisible();
  await page.getByTestId('profile-delete').click();
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('profile-row').filter({ hasText: `${name} (copy)` })).toHaveCount(0);

  // Export everything, then import the file back: names are kept apart, nothing overwritten.
  await page.getByRole('searchbox', { name: 'Search profiles' }).fill('');
  await page.getByTestId('profile-export-all').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = await (await download).path();
  const json = readFileSync(file, 'utf8');
  expect(json).toContain(name);
  expect(json).not.toContain(b.users.plain.password);
  const before = await page.getByTestId('profile-row').count();
  await page.getByTestId('profile-import').click();
  await page.getByTestId('import-dialog').locator('textarea').fill(json);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(page.getByTestId('profile-row')).toHaveCount(before * 2);
  expect(errors).toEqual([]);
});

test('a connect that fails is reported, and says where', async ({ page }) => {
  const errors = await openApp(page);
  await createProfile(page, { name: `bad password ${Date.now()}`, listener: 'SASL_PLAINTEXT', sasl: { mechanism: 'SCRAM-SHA-512', user: 'scramSha256' } });
  await page.getByTestId('profile-connect').click();
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await expect(page.getByTestId('session-status')).toHaveText('failed', { timeout: 20_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'The session failed' })).toBeVisible();
  await shot(page, 'overview-failed-session');
  await page.getByTestId('nav-closes').click();
  await expect(page.getByTestId('close-row').filter({ hasText: 'AUTH_FAILURE' }).first()).toBeVisible();
  await shot(page, 'closes-auth-failure');
  await page.getByTestId('session-tab').filter({ hasText: 'bad password' }).getByRole('button', { name: /Close/ }).click();
  expect(errors).toEqual([]);
});
