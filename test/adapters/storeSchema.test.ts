import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { SCHEMA_KEY } from '../../SyncEngine/adapters/indexeddb/dbSchema';
import { MIGRATIONS, SCHEMA_VERSION } from '../../SyncEngine/adapters/indexeddb/migrations';
import { SUITE_VERSION } from '../../SyncEngine/contracts/suiteVersion';
import { dumpDatabase, restoreDatabase, type DatabaseDump } from '../support/databaseDump';
import { SCHEMA } from '../contracts/fixtures';

const NAME = 'schema-test';

function fixture(release: string): DatabaseDump {
  return JSON.parse(readFileSync(join(__dirname, '..', 'upgrade', 'fixtures', release, 'database.json'), 'utf8')) as DatabaseDump;
}

/** A database as a later release might leave it: one more version, a store this code has never heard of. */
async function newerDatabase(factory: IDBFactory): Promise<void> {
  const dump = fixture('0.1.0');
  await restoreDatabase(factory, {
    ...dump,
    name: NAME,
    version: SCHEMA_VERSION + 1,
    stores: [...dump.stores, { name: 'future', keyPath: null, autoIncrement: false, records: [{ key: 'k', value: { v: 1 } }] }],
  });
}

describe('the offline database schema', () => {
  it('has one migration per version, in order, ending at the version this code writes', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('is stamped with the release that created it', async () => {
    const factory = new IDBFactory();
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await store.open(SCHEMA);
    expect(await store.getValue(SCHEMA_KEY)).toMatchObject({ version: SCHEMA_VERSION, writtenBy: SUITE_VERSION, upgradedFrom: 0 });
    await store.clear();
    expect(await store.getValue(SCHEMA_KEY)).toMatchObject({ version: SCHEMA_VERSION });
    store.close();
  });

  it('knows its release as package.json does', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(SUITE_VERSION).toBe(pkg.version);
  });

  it('upgrades a 0.1.0 database in order and says from which version', async () => {
    const factory = new IDBFactory();
    await restoreDatabase(factory, fixture('0.1.0'), NAME);
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await store.open(SCHEMA);
    expect(await store.getValue(SCHEMA_KEY)).toMatchObject({ version: SCHEMA_VERSION, upgradedFrom: 1 });
    store.close();
    const after = await dumpDatabase(factory, NAME, '', '');
    const chunks = after.stores.find((s) => s.name === 'chunks')?.records ?? [];
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(typeof (chunk.value as { text: string[] }).text[0]).toBe('string');
  });

  it('refuses a database of a newer release with a clear error and leaves it exactly as it was', async () => {
    const factory = new IDBFactory();
    await newerDatabase(factory);
    const before = await dumpDatabase(factory, NAME, '', '');
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    const opening = store.open(SCHEMA);
    await expect(opening).rejects.toMatchObject({ code: 'store-newer-version', name: 'StoreVersionError' });
    await expect(opening).rejects.toThrow(`schema ${SCHEMA_VERSION + 1}`);
    expect(await dumpDatabase(factory, NAME, '', '')).toEqual(before);
  });

  it('refuses a database whose schema record names a newer version than it has, and does not rewrite it', async () => {
    const factory = new IDBFactory();
    const dump = fixture('0.1.0');
    const values = dump.stores.find((s) => s.name === 'values');
    values?.records.push({ key: SCHEMA_KEY, value: { version: SCHEMA_VERSION + 3, writtenBy: '9.0.0', upgradedFrom: 1, at: 1 } });
    await restoreDatabase(factory, { ...dump, version: SCHEMA_VERSION }, NAME);
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await expect(store.open(SCHEMA)).rejects.toMatchObject({ code: 'store-newer-version' });
    const after = await dumpDatabase(factory, NAME, '', '');
    expect(after.stores.find((s) => s.name === 'values')?.records).toContainEqual({ key: SCHEMA_KEY, value: expect.objectContaining({ version: SCHEMA_VERSION + 3 }) });
  });

  it('upgrades past a chunk it cannot read, leaving that chunk as it was', async () => {
    const factory = new IDBFactory();
    const dump = fixture('0.1.0');
    const chunks = dump.stores.find((s) => s.name === 'chunks');
    chunks?.records.push({ key: ['account', 999], value: { table: 'account', chunkId: 999, generation: 1, rows: 'truncated' } });
    await restoreDatabase(factory, dump, NAME);
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await store.open(SCHEMA);
    store.close();
    const after = await dumpDatabase(factory, NAME, '', '');
    expect(after.version).toBe(SCHEMA_VERSION);
    expect(after.stores.find((s) => s.name === 'chunks')?.records).toContainEqual({ key: ['account', 999], value: expect.objectContaining({ rows: 'truncated' }) });
  });
});
