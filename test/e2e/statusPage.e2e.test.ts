import { saveElementShot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { openStatusPanel, waitForText } from './support/ui';

const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';

describe('the Offline Status page', () => {
  it('shows every table after the first sync and has no axe violations', async () => {
    const { page } = await suite.open('OfflineStatusPage');
    await waitForInitialSync(page);
    await waitForText(page, /Last synced: /);

    await saveElementShot(page.locator(CONTROL), 'status-page');
    for (const table of ['Accounts', 'Contacts', 'Work Orders', 'Bookings', 'Customer Assets']) {
      await expect(page.getByRole('heading', { name: table, level: 4 }).isVisible()).resolves.toBe(true);
    }
    expect(await axeViolations(page, CONTROL)).toEqual([]);
  });

  it('opens from the globe in a panel that has no axe violations', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);

    const panel = await openStatusPanel(page);
    await waitForText(page, /Last synced: /);
    await saveElementShot(panel, 'status-panel');
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);

    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'hidden' });
  });
});
