import { editOffline, engineSnapshot, firstOfflineRow, waitForEngine, waitForInitialSync, waitForSettled } from './support/engine';
import { serverRow } from './support/emulatorAdmin';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

interface Stats {
  byMethod: Partial<Record<string, number>>;
}

async function pageGets(): Promise<number> {
  const stats = (await (await fetch(`${suite.emulator.origin}/_emulator/stats`)).json()) as Stats;
  return stats.byMethod.GET ?? 0;
}

describe('two tabs of the same app and user', () => {
  it('sync from one tab only, show the same status, upload an edit from either once, and hand over when the leader closes', async () => {
    const first = await suite.open('SyncStatusIcon');
    await waitForSettled(first.page);
    const getsAfterFirstSync = await pageGets();

    const second = await first.context.newPage();
    await second.goto(first.page.url());
    // The second tab reads the shared database: the first download is complete there at once, without downloading.
    await waitForInitialSync(second, 15_000);
    expect((await engineSnapshot(second)).rows).toEqual((await engineSnapshot(first.page)).rows);
    // Its own start asks who the user is (WhoAmI, then the user's teams) and for the app's offline profile (the
    // organisation's settings and the user's profile: none here, so nothing more); it downloads nothing.
    expect((await pageGets()) - getsAfterFirstSync).toBeLessThanOrEqual(4);

    const account = await firstOfflineRow(second, 'account');
    const id = String(account.accountid);
    await editOffline(second, 'account', id, { description: 'Edited in the second tab' });
    for (const page of [first.page, second]) await waitForEngine(page, 'the edit uploaded', (s) => s.pendingCount === 0 && !s.syncing, 20_000);
    expect((await serverRow(suite.emulator, 'accounts', id)).description).toBe('Edited in the second tab');

    // The leader goes away; the second tab takes over and uploads its next edit by itself.
    await first.page.close();
    await editOffline(second, 'account', id, { description: 'After the first tab closed' });
    await waitForEngine(second, 'the second tab uploads alone', (s) => s.pendingCount === 0 && !s.syncing, 20_000);
    expect((await serverRow(suite.emulator, 'accounts', id)).description).toBe('After the first tab closed');
  });
});
