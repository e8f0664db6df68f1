/** Keyboard: views by number, "/" to search, "?" for help; the theme persists (and only the theme). */
import { test, expect, webOnly } from './fixtures';
import { go, openApp } from './helpers';
import type { PageGlobals } from './page-types';

test('keyboard shortcuts switch views, focus search and open the help', async ({ page }) => {
  const errors = await openApp(page);
  await page.keyboard.press('Control+6');
  await expect(page.getByTestId('view-events')).toBeVisible();
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('view-versions')).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByTestId('view-profiles')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search profiles' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 700, y: 500 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/screenshots/shortcuts-help.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the theme toggles, persists across reloads, and nothing but the theme is in localStorage', { annotation: webOnly.newPage }, async ({ page }) => {
  await openApp(page, { theme: 'light' });
  await go(page, 'profiles');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  // openApp's init script would reset it: reload in a fresh page without it.
  const page2 = await page.context().newPage();
  await page2.goto(page.url());
  await expect(page2.locator('html')).toHaveClass(/dark/);
  const keys = await page2.evaluate(() => {
    const { localStorage } = globalThis as unknown as PageGlobals;
    return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
  });
  expect(keys).toEqual(['brokerscope.theme']);
});
