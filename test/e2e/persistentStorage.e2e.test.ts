import type { Page } from 'playwright-core';
import { setNetwork, type UserSession } from './support/browser';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForText } from './support/ui';

const suite = e2eSuite();

const KEPT = 'The browser keeps the offline data until you remove it.';
const MAY_CLEAR = 'The browser may clear the offline data when the device runs low on storage.';
const WARNING = /Changes are waiting to upload and the browser may clear the offline data that holds them/;

/** What the browser itself answers, read in the page: the engine must agree with it. */
function browserPersisted(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.storage.persisted());
}

async function queueAnEditOffline(session: UserSession): Promise<void> {
  const account = await firstOfflineRow(session.page, 'account');
  await setNetwork(session, false);
  await editOffline(session.page, 'account', String(account.accountid), { telephone1: '+1 555 0177' });
  await waitForEngine(session.page, 'the edit queued', (s) => s.pendingCount === 1);
}

function storageRegion(page: Page): Promise<string> {
  return page.getByRole('region', { name: 'Storage' }).innerText();
}

describe('persistent storage', () => {
  it('when the browser grants it, says the data is kept and shows no warning while a change waits', async () => {
    const session = await suite.open('OfflineStatusPage', {}, undefined, { persistentStorage: 'granted' });
    const { page } = session;
    await waitForInitialSync(page);
    await waitForText(page, KEPT);
    expect(await browserPersisted(page)).toBe(true);

    await queueAnEditOffline(session);
    const status = await waitForEngine(page, 'the icon showing the queued change', (s) => s.iconState === 'notConnected' || s.iconState === 'pendingUpload');
    expect(status.warnings).not.toContain('storage-not-persistent');
    expect(await storageRegion(page)).toContain(KEPT);
    await expect(page.getByText(WARNING).count()).resolves.toBe(0);
  });

  it('when the browser denies it, says the data may be cleared and warns only while changes are queued', async () => {
    const session = await suite.open('OfflineStatusPage', {}, undefined, { persistentStorage: 'denied' });
    const { page } = session;
    await waitForInitialSync(page);
    await waitForText(page, MAY_CLEAR);
    expect(await browserPersisted(page)).toBe(false);
    expect((await waitForEngine(page, 'settled', () => true)).warnings).not.toContain('storage-not-persistent');

    await queueAnEditOffline(session);
    await waitForEngine(page, 'the storage warning', (s) => s.warnings.includes('storage-not-persistent'));
    await waitForText(page, WARNING);
    expect(await storageRegion(page)).toContain(MAY_CLEAR);

    // Uploaded, nothing is left that a sync cannot bring back: the warning goes, the storage line stays.
    await setNetwork(session, true);
    await waitForEngine(page, 'the edit uploaded and the warning gone', (s) => s.pendingCount === 0 && !s.warnings.includes('storage-not-persistent'));
    await expect(page.getByText(WARNING).count()).resolves.toBe(0);
    expect(await storageRegion(page)).toContain(MAY_CLEAR);
    expect(await browserPersisted(page)).toBe(false);
  });
});
