/** Shared steps of the e2e specs: open the app, create a profile through the form, connect. */
import type { Page } from '@playwright/test';
import { readBrokerInfo, type BrokerInfo, type ListenerName } from '../harness/broker/info';
import { expect, isElectronWindow } from './fixtures';
import type { PageGlobals } from './page-types';

export const SHOTS = 'test-results/e2e/screenshots';

export function appUrl(): string {
  const url = process.env.BROKERSCOPE_E2E_URL;
  if (!url) throw new Error('BROKERSCOPE_E2E_URL is not set: the e2e global setup did not run');
  return url;
}

let info: BrokerInfo | null = null;
export function broker(): BrokerInfo {
  info ??= readBrokerInfo();
  return info;
}

/**
 * Opens the app and waits for the host; collects page errors for the caller to check. The
 * Electron window already shows the app: it is reloaded, so that the theme and the error
 * collection apply from the first script, as on a page opened at the web host.
 */
export async function openApp(page: Page, opts: { theme?: 'light' | 'dark'; /** The app's URL through a tap (e2e/support/ws-tap.ts). */ url?: string } = {}): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript((theme) => {
    if (theme) (globalThis as unknown as PageGlobals).localStorage.setItem('brokerscope.theme', theme);
  }, opts.theme ?? 'light');
  await page.setViewportSize({ width: 1440, height: 900 });
  if (isElectronWindow(page)) await page.reload();
  else await page.goto(opts.url ?? appUrl());
  await expect(page.getByTestId('app-version')).toContainText('Brokerscope');
  return errors;
}

export async function go(page: Page, view: string): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await expect(page.getByTestId(`view-${view}`)).toBeVisible();
}

export interface ProfileSpec {
  name: string;
  /** The listener whose security protocol (and TLS files) the profile uses. */
  listener: ListenerName;
  /** Bootstrap at this listener instead of `listener`'s: a profile whose protocol doesn't match its port. */
  bootstrapOf?: ListenerName;
  sasl?: { mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; user: 'plain' | 'scramSha256' | 'scramSha512' };
  ca?: boolean;
  clientCert?: boolean;
  tag?: string;
}

/** Fills the profile form the way a user would, and saves (agreeing to key-file secret storage if asked). */
export async function createProfile(page: Page, spec: ProfileSpec): Promise<void> {
  const b = broker();
  const l = b.listeners[spec.listener];
  await go(page, 'profiles');
  await page.getByTestId('profile-new').click();
  const form = page.getByTestId('profile-form');
  await form.getByLabel('Name', { exact: true }).fill(spec.name);
  await form.getByLabel('Bootstrap servers').fill(b.listeners[spec.bootstrapOf ?? spec.listener].bootstrap);
  if (spec.tag) await form.getByRole('button', { name: spec.tag, exact: true }).click();
  await form.getByRole('radio', { name: l.securityProtocol, exact: true }).click();
  if (spec.sasl) {
    await form.getByTestId('field-mechanism').selectOption(spec.sasl.mechanism);
    await form.getByTestId('field-username').fill(b.users[spec.sasl.user].username);
    await form.getByTestId('secret-saslPassword').fill(b.users[spec.sasl.user].password);
  }
  if (spec.ca && l.tls) {
    await form.getByRole('radio', { name: 'CA file' }).click();
    await form.getByTestId('field-caPath').fill(l.tls.caPath);
  }
  if (spec.clientCert && l.tls) {
    await form.getByRole('radio', { name: 'PEM files' }).click();
    await form.getByTestId('field-certPath').fill(l.tls.certPath);
    await form.getByTestId('field-keyPath').fill(l.tls.keyPath);
  }
  await page.getByTestId('profile-save').click();
  const consent = page.getByTestId('consent-dialog');
  const details = page.getByTestId('profile-details');
  await expect(consent.or(details)).toBeVisible();
  if (await consent.isVisible()) await page.getByTestId('consent-agree').click();
  await expect(details.getByRole('heading', { name: spec.name })).toBeVisible();
}

/** Selects a profile in the list and connects it; waits for the session to be connected. */
export async function connect(page: Page, name: string): Promise<void> {
  await go(page, 'profiles');
  await page.getByTestId('profile-row').filter({ hasText: name }).first().click();
  await page.getByTestId('profile-connect').click();
  await expect(page.getByTestId('view-overview')).toBeVisible();
  await expect(page.getByTestId('session-status')).toHaveText('connected', { timeout: 20_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}
