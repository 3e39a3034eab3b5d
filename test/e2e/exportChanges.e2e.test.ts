import { readFile } from 'node:fs/promises';
import type { ChangesExport } from '../../SyncEngine/contracts';
import { axeViolations } from './support/axe';
import { setNetwork } from './support/browser';
import { createOffline, editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';

describe('Export changes on the Offline Status page', () => {
  it('downloads offline-changes-<date>-<time>.json holding what the user typed, from the page and from the Reset dialog', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    await setNetwork(session, false);
    const account = await firstOfflineRow(page, 'account');
    const accountId = String(account.accountid);
    const createdId = await createOffline(page, 'account', { name: 'Typed while offline', telephone1: '+49 30 1234567' });
    await editOffline(page, 'account', accountId, { name: 'Renamed offline', description: 'Notiz für später' });
    await waitForEngine(page, 'two changes queued', (s) => s.pendingCount === 2);

    const control = page.locator(CONTROL);
    const [download] = await Promise.all([page.waitForEvent('download'), control.getByRole('button', { name: 'Export changes' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^offline-changes-\d{4}-\d{2}-\d{2}-\d{6}\.json$/);
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as ChangesExport;
    expect(saved).toMatchObject({ format: 'OfflineSyncSuite.changes', formatVersion: 1, counts: { changes: 2, rows: 2, errors: 0 } });
    expect(saved.changes.map((c) => [c.op, c.rowId, c.values])).toEqual([
      ['create', createdId, expect.objectContaining({ name: 'Typed while offline', telephone1: '+49 30 1234567' })],
      ['update', accountId, { name: 'Renamed offline', description: 'Notiz für später' }],
    ]);

    // Reset with changes queued asks first, names the count and offers the same export.
    await control.getByRole('button', { name: 'Reset offline data' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Reset offline data?' });
    // Fluent's modal root has no box of its own (its content has): wait for what the user sees in it.
    await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
    expect(await dialog.textContent()).toContain('2 changes have not been uploaded yet and will be lost.');
    expect(await axeViolations(page, '[role="alertdialog"]')).toEqual([]);
    const [again] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export changes' }).click()]);
    const fromDialog = JSON.parse(await readFile(await again.path(), 'utf8')) as ChangesExport;
    expect(fromDialog.changes).toEqual(saved.changes);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Exporting changed nothing: both changes are still queued.
    expect((await waitForEngine(page, 'still queued', (s) => s.pendingCount === 2)).pendingCount).toBe(2);
    expect(session.pageErrors).toEqual([]);
  });
});
