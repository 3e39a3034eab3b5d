import { savePageShot } from './support/artifacts';
import { setFaults } from './support/emulatorAdmin';
import { waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForText } from './support/ui';

const suite = e2eSuite();

describe('the service stops answering while the device is online', () => {
  it('says "Network or Service Unavailable" on the Offline Status page, and Online again once it answers', async () => {
    const { page } = await suite.open('OfflineStatusPage');
    await waitForInitialSync(page);
    await waitForText(page, 'Online');

    // Every connection to the emulator is cut without an answer, as when the network check gets no response.
    await setFaults(suite.emulator, { offline: true });
    await page.getByRole('button', { name: 'Sync now' }).click();

    await waitForText(page, 'Network or Service Unavailable');
    await waitForText(page, /new data is not synced/);
    await savePageShot(page, 'status-page-unavailable');

    await setFaults(suite.emulator, { offline: false });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await waitForEngine(page, 'online again', (s) => s.connectivity === 'online' && !s.syncing);
    await waitForText(page, 'Online');
    await expect(waitForText(page, 'Network or Service Unavailable', 1_000)).rejects.toThrow();
  });
});
