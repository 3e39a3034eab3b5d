import type { Page } from 'playwright-core';
import { saveElementShot } from './support/artifacts';
import { serverHasRow, setFaults } from './support/emulatorAdmin';
import { createOffline, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForText } from './support/ui';

/** The harness as a maker and a translator use it: its property inputs and the language switch `npm start` adds. */
const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';

/** The value input of one property in the harness's "Data Inputs" panel. */
function propertyInput(page: Page, property: string): ReturnType<Page['locator']> {
  const item = page.locator('.io-item', { has: page.locator('.key-value-pair-value > span', { hasText: new RegExp(`^${property}$`) }) });
  return item.locator('.key-value-pair-value select, .key-value-pair-value input').first();
}

describe('the harness', () => {
  it('follows a maker’s property change at once: the allowed setting appears, the change queued before it uploads', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    const control = page.locator(CONTROL);
    expect(await control.getByText('Sync on Wi-Fi only').count()).toBe(0);

    // Uploads fail for now (503, retried), so the change is still queued when the property changes. Not offline:
    // the harness's user id is not the emulator's, so an engine started offline would open another user's database.
    await setFaults(suite.emulator, { writeErrorNext: 10_000, errorStatus: 503 });
    const id = await createOffline(page, 'account', { name: 'Queued before the property changed' });
    await waitForEngine(page, 'the change queued', (s) => s.pendingCount === 1);

    await propertyInput(page, 'allowWifiOnly').selectOption('true');
    await waitForText(page, 'Sync on Wi-Fi only');
    // The control moved to the engine for the new settings; the queued change is in the database both open.
    const after = await waitForEngine(page, 'the new engine has the queued change', (s) => s.pendingCount === 1 && s.initialSyncComplete);
    expect(after.pendingCount).toBe(1);
    await saveElementShot(control, 'harness-property-changed');

    await setFaults(suite.emulator, { writeErrorNext: 0 });
    await control.getByRole('button', { name: 'Sync now' }).click();
    await waitForEngine(page, 'the queued change uploaded', (s) => s.pendingCount === 0 && !s.syncing);
    expect(await serverHasRow(suite.emulator, 'accounts', id)).toBe(true);
  });

  it('shows the control in German with ?lang=1031: words, dates and sizes, and switches to French from the page', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await page.goto(`${page.url().replace(/\?.*$/, '')}?lang=1031`);
    await waitForInitialSync(page);
    const control = page.locator(CONTROL);
    await waitForText(page, 'Offlinestatus');
    // The user's language reaches Intl: a German date ("03.12.2026, 16:05") and a German size ("12,3 kB").
    await waitForText(page, /^Zuletzt synchronisiert: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await waitForText(page, /^Größe: \d+(,\d)? (kB|MB|Byte)$/);
    expect(await control.getByRole('button', { name: /aktualisieren$/ }).count()).toBeGreaterThan(0);
    expect(await control.getByText(/Last synced|Refresh|Size:/).count()).toBe(0);
    await saveElementShot(control, 'status-page-de');

    await page.getByLabel('User language').selectOption('1036');
    await page.waitForURL(/\?lang=1036$/);
    await waitForText(page, 'État hors connexion');
    await waitForText(page, /^Taille : \d+(,\d)?\s(ko|Mo|octets)$/);
    await saveElementShot(page.locator(CONTROL), 'status-page-fr');
  });
});
