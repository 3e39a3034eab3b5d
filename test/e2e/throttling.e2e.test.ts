import { saveIconShot } from './support/artifacts';
import { serverRow, setFaults } from './support/emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine, waitForSettled } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForIcon, waitForText } from './support/ui';

const suite = e2eSuite();

describe('service protection limits (HTTP 429)', () => {
  it('shows a warning while the server is busy and recovers without the user doing anything', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForSettled(page);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);

    await setFaults(suite.emulator, { throttleNext: 3, retryAfterSeconds: 2 });
    await editOffline(page, 'account', id, { description: 'Uploaded after a 429 storm' });

    await waitForEngine(page, 'a server-busy warning', (s) => s.warnings.includes('server-busy'));
    await saveIconShot(page, await waitForIcon(page, 'warning'), 'warning');

    // Nothing but time: Retry-After is honoured and the upload goes through once the storm is over.
    await waitForEngine(page, 'recovered', (s) => s.warnings.length === 0 && s.pendingCount === 0 && !s.syncing, 45_000);
    await waitForIcon(page, 'connected');
    expect((await serverRow(suite.emulator, 'accounts', id)).description).toBe('Uploaded after a 429 storm');
  });

  it('recovers by itself after "Sync now" met a busy server, with nothing waiting to upload', async () => {
    const { page } = await suite.open('OfflineStatusPage');
    await waitForSettled(page);

    await setFaults(suite.emulator, { throttleNext: 2, retryAfterSeconds: 1 });
    await page.getByRole('button', { name: 'Sync now' }).click();
    // The warning says when sync asks the server again (its Retry-After), so the user knows it is not stuck.
    await waitForText(page, /^The server is busy; next try at \d{1,2}:\d{2}\s[AP]M\./);

    // The page promises that sync continues by itself; it must not wait for the next scheduled table (minutes).
    await waitForEngine(page, 'the warning cleared by a retry', (s) => s.warnings.length === 0 && !s.syncing, 20_000);
    await expect(waitForText(page, 'The server is busy', 1_000)).rejects.toThrow();
  });
});
