import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { CHUNK_ROWS } from '../../SyncEngine/adapters/indexeddb/dbSchema';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { storeNameFor } from '../../SyncEngine/adapters/indexeddb/storeName';
import { QuotaError } from '../../SyncEngine/contracts/errors';
import { describeRecordStoreContract } from '../contracts/recordStoreContract';
import type { Row } from '../../SyncEngine/contracts/rows';
import { SCHEMA, account, accounts, download, entry, meta } from '../contracts/fixtures';

let factory: IDBFactory;
const NAME = storeNameFor('Org-1', 'User-1');

describeRecordStoreContract(
  'IndexedDbStore',
  () => {
    factory = new IDBFactory();
    return Promise.resolve(new IndexedDbStore({ name: NAME, indexedDB: factory }));
  },
  { reopen: () => Promise.resolve(new IndexedDbStore({ name: NAME, indexedDB: factory })) },
);

const chunksOf = (rows: number): number => Math.ceil(rows / CHUNK_ROWS);

describe('storeNameFor', () => {
  it('names one database per organisation and user, whatever the case of their ids', () => {
    expect(storeNameFor('ORG-A', 'User-B')).toBe('oss:org-a:user-b');
    expect(storeNameFor('org-a', 'user-b')).toBe(storeNameFor('ORG-A', 'USER-B'));
  });
});

describe('IndexedDbStore (adapter specifics)', () => {
  let store: IndexedDbStore;

  beforeEach(async () => {
    factory = new IDBFactory();
    store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await store.open(SCHEMA);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    store.close();
  });

  /** A second connection to the store's database, to look at or change the raw records. */
  async function rawDb(): Promise<IDBPDatabase> {
    const db = await wrap(factory.open(NAME));
    if (!db) throw new Error('no database');
    return db;
  }

  /** Record counts of the raw object stores, read through a second connection. */
  async function records(): Promise<Record<string, number>> {
    const db = await rawDb();
    const counts: Record<string, number> = {};
    for (const name of ['chunks', 'dirs', 'overrides', 'outbox']) counts[name] = await db.count(name);
    db.close();
    return counts;
  }

  /** Simulates a full disk: puts either throw `QuotaExceededError` or abort their transaction with it. */
  function fillDisk(how: 'throw' | 'abort'): void {
    const put = IDBObjectStore.prototype.put;
    jest.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (how === 'throw') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const request = put.call(this, value, key);
      // fake-indexeddb's own abort path, the one a failed commit takes: the transaction aborts with this error.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
  }

  describe('IndexedDbStore layout', () => {
    it(`writes a 5,000-row page as ${5000 / CHUNK_ROWS} chunks of ${CHUNK_ROWS} rows and as many directory records, not 5,000 records`, async () => {
      await download(store, 'account', accounts(5000));
      expect(await records()).toEqual({ chunks: 5000 / CHUNK_ROWS, dirs: 5000 / CHUNK_ROWS, overrides: 0, outbox: 0 });
    });

    it('writes a small delta and local changes as per-row overrides on top of the chunks', async () => {
      await download(store, 'account', accounts(1000));
      await store.applyPage('account', { rows: [account('a-1', { name: 'delta' })], deletedIds: ['a-2'], generation: 1 }, meta('account', 1));
      await store.writeLocal({ table: 'account', rowId: 'a-3', row: account('a-3', { name: 'mine' }), entry: entry('account', 'a-3') });
      expect(await records()).toEqual({ chunks: chunksOf(1000), dirs: chunksOf(1000), overrides: 3, outbox: 1 });
      expect((await store.getRow('account', 'a-1'))?.name).toBe('delta');
    });

    it('drops the overrides a later full page supersedes, except rows with outbox entries', async () => {
      await download(store, 'account', accounts(1000));
      await store.applyPage('account', { rows: [account('a-1', { name: 'delta' })], deletedIds: ['a-2'], generation: 1 }, meta('account', 1));
      await store.writeLocal({ table: 'account', rowId: 'a-3', row: account('a-3', { name: 'mine' }), entry: entry('account', 'a-3') });
      await download(store, 'account', accounts(1000), 2);
      expect(await records()).toMatchObject({ chunks: 2 * chunksOf(1000), overrides: 1 });
      expect(await store.removeStale('account', 2, meta('account', 2))).toBe(0);
      expect(await records()).toMatchObject({ chunks: chunksOf(1000), dirs: chunksOf(1000), overrides: 1 });
      expect((await store.getRow('account', 'a-2'))?.name).toBe('Account a-2');
      expect((await store.getRow('account', 'a-3'))?.name).toBe('mine');
    });

    it('moves a stale row with an outbox entry out of its chunk before dropping the chunk', async () => {
      await download(store, 'account', accounts(600));
      const written = await store.writeLocal({ table: 'account', rowId: 'a-3', row: account('a-3', { name: 'mine' }), entry: entry('account', 'a-3') });
      // Retargeting the entry is the one way through the port to an outbox entry whose row only lives in a chunk.
      await store.updateOutbox({ ...written, rowId: 'a-7' });
      expect(await store.removeStale('account', 2, meta('account', 2))).toBe(598);
      expect(await store.getRow('account', 'a-7')).toEqual(account('a-7', { statecode: 1 }));
      expect(await records()).toEqual({ chunks: 0, dirs: 0, overrides: 2, outbox: 1 });
    });
  });

  describe('IndexedDbStore chunk format', () => {
    /** Rewrites every chunk record through a second connection, as another release of the store would have written it. */
    async function rewriteChunks(change: (record: { text?: string[]; rows?: Row[] }) => void): Promise<void> {
      store.close();
      const db = await rawDb();
      const tx = db.transaction('chunks', 'readwrite');
      for (const record of (await tx.store.getAll()) as { text?: string[]; rows?: Row[] }[]) {
        change(record);
        await tx.store.put(record);
      }
      await tx.done;
      db.close();
      store = new IndexedDbStore({ name: NAME, indexedDB: factory });
      await store.open(SCHEMA);
    }

    it('writes each chunk row as its JSON text, so a read by id parses one row, not the chunk', async () => {
      await download(store, 'account', accounts(300));
      const db = await rawDb();
      const chunk = (await db.getAll('chunks'))[0] as { text?: string[]; rows?: Row[] };
      db.close();
      expect(chunk.rows).toBeUndefined();
      expect(chunk.text?.map((json) => JSON.parse(json) as Row)).toEqual(accounts(300).slice(0, CHUNK_ROWS));
    });

    it('reads, queries, compacts and removes stale rows of chunks holding row objects, as 0.1.0 wrote them', async () => {
      await download(store, 'account', accounts(300));
      await rewriteChunks((record) => {
        record.rows = (record.text ?? []).map((json) => JSON.parse(json) as Row);
        delete record.text;
      });
      expect(await store.getRow('account', 'a-7')).toEqual(account('a-7', { statecode: 1 }));
      const active = await store.queryRows('account', { equals: { column: 'statecode', value: 0 } });
      expect(active.map((row) => row.accountid)).toEqual(accounts(300).filter((row) => row.statecode === 0).map((row) => row.accountid));
      // Rows handed out are the caller's: changing one leaves the stored copy as it was.
      (await store.getRow('account', 'a-7'))!.name = 'changed by the caller';
      expect((await store.getRow('account', 'a-7'))?.name).toBe('Account a-7');
      await store.applyPage('account', { rows: [account('a-1', { name: 'delta' })], deletedIds: [], generation: 1 }, meta('account', 1));
      await store.compact('account');
      expect((await store.getRow('account', 'a-1'))?.name).toBe('delta');
      expect((await store.getRow('account', 'a-2'))?.name).toBe('Account a-2');
      expect(await store.removeStale('account', 2, meta('account', 2))).toBe(300);
      expect(await store.getRow('account', 'a-2')).toBeNull();
    });
  });

  describe('IndexedDbStore secondary indexes', () => {
    function countChunkReads(): { count: number } {
      const reads = { count: 0 };
      const get = IDBObjectStore.prototype.get;
      jest.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
        if (this.name === 'chunks') reads.count++;
        return get.call(this, key);
      });
      return reads;
    }

    it('reads only the chunks holding matches for equals on an indexed column, and every chunk otherwise', async () => {
      const rows = accounts(1500).map((r, i) => ({ ...r, _parentaccountid_value: i < 10 ? 'p-1' : null }));
      await download(store, 'account', rows);
      const reads = countChunkReads();
      expect(await store.queryRows('account', { equals: { column: '_parentaccountid_value', value: 'p-1' } })).toHaveLength(10);
      expect(reads.count).toBe(1);
      expect(await store.queryRows('account', { equals: { column: 'name', value: 'Account a-1499' } })).toHaveLength(1);
      expect(reads.count).toBe(chunksOf(1500));
    });

    it('answers correctly by scanning a column indexed only after its rows were stored', async () => {
      await download(store, 'contact', [{ contactid: 'c-1', fullname: 'X' }, { contactid: 'c-2', fullname: 'Y' }]);
      store.close();
      store = new IndexedDbStore({ name: NAME, indexedDB: factory });
      const tables = SCHEMA.tables.map((t) => (t.name === 'contact' ? { ...t, indexedColumns: ['fullname'] } : t));
      await store.open({ tables });
      expect(await store.queryRows('contact', { equals: { column: 'fullname', value: 'Y' } })).toEqual([{ contactid: 'c-2', fullname: 'Y' }]);
    });
  });

  describe('IndexedDbStore compaction', () => {
    async function deltas(): Promise<void> {
      await download(store, 'account', accounts(1000));
      for (let page = 0; page < 10; page++) {
        const rows = accounts(6, `n${page}`).map((r) => ({ ...r, statecode: 1 }));
        await store.applyPage('account', { rows, deletedIds: [], generation: 1 }, meta('account', 1));
      }
      await store.applyPage('account', { rows: [account('a-1', { name: 'delta' }), account('a-2', { statecode: 1 })], deletedIds: ['a-3'], generation: 1 }, meta('account', 1));
      await store.writeLocal({ table: 'account', rowId: 'a-4', row: account('a-4', { name: 'mine' }), entry: entry('account', 'a-4') });
    }

    it('folds overrides of the chunk generation back into chunks and leaves local rows as overrides', async () => {
      await deltas();
      const query = { equals: { column: 'statecode', value: 1 } };
      const before = { rows: await store.queryRows('account', {}), active: await store.queryRows('account', query), stats: await store.tableStats('account') };
      expect(await records()).toMatchObject({ chunks: chunksOf(1000), overrides: 64 });
      expect(await store.compact('account')).toBe(63);
      expect(await records()).toMatchObject({ chunks: chunksOf(1000) + 1, dirs: chunksOf(1000) + 1, overrides: 1 });
      const byId = (rows: Row[]): Row[] => [...rows].sort((x, y) => String(x.accountid).localeCompare(String(y.accountid)));
      expect(byId(await store.queryRows('account', {}))).toEqual(byId(before.rows));
      expect(byId(await store.queryRows('account', query))).toEqual(byId(before.active));
      expect(await store.tableStats('account')).toEqual(before.stats);
      expect(await store.getRow('account', 'a-3')).toBeNull();
      expect((await store.getRow('account', 'a-4'))?.name).toBe('mine');
    });

    it('keeps removeStale exact after compaction', async () => {
      await deltas();
      await store.compact('account');
      await download(store, 'account', accounts(100), 2);
      // 1,000 - a-3 + 60 new = 1,059 rows; generation 2 brings a-0…a-99 but a-4 (outbox), so a-3 comes back.
      expect(await store.removeStale('account', 2, meta('account', 2))).toBe(1060 - 99 - 1);
      expect(await store.queryRows('account', {})).toHaveLength(100);
    });
  });

  describe('IndexedDbStore on a full disk', () => {
    it.each(['throw', 'abort'] as const)('rejects a local write with QuotaError and leaves row and outbox as they were (%s)', async (how) => {
      await download(store, 'account', accounts(600));
      const first = await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1', { name: 'first' }), entry: entry('account', 'a-1') });
      const stats = await store.tableStats('account');
      fillDisk(how);
      await expect(
        store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1', { name: 'second' }), entry: entry('account', 'a-1') }),
      ).rejects.toBeInstanceOf(QuotaError);
      jest.restoreAllMocks();
      expect(await store.listOutbox()).toEqual([first]);
      expect((await store.getRow('account', 'a-1'))?.name).toBe('first');
      expect(await store.tableStats('account')).toEqual(stats);
      expect(await records()).toMatchObject({ outbox: 1 });
    });

    it.each(['throw', 'abort'] as const)('rejects a page with QuotaError and writes none of it, nor its metadata (%s)', async (how) => {
      await download(store, 'account', accounts(100));
      await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1', { name: 'mine' }), entry: entry('account', 'a-1') });
      fillDisk(how);
      await expect(download(store, 'account', accounts(1200, 'b'), 2)).rejects.toBeInstanceOf(QuotaError);
      jest.restoreAllMocks();
      expect(await store.getMeta('account')).toEqual(meta('account', 1));
      expect(await store.getRow('account', 'b-0')).toBeNull();
      expect(await store.tableStats('account')).toMatchObject({ rows: 100 });
      expect(await records()).toEqual({ chunks: 1, dirs: 1, overrides: 1, outbox: 1 });
      await download(store, 'account', accounts(1200, 'b'), 2);
      expect(await store.tableStats('account')).toMatchObject({ rows: 1300 });
    });
  });
});
