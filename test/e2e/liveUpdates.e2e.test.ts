import type { Page } from 'playwright-core';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** The icon state drawn right now, read without any help to the harness (see E2E_HARNESS_RERENDER). */
function drawnIconState(page: Page): Promise<string | null> {
  return page.locator('button[data-icon-state]').first().getAttribute('data-icon-state');
}

describe('the controls follow the engine by themselves', () => {
  it('redraws the globe when the status changes, without the host re-rendering the form', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');

    await editOffline(page, 'account', String(account.accountid), { telephone1: '+1 555 0199' });
    await waitForEngine(page, 'the edit queued', (s) => s.iconState === 'pendingUpload');
    await page.waitForTimeout(300);

    expect(await drawnIconState(page)).toBe('pendingUpload');
  });
});
