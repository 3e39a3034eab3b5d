import type { Page } from 'playwright-core';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { saveElementShot } from './support/artifacts';
import { REGISTRY_KEY, waitForInitialSync } from './support/engine';
import { refuseAContactEdit } from './support/refusedEdit';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** What the notification region says right now. */
function noticeText(page: Page): Promise<string> {
  return page.getByRole('status', { name: 'Sync notifications' }).innerText();
}

/** Runs one engine action from the page, as the status page's buttons do. */
function engineAction(page: Page, action: 'refreshTable' | 'discardFirstError'): Promise<void> {
  return page.evaluate(
    async ({ key, what }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      if (what === 'refreshTable') await engine.refreshTable('account');
      else await engine.discardError(engine.getStatus().activeErrors[0].id);
    },
    { key: REGISTRY_KEY, what: action },
  );
}

describe('sync notifications', () => {
  it('takes the error notice down when its error is discarded, and offers no dead instruction meanwhile', async () => {
    const { page } = await suite.open('SyncNotifications');
    await waitForInitialSync(page);
    await refuseAContactEdit(page, suite.emulator);

    await page.getByText('Changes that couldn’t be synchronized: 1.').waitFor();
    // Alone on the page, nothing can open the status page: the notice neither offers it nor tells the user to.
    expect(await page.getByRole('button', { name: 'Open Offline Status' }).count()).toBe(0);
    expect(await noticeText(page)).not.toContain('Open the Offline Status page');
    await saveElementShot(page.getByRole('status', { name: 'Sync notifications' }), 'notice-error');

    await engineAction(page, 'discardFirstError');
    await page.waitForFunction(() => !document.body.innerText.includes('couldn’t be synchronized'), undefined, { timeout: 5_000 });
  });

  it('keeps "Updating data…" on screen for about 2 s after a refresh that takes milliseconds', async () => {
    const { page } = await suite.open('SyncNotifications');
    await waitForInitialSync(page);
    // The page itself records when the notice comes and goes, so polling adds nothing to what is measured.
    await page.evaluate(() => {
      const region = document.querySelector('[role="status"]');
      const times: { shown?: number; hidden?: number } = {};
      (window as unknown as { noticeTimes: typeof times }).noticeTimes = times;
      new MutationObserver(() => {
        const showing = (region?.textContent ?? '').includes('Updating data…');
        if (showing) times.shown ??= performance.now();
        else if (times.shown !== undefined) times.hidden ??= performance.now();
      }).observe(region ?? document.body, { childList: true, subtree: true, characterData: true });
    });
    const started = Date.now();
    await engineAction(page, 'refreshTable');
    const refreshMs = Date.now() - started;
    expect(await noticeText(page)).toContain('Updating data…');
    await page.waitForFunction(() => (window as unknown as { noticeTimes: { hidden?: number } }).noticeTimes.hidden !== undefined, undefined, { timeout: 6_000 });
    const times = await page.evaluate(() => (window as unknown as { noticeTimes: { shown: number; hidden: number } }).noticeTimes);
    const shownMs = times.hidden - times.shown;
    expect(shownMs).toBeGreaterThanOrEqual(1_950);
    expect(shownMs).toBeLessThan(Math.max(refreshMs, 2_000) + 1_000);
  });
});
