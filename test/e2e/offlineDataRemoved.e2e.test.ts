import type { Page } from 'playwright-core';
import { setNetwork, type UserSession } from './support/browser';
import { expectedDeviceRows } from './support/emulatorAdmin';
import { createOffline, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForText } from './support/ui';

const suite = e2eSuite();

/**
 * Another page of the same origin (no control on it) deleting the offline databases, as devtools, another app of
 * the origin or a user script would. Answers 'blocked' when an open connection kept a database from going.
 */
async function deleteFromAnotherPage(other: Page): Promise<string[]> {
  return other.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('oss:'));
    const outcomes: string[] = [];
    for (const name of names) {
      outcomes.push(
        await new Promise<string>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve('deleted');
          request.onerror = () => reject(new Error(String(request.error)));
          request.onblocked = () => setTimeout(() => resolve('blocked'), 3_000);
        }),
      );
    }
    return outcomes;
  });
}

/** A blank page of the harness's origin: it shares the controls' IndexedDB and localStorage. */
async function anotherPageOfTheOrigin(session: UserSession): Promise<Page> {
  const other = await session.context.newPage();
  await other.goto(new URL('/no-control-here', session.page.url()).href);
  return other;
}

async function queueCreates(session: UserSession, count: number): Promise<void> {
  await setNetwork(session, false);
  for (let i = 0; i < count; i++) await createOffline(session.page, 'account', { name: `Made offline ${i}` });
  await waitForEngine(session.page, 'the changes queued', (s) => s.pendingCount === count);
}

describe('offline data removed behind the engine', () => {
  it('while the page is open: the delete goes through, the page says what was lost, and the rows come back', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    const expected = await expectedDeviceRows(suite.emulator);
    const other = await anotherPageOfTheOrigin(session);
    await queueCreates(session, 2);

    expect(await deleteFromAnotherPage(other)).toEqual(['deleted']);
    const noticed = await waitForEngine(page, 'the removal noticed', (s) => s.errors.some((e) => e.code === 'offline-data-removed'));
    expect(noticed.pendingCount).toBe(0);
    expect(noticed.warnings).toContain('offline-data-removed');
    await waitForText(page, 'Offline data was removed by the browser; 2 changes made offline could not be recovered. The data is downloading again.');
    await waitForText(page, '2 changes made offline could not be recovered.');

    await setNetwork(session, true);
    const back = await waitForEngine(page, 'the rows downloaded again', (s) => s.initialSyncComplete && !s.syncing, 60_000);
    expect(back.rows).toEqual(expected);
    expect(back.warnings).not.toContain('offline-data-removed');
    expect(back.errors.filter((e) => e.code === 'offline-data-removed')).toHaveLength(1);
    // The engine's new database is marked again: another look at it raises no second alarm.
    await page.reload();
    const reloaded = await waitForEngine(page, 'the page reloaded', (s) => s.initialSyncComplete);
    expect(reloaded.errors.filter((e) => e.code === 'offline-data-removed')).toHaveLength(1);
  });

  it('between page loads: the next start says what was lost and downloads again', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    const url = page.url();
    const expected = await expectedDeviceRows(suite.emulator);
    const other = await anotherPageOfTheOrigin(session);
    await queueCreates(session, 1);

    await page.goto('about:blank');
    expect(await deleteFromAnotherPage(other)).toEqual(['deleted']);
    await setNetwork(session, true);
    await page.goto(url);

    await waitForText(page, '1 change made offline could not be recovered.', 30_000);
    const back = await waitForEngine(page, 'the rows downloaded again', (s) => s.initialSyncComplete && !s.syncing, 60_000);
    expect(back.rows).toEqual(expected);
    expect(back.pendingCount).toBe(0);
    expect(back.errors.map((e) => e.code)).toEqual(['offline-data-removed']);
  });

  it('when the browser clears the site’s IndexedDB under the open page (it closes the connection itself)', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    const expected = await expectedDeviceRows(suite.emulator);
    await queueCreates(session, 1);

    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
    await waitForText(page, 'Offline data was removed by the browser; 1 change made offline could not be recovered. The data is downloading again.');
    await setNetwork(session, true);
    const back = await waitForEngine(page, 'the rows downloaded again', (s) => s.initialSyncComplete && !s.syncing, 60_000);
    expect(back.rows).toEqual(expected);
    expect(back.errors.map((e) => e.code)).toEqual(['offline-data-removed']);
  });
});
