/**
 * The session views against the real broker: requests go in flight and complete, a decoded
 * response opens from the history, disconnecting shows a close, and every view is shot.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, webOnly } from './fixtures';
import { connect, createProfile, go, openApp, shot } from './helpers';
import type { PageGlobals } from './page-types';

test.describe.configure({ mode: 'serial' });

const NAME = 'inspector PLAINTEXT';
const SSL_NAME = 'inspector SASL_SSL';

async function ensureProfiles(page: Page): Promise<void> {
  await go(page, 'profiles');
  if ((await page.getByTestId('profile-row').filter({ hasText: NAME }).count()) === 0)
    await createProfile(page, { name: NAME, listener: 'PLAINTEXT', tag: 'dev' });
  if ((await page.getByTestId('profile-row').filter({ hasText: SSL_NAME }).count()) === 0)
    await createProfile(page, { name: SSL_NAME, listener: 'SASL_SSL', ca: true, sasl: { mechanism: 'SCRAM-SHA-256', user: 'scramSha256' }, tag: 'prod' });
}

test('in-flight requests appear, complete, and move to the history with their decoded response', async ({ page }) => {
  const errors = await openApp(page);
  await ensureProfiles(page);
  await connect(page, NAME);
  await go(page, 'inflight');
  await expect(page.getByTestId('inflight-empty')).toBeVisible();

  // Watch every animation frame for a live in-flight row while a burst runs.
  const sawInFlight = page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="inflight-row"]').length > 0, undefined, { polling: 'raf', timeout: 20_000 });
  await page.getByTestId('send-menu').click();
  await page.getByTestId('send-burst-300').click();
  await sawInFlight;
  await expect(page.getByTestId('inflight-count')).toHaveText('0', { timeout: 20_000 });
  expect(Number(await page.getByTestId('completed-count').textContent())).toBeGreaterThanOrEqual(300);
  expect(Number((await page.getByTestId('inflight-peak').textContent())?.replace(/,/g, ''))).toBeGreaterThan(1);

  // One more, alone: its row carries the decoded response.
  await page.getByTestId('send-metadata').click();
  const decoded = page.getByTestId('history-row').filter({ hasText: 'Metadata' }).filter({ hasText: '◆' }).last();
  await expect(decoded).toBeVisible();
  await decoded.click();
  await expect(page.getByTestId('request-details')).toBeVisible();
  await expect(page.getByTestId('decoded-response')).toContainText('brokers');
  await expect(page.getByTestId('decoded-response')).toContainText('clusterId');
  await shot(page, 'inflight-history-decoded');

  // Pause freezes the view; a filter narrows it.
  await page.keyboard.press('Escape');
  await page.getByTestId('inflight-pause').click();
  await expect(page.getByTestId('inflight-pause')).toHaveText(/Resume/);
  await page.getByTestId('inflight-pause').click();
  await page.getByTestId('filter-api').selectOption('Metadata');
  await expect(page.getByTestId('history-row').first()).toContainText('Metadata');
  expect(errors).toEqual([]);
});

test('disconnecting shows a SHUTDOWN close with the state it happened in', async ({ page }) => {
  const errors = await openApp(page);
  await ensureProfiles(page);
  await connect(page, NAME);
  await page.getByTestId('disconnect').click();
  await expect(page.getByTestId('session-status')).toHaveText('disconnected', { timeout: 15_000 });
  await go(page, 'closes');
  const row = page.getByTestId('close-row').filter({ hasText: 'SHUTDOWN' }).filter({ hasText: 'READY' }).last();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('close-timeline')).toBeVisible();
  await row.click();
  await expect(page.getByRole('complementary', { name: 'Close details' })).toContainText('inFlightFailed');
  expect(errors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`every view, ${theme} theme`, { annotation: webOnly.download }, async ({ page }) => {
    const errors = await openApp(page, { theme });
    await ensureProfiles(page);
    await connect(page, SSL_NAME);
    // Some traffic for the tables and charts.
    await page.getByTestId('send-menu').click();
    await page.getByTestId('send-burst-50').click();
    await page.getByTestId('send-metadata').click();
    await page.getByTestId('send-menu').click();
    await page.getByTestId('send-apiversions').click();
    await go(page, 'inflight');
    await expect(page.getByTestId('inflight-count')).toHaveText('0', { timeout: 20_000 });
    await expect(page.getByTestId('toast-info')).toHaveCount(0, { timeout: 10_000 });

    await go(page, 'profiles');
    await page.getByTestId('profile-row').filter({ hasText: SSL_NAME }).click();
    await shot(page, `${theme}-1-profiles`);
    await page.getByTestId('profile-edit').click();
    await shot(page, `${theme}-1b-profile-form`);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await go(page, 'overview');
    await shot(page, `${theme}-2-overview`);
    await go(page, 'versions');
    await shot(page, `${theme}-3-versions`);
    await page.getByTestId('versions-compare').selectOption({ index: 1 });
    await shot(page, `${theme}-3b-versions-compare`);
    await go(page, 'inflight');
    await page.getByTestId('history-row').filter({ hasText: '◆' }).last().click();
    await shot(page, `${theme}-4-inflight`);
    await go(page, 'events');
    await shot(page, `${theme}-6-events`);
    await page.keyboard.press('/');
    await page.keyboard.type('TLSv1.3');
    await page.getByTestId('event-row').first().click();
    await shot(page, `${theme}-6b-events-details`);
    await go(page, 'latency');
    await expect(page.getByTestId('percentile-chart')).toBeVisible();
    await shot(page, `${theme}-7-latency`);
    await go(page, 'troubleshoot');
    await page.getByTestId('troubleshoot-profile').selectOption({ label: SSL_NAME });
    await page.getByTestId('troubleshoot-run').click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
    await shot(page, `${theme}-8-troubleshoot`);
    await go(page, 'logs');
    const download = page.waitForEvent('download');
    await page.getByTestId('logs-export').click();
    const file = await (await download).path();
    await page.getByTestId('import-log-file').setInputFiles({ name: `${theme}-session.jsonl`, mimeType: 'application/x-ndjson', buffer: readFileSync(file) });
    await expect(page.getByTestId('log-event-row').first()).toBeVisible();
    await shot(page, `${theme}-9-export-import`);
    await page.getByTestId('disconnect').click();
    await expect(page.getByTestId('reconnect')).toBeVisible();
    await go(page, 'closes');
    await expect(page.getByTestId('close-row').first()).toBeVisible();
    await shot(page, `${theme}-5-closes`);
    expect(errors).toEqual([]);
  });
}
