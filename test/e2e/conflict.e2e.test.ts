import { saveElementShot, saveIconShot } from './support/artifacts';
import { editOnServer, serverRow } from './support/emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { openStatusPanel, waitForIcon } from './support/ui';

const suite = e2eSuite();

describe('conflict detection on (the server wins)', () => {
  it('shows a sync error and both versions of the record on the Offline Status page', async () => {
    const { page } = await suite.open('SyncStatusIcon', { conflictDetection: 'true' });
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);

    // A dispatcher changes the record on the server; the technician changes it on the device before syncing.
    await editOnServer(suite.emulator, 'accounts', id, { name: 'Changed by the dispatcher' });
    await editOffline(page, 'account', id, { name: 'Changed on the device' });

    await waitForEngine(page, 'a conflict recorded', (s) => s.errors.some((e) => e.code === 'conflict' && e.rowId === id));
    await saveIconShot(page, await waitForIcon(page, 'error'), 'error');
    expect((await serverRow(suite.emulator, 'accounts', id)).name).toBe('Changed by the dispatcher');

    const panel = await openStatusPanel(page);
    const comparison = panel.getByRole('table', { name: /Device and server versions of/ });
    await comparison.waitFor();
    const nameRow = comparison.getByRole('row', { name: /^name / });
    await expect(nameRow.getByRole('cell').allInnerTexts()).resolves.toEqual(['Changed on the device', 'Changed by the dispatcher', 'Differs']);
    await saveElementShot(panel, 'status-page-conflict');
  });
});
