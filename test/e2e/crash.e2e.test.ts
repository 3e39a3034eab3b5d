import type { Page } from 'playwright-core';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { setNetwork, type UserSession } from './support/browser';
import { expectedDeviceRows, setFaults } from './support/emulatorAdmin';
import { crash } from './support/crash';
import { REGISTRY_KEY, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';

async function createOffline(page: Page, names: string[]): Promise<void> {
  await page.evaluate(
    async ({ key, names: all }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      for (const name of all) await engine.offline.createRecord('account', { name });
    },
    { key: REGISTRY_KEY, names },
  );
}

async function serverCount(name: string): Promise<number> {
  const url = `${suite.emulator.baseUrl}accounts?$select=accountid&$filter=${encodeURIComponent(`name eq '${name}'`)}`;
  const body = (await (await fetch(url)).json()) as { value: unknown[] };
  return body.value.length;
}

/** The names of the server's accounts starting with `prefix`, one entry per row (so a duplicate shows twice). */
async function serverNames(prefix: string): Promise<string[]> {
  const url = `${suite.emulator.baseUrl}accounts?$select=name&$filter=${encodeURIComponent(`startswith(name,'${prefix}')`)}`;
  const body = (await (await fetch(url, { headers: { Prefer: 'odata.maxpagesize=5000' } })).json()) as { value: { name: string }[] };
  return body.value.map((row) => row.name).sort();
}

/** The names of the queued creates, as the engine of `page` lists them. */
function queuedNames(page: Page): Promise<string[]> {
  return page.evaluate((key) => {
    const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
    const engine = engines ? [...engines.values()][0] : undefined;
    if (!engine) throw new Error('No sync engine on the page');
    return engine.listPending().map((e) => (typeof e.data?.name === 'string' ? e.data.name : ''));
  }, REGISTRY_KEY);
}

const sorted = (names: string[]): string[] => [...names].sort();

/**
 * Reopens the app after the kill, online, with every answer of the service slow: what the database kept shows in the
 * pending count seconds before the first upload can finish. (The service cannot be down instead: an engine started
 * without it cannot learn the user from WhoAmI, and opens another user's database.)
 */
async function reopenSlowly(session: UserSession, crashed: Page): Promise<Page> {
  await setFaults(suite.emulator, { latencyMs: 1_500 });
  const url = crashed.url();
  // The network emulation is the context's; it cannot be changed while the crashed tab is still open.
  await crashed.close();
  await session.context.setOffline(false);
  const reopened = await session.context.newPage();
  await reopened.goto(url);
  return reopened;
}

describe('the page killed in the middle of a sync', () => {
  it('mid-upload: after reopening, every change lands exactly once (a create whose first attempt landed counts as done)', async () => {
    const session = await suite.open('SyncStatusIcon');
    const { page } = session;
    await waitForInitialSync(page);
    const names = ['Crash test 1', 'Crash test 2', 'Crash test 3'];
    await createOffline(page, names);

    // Slow answers keep the upload in flight long enough to kill the page under it.
    await setFaults(suite.emulator, { latencyMs: 1_500 });
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.evaluate(async (key) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      void engines?.values().next().value?.syncNow().catch(() => undefined);
      // ~2 s debounce, then the health check and the $batch at 1.5 s each: kill while the batch is in flight.
      await new Promise((resolve) => setTimeout(resolve, 4_200));
    }, REGISTRY_KEY);
    await crash(page);
    await setFaults(suite.emulator, { latencyMs: 0 });

    const reopened = await session.context.newPage();
    const reqs: string[] = [];
    reopened.on('request', (r) => { if (r.method() !== 'GET') reqs.push(`${r.method()} ${r.url()} ${r.postData()?.slice(0, 300) ?? ''}`); });
    await reopened.goto(page.url());
    await waitForEngine(reopened, 'the queue uploaded after the crash', (s) => s.deviceRead && s.pendingCount === 0 && !s.syncing && s.errors.length === 0, 30_000);
    const counts = await Promise.all(names.map((n) => serverCount(n)));
    if (counts.some((c) => c !== 1)) {
      const all = await (await fetch(`${suite.emulator.baseUrl}accounts?$select=accountid,name,createdon&$filter=${encodeURIComponent("startswith(name,'Crash')")}`)).json();
      const diag = await reopened.evaluate((key) => {
        const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
        const e = engines ? [...engines.values()][0] : undefined;
        const st = e?.getStatus();
        return JSON.stringify({ n: engines?.size, errors: st?.errors, warnings: st?.warnings, pending: e?.listPending(), tables: st?.tables.map((t) => [t.table, t.rows]) });
      }, REGISTRY_KEY);
      const ls = await reopened.evaluate(() => JSON.stringify(Object.entries(localStorage)));
      console.log('DIAG', JSON.stringify(counts), JSON.stringify(all), diag, ls, JSON.stringify(reqs));
    }
    for (const name of names) expect(await serverCount(name)).toBe(1);
  });

  it('mid-download: after reopening, the tables already on the device stay and the first sync completes', async () => {
    // Contacts answer seconds after the other tables, which download together: the kill comes between them.
    await setFaults(suite.emulator, { latencyMs: 700, slowPaths: { contacts: 5_000 } });
    const session = await suite.open('SyncStatusIcon');
    const { page } = session;
    const expected = await expectedDeviceRows(suite.emulator);
    await waitForEngine(page, 'accounts downloaded, other tables still to come', (s) => s.rows.account > 0 && !s.initialSyncComplete);
    await crash(page);
    await setFaults(suite.emulator, { latencyMs: 0, slowPaths: {} });

    const reopened = await session.context.newPage();
    const downloads: string[] = [];
    reopened.on('request', (request) => {
      if (/\/api\/data\/v9\.2\/accounts\?/.test(request.url())) downloads.push(request.url());
    });
    await reopened.goto(page.url());
    const done = await waitForInitialSync(reopened);
    expect(done.rows).toEqual(expected);
    // The accounts table finished before the crash: it is not downloaded again.
    expect(downloads).toEqual([]);
  });

  it('right after Export is clicked with hundreds of changes queued: after reopening every change is queued and then uploads once', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    await setNetwork(session, false);
    const names = Array.from({ length: 300 }, (_, i) => `Export crash ${String(i).padStart(3, '0')}`);
    await createOffline(page, names);
    await waitForEngine(page, 'the large queue', (s) => s.pendingCount === names.length);

    await page.locator(CONTROL).getByRole('button', { name: 'Export changes' }).click();
    await crash(page);

    const reopened = await reopenSlowly(session, page);
    await waitForEngine(reopened, 'the queue restored', (s) => s.pendingCount === names.length);
    expect(sorted(await queuedNames(reopened))).toEqual(names);
    await setFaults(suite.emulator, { latencyMs: 0 });
    await waitForEngine(reopened, 'the queue uploaded', (s) => s.deviceRead && s.pendingCount === 0 && !s.syncing && s.errors.length === 0, 60_000);
    expect(await serverNames('Export crash ')).toEqual(names);
  });

  it('right after the Reset confirmation: none or exactly the confirmed changes are gone, and one queued after it survives', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await waitForInitialSync(page);
    await setNetwork(session, false);
    const confirmed = ['Reset crash confirmed 1', 'Reset crash confirmed 2', 'Reset crash confirmed 3'];
    await createOffline(page, confirmed);
    await waitForEngine(page, 'three changes queued', (s) => s.pendingCount === confirmed.length);

    const control = page.locator(CONTROL);
    await control.getByRole('button', { name: 'Reset offline data' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Reset offline data?' });
    expect(await dialog.textContent()).toContain('3 changes have not been uploaded yet and will be lost.');
    await dialog.getByRole('button', { name: 'Discard changes and reset' }).click();
    // App code queues a change between the confirmation and the kill.
    await createOffline(page, ['Reset crash late']);
    await crash(page);

    const reopened = await reopenSlowly(session, page);
    await waitForEngine(reopened, 'the engine reopened', (s) => s.pendingCount > 0);
    const queued = sorted(await queuedNames(reopened));
    // Nothing else: either the reset was refused (or never reached the clear) and all four wait, or exactly the three went.
    expect([sorted([...confirmed, 'Reset crash late']), ['Reset crash late']]).toContainEqual(queued);
    await setFaults(suite.emulator, { latencyMs: 0 });
    await waitForEngine(reopened, 'the queue uploaded', (s) => s.deviceRead && s.pendingCount === 0 && !s.syncing && s.errors.length === 0, 60_000);
    expect(await serverNames('Reset crash ')).toEqual(queued);
  });
});
