import type { Page } from 'playwright-core';
import { waitForEngine, waitForInitialSync } from './support/engine';
import { crash } from './support/crash';
import { e2eSuite } from './support/suite';

const suite = e2eSuite();

/** Chunks of 0.1.0 row objects to migrate: enough that the upgrade runs for a while in Chromium. */
const CHUNKS = 150;
const ROWS_PER_CHUNK = 200;
const CREATES = ['Upgrade kill 1', 'Upgrade kill 2', 'Upgrade kill 3', 'Upgrade kill 4', 'Upgrade kill 5'];

/**
 * In a page of the harness's origin that runs no engine: replaces the device database with one as 0.1.0 left it
 * (IndexedDB version 1, chunks of row objects with their directory, a table mid-life, five creates queued), and
 * forgets the eviction marker so the test sees the upgrade and nothing else.
 */
async function writeRelease010Database(page: Page, name: string): Promise<void> {
  await page.evaluate(
    async ({ name, chunks, rowsPerChunk, creates }) => {
      const done = <T,>(request: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
        });
      localStorage.clear();
      await done(indexedDB.deleteDatabase(name) as unknown as IDBRequest<unknown>);
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('chunks', { keyPath: ['table', 'chunkId'] });
        db.createObjectStore('dirs', { keyPath: ['table', 'chunkId'] });
        db.createObjectStore('overrides', { keyPath: ['table', 'id'] });
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('meta', { keyPath: 'table' });
        db.createObjectStore('stats', { keyPath: 'table' });
        db.createObjectStore('errors', { keyPath: 'id' });
        db.createObjectStore('values');
      };
      const db = await done(open);
      const tx = db.transaction(['chunks', 'dirs', 'outbox', 'meta'], 'readwrite');
      const filler = 'x'.repeat(300);
      for (let c = 1; c <= chunks; c++) {
        const ids: string[] = [];
        const rows: Record<string, unknown>[] = [];
        for (let r = 0; r < rowsPerChunk; r++) {
          const id = `00000000-0000-4000-8000-${String(c * 1000 + r).padStart(12, '0')}`;
          ids.push(id);
          rows.push({ accountid: id, name: `Old row ${String(c)}-${String(r)}`, description: filler, statecode: 0, '@odata.etag': 'W/"1"' });
        }
        tx.objectStore('chunks').put({ table: 'account', chunkId: c, generation: 1, rows });
        tx.objectStore('dirs').put({ table: 'account', chunkId: c, generation: 1, ids, bytes: ids.map(() => 400), cols: {} });
      }
      tx.objectStore('meta').put({ table: 'account', generation: 1, initialComplete: true, lastSyncedAt: 0 });
      creates.forEach((created, i) => {
        const id = `0c0c0c0c-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
        tx.objectStore('outbox').add({ table: 'account', rowId: id, op: 'create', data: { name: created, accountid: id }, recordName: created, createdAt: Date.now(), attempts: 0, state: 'pending' });
      });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
    },
    { name, chunks: CHUNKS, rowsPerChunk: ROWS_PER_CHUNK, creates: CREATES },
  );
}

/** What the database holds, read from a page that runs no engine (opening without a version never upgrades). */
function databaseShape(page: Page, name: string): Promise<{ version: number; objectChunks: number; textChunks: number; queued: number }> {
  return page.evaluate(async (dbName) => {
    const done = <T,>(request: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
      });
    const db = await done(indexedDB.open(dbName));
    const tx = db.transaction(['chunks', 'outbox']);
    const chunks = (await done(tx.objectStore('chunks').getAll())) as { rows?: unknown; text?: unknown }[];
    const queued = await done(tx.objectStore('outbox').count());
    const shape = { version: db.version, objectChunks: chunks.filter((c) => c.rows !== undefined).length, textChunks: chunks.filter((c) => c.text !== undefined).length, queued };
    db.close();
    return shape;
  }, name);
}

/** Test instrumentation, not product code: tells whether an upgrade of the offline database started and ended. */
function watchUpgrades(): void {
  const open = IDBFactory.prototype.open;
  const flags = globalThis as unknown as { upgradeStarted?: boolean; upgradeDone?: boolean };
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
    const request = version === undefined ? open.call(this, name) : open.call(this, name, version);
    request.addEventListener('upgradeneeded', () => {
      flags.upgradeStarted = true;
      request.transaction?.addEventListener('complete', () => {
        flags.upgradeDone = true;
      });
    });
    return request;
  };
}

async function serverCount(name: string): Promise<number> {
  const url = `${suite.emulator.baseUrl}accounts?$select=accountid&$filter=${encodeURIComponent(`name eq '${name}'`)}`;
  return ((await (await fetch(url)).json()) as { value: unknown[] }).value.length;
}

describe('an upgrade from 0.1.0 killed half-way', () => {
  it('leaves the database as 0.1.0 had it, and the next start upgrades it and uploads every queued change once', async () => {
    const session = await suite.open('SyncStatusIcon');
    const { page, context } = session;
    await waitForInitialSync(page);
    const harnessUrl = page.url();
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    const name = names.find((n) => n.startsWith('oss:'));
    if (!name) throw new Error(`no offline database among ${names.join(', ')}`);

    // Away from the harness (its engine closes the database), then the device as 0.1.0 left it.
    await page.goto(new URL('/no-engine-here', harnessUrl).href);
    await writeRelease010Database(page, name);
    expect(await databaseShape(page, name)).toEqual({ version: 1, objectChunks: CHUNKS, textChunks: 0, queued: CREATES.length });

    const upgrading = await context.newPage();
    await upgrading.addInitScript(watchUpgrades);
    await upgrading.goto(harnessUrl);
    await upgrading.waitForFunction(() => (globalThis as { upgradeStarted?: boolean }).upgradeStarted === true, undefined, { polling: 5, timeout: 30_000 });
    const beforeKill = await upgrading.evaluate(() => (globalThis as { upgradeDone?: boolean }).upgradeDone === true);
    await crash(upgrading);
    // The kill came while the upgrade ran (otherwise this test proves nothing).
    expect(beforeKill).toBe(false);

    // All or nothing: still 0.1.0's database, every chunk and every queued change as it was.
    expect(await databaseShape(page, name)).toEqual({ version: 1, objectChunks: CHUNKS, textChunks: 0, queued: CREATES.length });

    const reopened = await context.newPage();
    await reopened.goto(harnessUrl);
    await waitForEngine(reopened, 'the queue uploaded after the upgrade', (s) => s.pendingCount === 0 && !s.syncing && s.initialSyncComplete, 60_000);
    for (const created of CREATES) expect(await serverCount(created)).toBe(1);
    await reopened.goto(new URL('/no-engine-here', harnessUrl).href);
    const after = await databaseShape(reopened, name);
    expect(after).toMatchObject({ version: 2, objectChunks: 0, queued: 0 });
  }, 120_000);
});
