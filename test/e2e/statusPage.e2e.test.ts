import type { Page } from 'playwright-core';
import { saveElementShot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { setNetwork } from './support/browser';
import { serverRow, setFaults } from './support/emulatorAdmin';
import { editOffline, firstOfflineRow, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';
import { openStatusPanel, waitForText } from './support/ui';

const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';

const UNITS: Readonly<Record<string, number>> = { bytes: 1, byte: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** "439.5 kB" (Intl's units in English, binary steps) → bytes, with how far the rounding to one decimal may be off. */
function parseSize(text: string): { bytes: number; slack: number } {
  const match = /([\d.,]+) (bytes|byte|kB|MB|GB)/.exec(text);
  if (!match) throw new Error(`No size in "${text}"`);
  const unit = UNITS[match[2]];
  return { bytes: Number(match[1].replace(/,/g, '')) * unit, slack: unit === 1 ? 0 : 0.05 * unit };
}

interface PageNumbers {
  storage: string | null;
  phase: string | null;
  tables: { name: string; size: string; state: string }[];
}

/** What the status page shows at one instant, read in one go so the numbers come from one render. */
function readNumbers(page: Page): Promise<PageNumbers> {
  return page.evaluate((root) => {
    const control = document.querySelector(root);
    const lines = [...(control?.querySelectorAll('p') ?? [])].map((p) => p.textContent);
    const tables = [...(control?.querySelectorAll('[role="listitem"]') ?? [])].flatMap((item) => {
      const name = item.querySelector('h4')?.textContent ?? '';
      const texts = [...item.querySelectorAll('p, span')].map((el) => el.textContent);
      const size = texts.find((t) => t.startsWith('Size: ')) ?? '';
      const state = texts.find((t) => t.startsWith('State: ')) ?? '';
      return name === '' || state === '' ? [] : [{ name, size, state }];
    });
    return {
      storage: lines.find((t) => t.startsWith('Offline data uses')) ?? null,
      phase: lines.find((t) => t.startsWith('Downloading ')) ?? null,
      tables,
    };
  }, CONTROL);
}

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

  it('gives a storage total that is the sum of the sizes of the tables it lists', async () => {
    const { page } = await suite.open('OfflineStatusPage');
    await waitForInitialSync(page);
    await waitForText(page, /Last synced: /);
    const numbers = await readNumbers(page);
    expect(numbers.tables).toHaveLength(5);
    const sizes = numbers.tables.map((t) => parseSize(t.size));
    const total = parseSize(numbers.storage ?? '');
    const sum = sizes.reduce((a, b) => a + b.bytes, 0);
    const slack = sizes.reduce((a, b) => a + b.slack, total.slack);
    expect(sum).toBeGreaterThan(0);
    expect(Math.abs(total.bytes - sum)).toBeLessThanOrEqual(slack);
  });

  it('during a slow first sync, "table k of n" and the table being fetched agree with the tables shown done', async () => {
    await setFaults(suite.emulator, { latencyMs: 120 });
    const { page } = await suite.open('OfflineStatusPage');
    const samples: PageNumbers[] = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const numbers = await readNumbers(page);
      if (numbers.phase !== null) samples.push(numbers);
      if (numbers.tables.length > 0 && numbers.tables.every((t) => t.state === 'State: available')) break;
      if (Date.now() > deadline) throw new Error(`The first sync did not finish: ${JSON.stringify(numbers)}`);
      await page.waitForTimeout(40);
    }
    const downloads = samples.flatMap((s) => {
      const match = /^Downloading (.+): table (\d+) of (\d+)$/.exec(s.phase ?? '');
      return match ? [{ ...s, table: match[1], k: Number(match[2]), n: Number(match[3]) }] : [];
    });
    // Several tables were seen being fetched, not only the first one (several at once: tables download in parallel,
    // and the phase names one of those being fetched).
    const fetched = new Set(downloads.flatMap((d) => d.tables.filter((t) => t.state.startsWith('State: syncing')).map((t) => t.name)));
    expect(fetched.size).toBeGreaterThan(2);
    for (const d of downloads) {
      expect(d.n).toBe(5);
      expect({ table: d.table, done: d.tables.filter((t) => t.state === 'State: available').length }).toEqual({ table: d.table, done: d.k - 1 });
      expect(d.tables.find((t) => t.name === d.table)?.state).toMatch(/^State: syncing/);
    }
  });

  it('asks before discarding a queued change, naming the table, the record and the value that goes', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    const account = await firstOfflineRow(page, 'account');
    const id = String(account.accountid);
    await setNetwork(session, false);
    await editOffline(page, 'account', id, { telephone1: '+1 555 0142' });

    const pending = page.getByRole('region', { name: /Pending uploads/ });
    await pending.getByRole('button', { name: `Discard ${String(account.name)}` }).click();
    // The alertdialog element itself has no box (Fluent positions its contents fixed): its visible surface is wanted.
    const dialog = page.getByRole('alertdialog', { name: 'Discard this change?' }).locator('.ms-Dialog-main');
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toContain('Table: Accounts');
    expect(said).toContain(`Record: ${String(account.name)}`);
    expect(said).toContain('telephone1: +1 555 0142');
    await saveElementShot(dialog, 'discardDialog-pending');
    expect((await waitForEngine(page, 'the edit still queued', () => true)).pendingCount).toBe(1);

    await dialog.getByRole('button', { name: 'Discard change' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForEngine(page, 'the edit discarded', (s) => s.pendingCount === 0);
    expect((await serverRow(suite.emulator, 'accounts', id)).telephone1 ?? null).toBe(account.telephone1 ?? null);
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
