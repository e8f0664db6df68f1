/**
 * A profile per listener type of the test broker, created through the form, connected,
 * and its negotiated versions shown.
 */
import { test, expect } from './fixtures';
import { connect, createProfile, go, openApp, shot, type ProfileSpec } from './helpers';

const specs: ProfileSpec[] = [
  { name: 'local PLAINTEXT', listener: 'PLAINTEXT', tag: 'dev' },
  { name: 'local SSL (CA file)', listener: 'SSL', ca: true, tag: 'staging' },
  { name: 'local mTLS', listener: 'MTLS', ca: true, clientCert: true, tag: 'staging' },
  { name: 'local SASL PLAIN', listener: 'SASL_PLAINTEXT', sasl: { mechanism: 'PLAIN', user: 'plain' }, tag: 'dev' },
  { name: 'local SASL_SSL SCRAM-512', listener: 'SASL_SSL', ca: true, sasl: { mechanism: 'SCRAM-SHA-512', user: 'scramSha512' }, tag: 'prod' },
];

for (const spec of specs) {
  test(`${spec.listener}: create, connect, see the versions table`, async ({ page }) => {
    const errors = await openApp(page);
    await createProfile(page, spec);
    await connect(page, spec.name);
    await expect(page.getByTestId('cluster-id')).not.toHaveText('—');
    const card = page.getByTestId('broker-card').first();
    await expect(card.getByTestId('state-machine').locator('[aria-current="step"]')).toContainText('READY');
    if (spec.listener !== 'PLAINTEXT' && spec.listener !== 'SASL_PLAINTEXT') await expect(card.getByTestId('tls-summary')).toContainText('TLSv1');
    if (spec.sasl) await expect(card.getByTestId('sasl-summary')).toContainText('authenticated');
    await shot(page, `overview-${spec.listener.toLowerCase()}`);
    await go(page, 'versions');
    const table = page.getByTestId('versions-table');
    await expect(table.locator('[data-api="Metadata"]')).toBeVisible();
    await expect(table.locator('[data-api="ApiVersions"]')).toBeVisible();
    expect(Number(await page.getByTestId('versions-usable').textContent())).toBeGreaterThan(20);
    await page.getByTestId('disconnect').click();
    await expect(page.getByTestId('session-tab').filter({ hasText: spec.name })).toBeVisible();
    expect(errors).toEqual([]);
  });
}
