import { saveElementShot, saveIconShot } from './support/artifacts';
import { expectedDeviceRows, setFaults } from './support/emulatorAdmin';
import { waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForIcon, waitForText } from './support/ui';

const suite = e2eSuite();

describe('first load of an app with offline tables', () => {
  it('tells the user how many rows the first sync has downloaded, and clears the message when it is done', async () => {
    // Slow answers stretch the first sync over a few seconds, as on a real network, so the message can be read.
    await setFaults(suite.emulator, { latencyMs: 400 });
    const { page } = await suite.open('SyncNotifications');

    // The notice is up from the first request ("Rows downloaded: 0"); wait until rows have landed.
    const message = await waitForText(page, /Downloading offline data\. Rows downloaded: [1-9][\d,]*/);
    await saveElementShot(page.getByRole('status', { name: 'Sync notifications' }), 'notification-initial-sync');
    const rows = Number(/Rows downloaded: ([\d,]+)/.exec(await message.innerText())![1].replace(/,/g, ''));
    const expected = Object.values(await expectedDeviceRows(suite.emulator)).reduce((a, b) => a + b, 0);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(expected);

    await waitForInitialSync(page);
    await expect(waitForText(page, /Downloading offline data/, 2_000)).rejects.toThrow();
  });

  it('spins the globe while the first sync runs, then shows Connected with every profile row on the device', async () => {
    await setFaults(suite.emulator, { latencyMs: 400 });
    const { page } = await suite.open('SyncStatusIcon');

    await saveIconShot(page, await waitForIcon(page, 'syncing'), 'syncing');
    const done = await waitForInitialSync(page);
    await saveIconShot(page, await waitForIcon(page, 'connected'), 'connected');
    expect(done.rows).toEqual(await expectedDeviceRows(suite.emulator));
  });
});
