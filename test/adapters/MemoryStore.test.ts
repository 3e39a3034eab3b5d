import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { QuotaError } from '../../SyncEngine/contracts/errors';
import { describeRecordStoreContract } from '../contracts/recordStoreContract';
import { SCHEMA, account, accounts, download, entry, meta } from '../contracts/fixtures';

describeRecordStoreContract('MemoryStore', () => Promise.resolve(new MemoryStore()));

describe('MemoryStore with a row quota', () => {
  async function fullStore(): Promise<MemoryStore> {
    const store = new MemoryStore({ quotaRows: 3 });
    await store.open(SCHEMA);
    await download(store, 'account', accounts(2));
    await store.writeLocal({ table: 'account', rowId: 'a-0', row: account('a-0', { name: 'mine' }), entry: entry('account', 'a-0') });
    return store;
  }

  it('rejects a page that would pass the quota with QuotaError and changes nothing', async () => {
    const store = await fullStore();
    await expect(store.applyPage('account', { rows: accounts(5, 'b'), deletedIds: [], generation: 2 }, meta('account', 2))).rejects.toBeInstanceOf(QuotaError);
    expect(await store.getRow('account', 'b-0')).toBeNull();
    expect((await store.getMeta('account'))?.generation).toBe(1);
  });

  it('rejects a local write of a new row past the quota and leaves the outbox intact', async () => {
    const store = await fullStore();
    await store.writeLocal({ table: 'account', rowId: 'n-1', row: account('n-1'), entry: entry('account', 'n-1', { op: 'create' }) });
    const before = await store.listOutbox();
    await expect(store.writeLocal({ table: 'account', rowId: 'n-2', row: account('n-2'), entry: entry('account', 'n-2', { op: 'create' }) })).rejects.toBeInstanceOf(QuotaError);
    expect(await store.listOutbox()).toEqual(before);
    expect(await store.getRow('account', 'n-2')).toBeNull();
  });

  it('still accepts writes that do not add rows when full', async () => {
    const store = await fullStore();
    store.quotaRows = 2;
    await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1', { name: 'edit' }), entry: entry('account', 'a-1') });
    await store.applyPage('account', { rows: [account('a-1')], deletedIds: [], generation: 1 }, meta('account', 1));
    expect((await store.listOutbox()).length).toBe(2);
  });
});
