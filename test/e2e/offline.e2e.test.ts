import { saveIconShot } from './support/artifacts';
import { setNetwork } from './support/browser';
import { serverRow, setFaults } from './support/emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { pendingBadge, waitForIcon } from './support/ui';

const suite = e2eSuite();

describe('working without a network', () => {
  it('shows Not connected as soon as the browser goes offline', async () => {
    const session = await suite.open('SyncStatusIcon');
    await waitForInitialSync(session.page);

    await setNetwork(session, false);

    // No edit, no sync: only the browser's own offline signal can tell the user.
    await saveIconShot(session.page, await waitForIcon(session.page, 'notConnected', 5_000), 'notConnected');
  });

  it('keeps an edit made offline with a pending badge of 1 and uploads it when the network is back', async () => {
    const session = await suite.open('SyncStatusIcon');
    const { page } = session;
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);

    await setNetwork(session, false);
    await editOffline(page, 'account', id, { name: 'Edited offline (e2e)' });

    const icon = await waitForIcon(page, 'notConnected');
    await saveIconShot(page, icon, 'notConnected');
    expect(await pendingBadge(page)).toBe('1');
    expect(await icon.getAttribute('aria-label')).toBe('Offline status: Not connected, Changes waiting to upload: 1');
    expect((await serverRow(suite.emulator, 'accounts', id)).name).toBe(account.name);

    // A slower server keeps the upload on screen long enough to see the globe spin.
    await setFaults(suite.emulator, { latencyMs: 600 });
    await setNetwork(session, true);
    await waitForIcon(page, 'syncing');
    await waitForIcon(page, 'connected');
    expect(await pendingBadge(page)).toBeNull();
    expect((await serverRow(suite.emulator, 'accounts', id)).name).toBe('Edited offline (e2e)');
  });

  it('shows Changes to upload while an edit waits for its upload, then Connected', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');

    // The engine waits ~2 s after an edit so a burst of edits goes up in one pass: the state shows meanwhile.
    await editOffline(page, 'account', String(account.accountid), { telephone1: '+1 555 0100' });
    await saveIconShot(page, await waitForIcon(page, 'pendingUpload', 1_500), 'pendingUpload');
    expect(await pendingBadge(page)).toBe('1');

    await waitForEngine(page, 'the edit uploaded', (s) => s.pendingCount === 0 && !s.syncing);
    await waitForIcon(page, 'connected');
    expect((await serverRow(suite.emulator, 'accounts', String(account.accountid))).telephone1).toBe('+1 555 0100');
  });
});
