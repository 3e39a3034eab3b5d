import { saveElementShot, saveIconShot } from './support/artifacts';
import { editOnServer, serverRow } from './support/emulatorAdmin';
import { editOffline, engineSnapshot, firstOfflineRow, offlineRow, waitForEngine, waitForSettled } from './support/engine';
import { e2eSuite } from './support/suite';
import { openStatusPanel, waitForIcon } from './support/ui';

const suite = e2eSuite();

describe('conflict detection on (the server wins)', () => {
  it('shows a sync error and both versions of the record on the Offline Status page', async () => {
    const { page } = await suite.open('SyncStatusIcon', { conflictDetection: 'true' });
    await waitForSettled(page);
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
    const nameRow = comparison.getByRole('row', { name: /^Name / });
    await expect(nameRow.getByRole('cell').allInnerTexts()).resolves.toEqual(['Changed on the device', 'Changed by the dispatcher', 'Differs']);
    await saveElementShot(panel, 'status-page-conflict');
  });

  it('asks before discarding the conflict, naming the table, the record and the value that goes', async () => {
    const { page } = await suite.open('SyncStatusIcon', { conflictDetection: 'true' });
    await waitForSettled(page);
    const id = String((await firstOfflineRow(page, 'account')).accountid);
    await editOnServer(suite.emulator, 'accounts', id, { name: 'Renamed by the dispatcher' });
    await editOffline(page, 'account', id, { name: 'Renamed on the device' });
    await waitForEngine(page, 'a conflict recorded', (s) => s.errors.some((e) => e.code === 'conflict' && e.rowId === id));

    const panel = await openStatusPanel(page);
    const item = panel.getByRole('region', { name: /^Sync errors/ }).getByRole('listitem').first();
    const heading = await item.getByRole('heading').innerText();
    const record = heading.slice(heading.indexOf(': ') + 2);
    await item.getByRole('button', { name: `Discard ${record}` }).click();

    // As with the panel, Fluent's dialog element has no box of its own: visibility is checked on its content.
    const dialog = page.getByRole('alertdialog', { name: 'Discard this change?' });
    const confirm = dialog.getByRole('button', { name: 'Discard change' });
    await confirm.waitFor({ state: 'visible' });
    const said = await dialog.locator('.ms-Dialog-main').innerText();
    expect(said).toContain('Table: Accounts');
    expect(said).toContain(`Record: ${record}`);
    expect(said).toContain('Name: Renamed on the device');
    await saveElementShot(dialog.locator('.ms-Dialog-main'), 'status-page-discard');
    // Nothing is gone while the user reads the dialog.
    expect((await engineSnapshot(page)).errors.some((e) => e.rowId === id)).toBe(true);

    await confirm.click();
    await waitForEngine(page, 'the conflict discarded', (s) => !s.errors.some((e) => e.rowId === id));
    expect((await offlineRow(page, 'account', id)).name).toBe('Renamed by the dispatcher');
    expect((await serverRow(suite.emulator, 'accounts', id)).name).toBe('Renamed by the dispatcher');
  });
});
