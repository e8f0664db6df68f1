/** Troubleshoot from a profile: live steps, the verdict, findings with their fix; runs export, and exports open back. */
import { readFileSync } from 'node:fs';
import { test, expect, webOnly } from './fixtures';
import { broker, createProfile, go, openApp, shot } from './helpers';

test('a healthy profile passes every step; a wrong password is found, with its fix', { annotation: webOnly.download }, async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page);
  const good = `ts good ${Date.now()}`;
  const bad = `ts wrong password ${Date.now()}`;
  await createProfile(page, { name: good, listener: 'SSL', ca: true });
  await page.getByTestId('profile-troubleshoot').click();
  await expect(page.getByTestId('view-troubleshoot')).toBeVisible();
  await expect(page.getByTestId('troubleshoot-profile')).toHaveValue(/.+/);
  await page.getByTestId('troubleshoot-run').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
  await expect(page.getByTestId('troubleshoot-step').filter({ hasText: 'TLS' }).first()).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('broker-checks')).toContainText('ok');

  // The run exports: its pcapng (runs always capture frames) downloads.
  const pcap = page.waitForEvent('download');
  await page.getByTestId('run-export-pcapng').click();
  expect((await pcap).suggestedFilename()).toMatch(/\.pcapng$/);

  await createProfile(page, { name: bad, listener: 'SASL_SSL', ca: true, sasl: { mechanism: 'SCRAM-SHA-512', user: 'scramSha256' } });
  await page.getByTestId('profile-troubleshoot').click();
  await page.getByTestId('troubleshoot-run').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'problems', { timeout: 30_000 });
  const finding = page.locator('[data-testid="finding"][data-code="SASL_AUTH_FAILED"]');
  await expect(finding.first()).toBeVisible();
  await expect(finding.first()).toContainText('Fix');
  await expect(page.locator('[data-testid="troubleshoot-step"][data-status="failed"]').filter({ hasText: 'SASL' }).first()).toBeVisible();
  await shot(page, 'troubleshoot-sasl-failed');
  expect(errors).toEqual([]);
});

test('a PLAINTEXT profile pointed at the SSL listener is diagnosed as plaintext on a TLS listener', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page);
  const name = `ts plaintext to ssl ${Date.now()}`;
  await createProfile(page, { name, listener: 'PLAINTEXT', bootstrapOf: 'SSL' });
  await page.getByTestId('profile-troubleshoot').click();
  await expect(page.getByTestId('view-troubleshoot')).toBeVisible();
  await page.getByTestId('troubleshoot-run').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'problems', { timeout: 30_000 });
  const finding = page.locator('[data-testid="finding"][data-code="PLAINTEXT_TO_TLS_LISTENER"]').first();
  await expect(finding).toBeVisible();
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(finding).toContainText(broker().listeners.SSL.bootstrap);
  await expect(finding).toContainText('the listener expects TLS (SSL or SASL_SSL)');
  await expect(finding).toContainText('Fix: Use security protocol SSL (or SASL_SSL');
  await expect(page.locator('[data-testid="troubleshoot-step"][data-status="failed"]').filter({ hasText: 'ApiVersions' }).first()).toBeVisible();
  await shot(page, 'troubleshoot-plaintext-to-ssl');
  expect(errors).toEqual([]);
});

test('a run exported as JSONL opens back read-only, with the same diagnosis', { annotation: webOnly.download }, async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page);
  const bad = `ts export ${Date.now()}`;
  await createProfile(page, { name: bad, listener: 'SASL_PLAINTEXT', sasl: { mechanism: 'PLAIN', user: 'scramSha512' } });
  await page.getByTestId('profile-troubleshoot').click();
  await page.getByTestId('troubleshoot-run').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'problems', { timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('run-export-jsonl').click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('brokerscope-log');

  await go(page, 'logs');
  await page.getByTestId('import-log-file').setInputFiles({ name: 'run.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  const viewer = page.getByTestId('log-viewer');
  await expect(viewer).toContainText('run.jsonl');
  await expect(viewer.locator('[data-testid="finding"][data-code="SASL_AUTH_FAILED"]')).toBeVisible();
  await expect(page.getByTestId('log-event-row').first()).toBeVisible();
  await page.getByTestId('log-event-row').first().click();
  await expect(viewer.getByRole('region', { name: 'Event details' })).toBeVisible();
  await shot(page, 'logs-imported-run');

  // A corrupt file is refused, and says so.
  await page.getByTestId('import-log-file').setInputFiles({ name: 'broken.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from('{"not":"a log"}\n') });
  await expect(page.getByTestId('toast-error').filter({ hasText: 'broken.jsonl' })).toBeVisible();
  expect(errors).toEqual([]);
});
