import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION } from '../../SyncEngine/adapters/indexeddb/migrations';
import { startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { api, getJson, readAll } from '../dataverse-emulator/testing';
import { dumpDatabase, restoreDatabase, type DatabaseDump } from '../support/databaseDump';
import { startHttpEngine, waitUntil } from '../support/httpEngine';
import { RealHost } from '../support/RealHost';
import type { FixtureExpectations } from './storeFixture';
import { UPGRADE_DB, UPGRADE_PROFILE } from './upgradeProfile';

const FIXTURES = join(__dirname, 'fixtures');
const releases = readdirSync(FIXTURES).sort();

function readJson(release: string, file: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, release, file), 'utf8'));
}

/** Every request that changes something on the server, as `METHOD url` ($batch parts are counted by the emulator's rows). */
function writeLog(): { fetch: typeof fetch; writes: string[] } {
  const writes: string[] = [];
  const spy: typeof fetch = (input, init) => {
    const method = init?.method ?? 'GET';
    if (method !== 'GET') writes.push(`${method} ${input instanceof Request ? input.url : input.toString()}`);
    return fetch(input, init);
  };
  return { fetch: spy, writes };
}

async function fileContent(emulator: RunningEmulator, entitySet: string, id: string, column: string): Promise<string> {
  const response = await api(emulator, `${entitySet}(${id})/${column}/$value`);
  return Buffer.from(await response.arrayBuffer()).toString('base64');
}

describe.each(releases)('a device database written by release %s', (release) => {
  let emulator: RunningEmulator;
  let dir: string;
  const dump = readJson(release, 'database.json') as DatabaseDump;
  const expected = readJson(release, 'expect.json') as FixtureExpectations;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oss-upgrade-'));
    copyFileSync(join(FIXTURES, release, 'server.json'), join(dir, 'server.json'));
    emulator = await startEmulator({ dataFile: join(dir, 'server.json') });
  });

  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in this release with its queue whole: every queued change uploads once, errors and conflicts stay listed', async () => {
    const factory = new IDBFactory();
    await restoreDatabase(factory, dump);
    const wire = writeLog();
    const host = new RealHost();
    const { engine, store } = await startHttpEngine({ emulator, factory, host, dbName: UPGRADE_DB, profile: UPGRADE_PROFILE, maker: { conflictDetection: true }, fetch: wire.fetch });
    try {
      // What the old release had queued is there before anything uploads.
      expect(engine.getStatus().pendingCount).toBe(expected.pendingCount + expected.failedCount);
      await engine.syncNow();
      expect(await waitUntil(() => !engine.getStatus().isSyncing && engine.getStatus().pendingCount === expected.failedCount, 20_000)).toBe(true);

      for (const created of expected.created) {
        const row = await getJson(emulator, `${created.entitySet}(${created.id})`);
        expect(row).toMatchObject(created.values);
      }
      const named = await readAll(emulator, `accounts?$filter=name eq 'Created offline'`);
      expect(named.rows).toHaveLength(1);
      for (const updated of expected.updated) expect(await getJson(emulator, `${updated.entitySet}(${updated.id})`)).toMatchObject(updated.values);
      for (const deleted of expected.deleted) expect((await api(emulator, `${deleted.entitySet}(${deleted.id})`)).status).toBe(404);
      for (const file of expected.files) expect(await fileContent(emulator, file.entitySet, file.id, file.column)).toBe(file.base64);
      expect(engine.getStatus().errors.map((e) => e.code).sort()).toEqual(expect.arrayContaining(expected.errorCodes));

      // Once is once: another sync sends nothing more.
      const sent = wire.writes.length;
      await engine.syncNow();
      expect(wire.writes.slice(sent)).toEqual([]);

      // The downloaded rows are still read from the migrated chunks: the device has the server's accounts, and the
      // refused create that waits for the user.
      const server = new Set((await readAll(emulator, 'accounts?$select=accountid')).rows.map((r) => String(r.accountid)));
      const device = await store.listIds('account');
      const heldCreates = engine.listPending().filter((e) => e.op === 'create' && e.state === 'failed').map((e) => e.rowId);
      expect(device.filter((id) => !server.has(id)).sort()).toEqual(heldCreates.sort());
      expect(device.length).toBe(server.size + heldCreates.length);
      for (const id of [...server].slice(0, 20)) expect((await store.getRow('account', id))?.accountid).toBe(id);
    } finally {
      engine.dispose();
    }
    const after = await dumpDatabase(factory, UPGRADE_DB, '', '');
    expect(after.version).toBe(SCHEMA_VERSION);
    const chunks = after.stores.find((s) => s.name === 'chunks')?.records ?? [];
    for (const chunk of chunks) expect(chunk.value).not.toHaveProperty('rows');
  });
});
