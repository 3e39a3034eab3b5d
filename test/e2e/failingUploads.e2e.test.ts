import type { Page } from 'playwright-core';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { serverRow, setFaults } from './support/emulatorAdmin';
import { REGISTRY_KEY, editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { waitForIcon } from './support/ui';

const suite = e2eSuite();

/** The sentence the icon should say for the engine's failing-uploads warning, its time as en-US shows it. */
function expectedSentence(page: Page): Promise<string | null> {
  return page.evaluate((key) => {
    const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
    const engine = engines ? [...engines.values()][0] : undefined;
    const warning = engine?.getStatus().warnings.find((w) => w.code === 'retrying');
    if (warning?.nextAttemptAt === undefined) return null;
    const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(new Date(warning.nextAttemptAt));
    return `Uploads are failing; next try at ${time}.`;
  }, REGISTRY_KEY);
}

describe('uploads that fail for a passing reason (HTTP 500)', () => {
  it('shows the icon in warning state saying uploads are failing and when the next try is, then recovers by itself', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);

    // Reads pass, so the health check answers and the pass "succeeds": only the upload itself fails, twice.
    await setFaults(suite.emulator, { writeErrorNext: 2, errorStatus: 500 });
    await editOffline(page, 'account', id, { description: 'Uploaded after two failed attempts' });

    await waitForEngine(page, 'a failing-uploads warning', (s) => s.warnings.includes('retrying') && s.pendingCount === 1 && !s.syncing);
    const icon = await waitForIcon(page, 'warning');
    expect(await icon.getAttribute('aria-label')).toBe('Offline status: Sync warning, Changes waiting to upload: 1');
    // The sentence names the engine's next try (read around it: a retry may fail again and move it meanwhile).
    const before = await expectedSentence(page);
    const description = await page.locator(`[id="${String(await icon.getAttribute('aria-describedby'))}"]`).textContent();
    const after = await expectedSentence(page);
    expect(description).toMatch(/^Uploads are failing; next try at \d{1,2}:\d{2}\s[AP]M\.$/);
    expect([before, after]).toContain(description);

    await icon.hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toMatch(/^Uploads are failing; next try at \d{1,2}:\d{2}\s[AP]M\.$/);

    // Nothing but time: the change is sent again after its backoff and goes through.
    await waitForEngine(page, 'uploaded', (s) => s.warnings.length === 0 && s.pendingCount === 0 && !s.syncing, 30_000);
    await page.mouse.move(0, 0);
    await waitForIcon(page, 'connected');
    expect((await serverRow(suite.emulator, 'accounts', id)).description).toBe('Uploaded after two failed attempts');
  });
});
