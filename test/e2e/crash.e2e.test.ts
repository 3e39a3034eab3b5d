import type { Page } from 'playwright-core';
import type { SyncEngineApi } from '../../SyncEngine/contracts';
import { expectedDeviceRows, setFaults } from './support/emulatorAdmin';
import { REGISTRY_KEY, waitForEngine, waitForInitialSync } from './support/engine';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** Kills the renderer the way a crash or the OS killing the app would: no unload handlers, nothing flushed. */
async function crash(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  // The command never answers: the page it would answer from is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await Promise.race([crashed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}

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
    await reopened.goto(page.url());
    await waitForEngine(reopened, 'the queue uploaded after the crash', (s) => s.pendingCount === 0 && !s.syncing && s.errors.length === 0, 30_000);
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
});
