import { expectedDeviceRows, serverRow, setFaults } from './support/emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForIcon } from './support/ui';

const suite = e2eSuite();

describe('reloading the page in the middle of the first sync', () => {
  it('loses nothing: downloaded tables and a queued edit survive, and the sync resumes', async () => {
    // ~0.5 s per request: the first sync (who-am-I, health check, five tables) takes several seconds.
    // Contacts answer seconds after the other tables, which download together: the reload comes between them.
    await setFaults(suite.emulator, { latencyMs: 500, slowPaths: { contacts: 4_000 } });
    const { page } = await suite.open('SyncStatusIcon');
    const expected = await expectedDeviceRows(suite.emulator);

    const midway = await waitForEngine(page, 'accounts downloaded, other tables still to come', (s) => s.rows.account > 0 && s.syncing);
    expect(midway.initialSyncComplete).toBe(false);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);
    await editOffline(page, 'account', id, { name: 'Edited before the reload' });

    await page.reload();

    // Straight from the offline database, before the network answers anything.
    const restored = await waitForEngine(page, 'the device copy restored', (s) => s.rows.account > 0);
    expect(restored.rows.account).toBe(expected.account);
    expect(restored.pendingCount).toBe(1);

    const done = await waitForEngine(page, 'first sync done and the edit uploaded', (s) => s.initialSyncComplete && s.pendingCount === 0 && !s.syncing, 60_000);
    expect(done.rows).toEqual(expected);
    expect(done.errors).toEqual([]);
    expect((await serverRow(suite.emulator, 'accounts', id)).name).toBe('Edited before the reload');
    await waitForInitialSync(page);
    await waitForIcon(page, 'connected');
  });
});
