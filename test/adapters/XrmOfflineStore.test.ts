import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { XrmOfflineStore } from '../../SyncEngine/adapters/xrm/XrmOfflineStore';
import { detectOfflineWebApi } from '../../SyncEngine/adapters/xrm/xrmOfflineApi';
import { RejectedError } from '../../SyncEngine/contracts/errors';
import { SCHEMA, account, accounts, entry, ids, meta } from '../contracts/fixtures';
import { mobileOfflineApi, type EngineContext } from '../../SyncEngine/index';
import { describeRecordStoreContract } from '../contracts/recordStoreContract';
import { FakeXrmOffline, xrmError } from '../support/FakeXrmOffline';

/** The host under the contract suite's current store. */
let contractHost: FakeXrmOffline;

/** Accounts kept offline; contacts are in the schema but not in the user's mobile offline profile. */
function offlineHost(): FakeXrmOffline {
  return new FakeXrmOffline({ account: 'accountid', contact: 'contactid' }, new Set(['account']));
}

describe('detectOfflineWebApi', () => {
  it('finds Xrm.WebApi.offline only when every method the store needs is there', () => {
    const offline = offlineHost();
    expect(detectOfflineWebApi({ WebApi: { offline } })).toBe(offline);
    expect(detectOfflineWebApi(undefined)).toBeNull();
    expect(detectOfflineWebApi({ WebApi: {} })).toBeNull();
    expect(detectOfflineWebApi({ WebApi: { offline: { retrieveRecord: () => undefined } } })).toBeNull();
  });
});

describe('XrmOfflineStore', () => {
  let offline: FakeXrmOffline;
  let ledger: MemoryStore;
  let store: XrmOfflineStore;

  beforeEach(async () => {
    offline = offlineHost();
    ledger = new MemoryStore();
    store = new XrmOfflineStore({ offline, ledger, pageSize: 2 });
    await store.open(SCHEMA);
    offline.seed('account', accounts(5));
  });

  it('reads rows from the host, answering null for missing rows and tables the host does not keep offline', async () => {
    expect(await store.getRow('account', 'a-1')).toEqual(account('a-1', { statecode: 1 }));
    expect(await store.getRow('account', 'nope')).toBeNull();
    expect(await store.getRow('contact', 'c-1')).toBeNull();
  });

  it('asks the host for equals as $filter, pages through nextLink, and applies where and limit', async () => {
    const found = await store.queryRows('account', { equals: { column: 'statecode', value: 0 }, where: (r) => r.accountid !== 'a-0' });
    expect(ids(found)).toEqual(['a-2', 'a-4']);
    expect(offline.queries[0]).toBe('?$filter=statecode eq 0');
    expect(offline.queries).toHaveLength(2);
    expect(await store.queryRows('account', { limit: 3 })).toHaveLength(3);
    expect(await store.queryRows('contact', {})).toEqual([]);
  });

  it('counts the rows the host holds', async () => {
    expect((await store.tableStats('account')).rows).toBe(5);
  });

  it('leaves downloads to the host: applyPage and removeStale only record metadata', async () => {
    await store.applyPage('account', { rows: [account('x-1')], deletedIds: ['a-1'], generation: 2 }, meta('account', 2));
    expect(await store.getRow('account', 'x-1')).toBeNull();
    expect(await store.getRow('account', 'a-1')).not.toBeNull();
    expect(await store.removeStale('account', 3, meta('account', 3, { initialComplete: true }))).toBe(0);
    expect(await store.getMeta('account')).toEqual(meta('account', 3, { initialComplete: true }));
  });

  it('routes local creates, updates and deletes to the host and queues their entries in order', async () => {
    await store.writeLocal({ table: 'account', rowId: 'n-1', row: account('n-1'), entry: entry('account', 'n-1', { op: 'create', data: { name: 'new' } }) });
    await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1', { name: 'edited' }), entry: entry('account', 'a-1', { data: { name: 'edited' } }) });
    await store.writeLocal({ table: 'account', rowId: 'a-2', row: null, entry: entry('account', 'a-2', { op: 'delete' }) });
    expect(await store.getRow('account', 'n-1')).toEqual({ accountid: 'n-1', name: 'new' });
    expect((await store.getRow('account', 'a-1'))?.name).toBe('edited');
    expect(await store.getRow('account', 'a-2')).toBeNull();
    expect((await store.listOutbox()).map((e) => [e.op, e.rowId])).toEqual([['create', 'n-1'], ['update', 'a-1'], ['delete', 'a-2']]);
  });

  it('withdraws the outbox entry when the host refuses the change, and says why', async () => {
    await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1'), entry: entry('account', 'a-1') });
    const before = await store.listOutbox();
    offline.refuse = xrmError(-2147204288, 'Business rule failed');
    const write = store.writeLocal({ table: 'account', rowId: 'a-3', row: account('a-3'), entry: entry('account', 'a-3') });
    await expect(write).rejects.toBeInstanceOf(RejectedError);
    await expect(write).rejects.toThrow('Business rule failed');
    await expect(write).rejects.toMatchObject({ serverCode: '0x80044340' });
    expect(await store.listOutbox()).toEqual(before);
  });

  it('replaces host rows with writable columns only, creating or deleting as needed', async () => {
    await store.replaceRow('account', 'a-1', account('a-1', { name: 'server', _parentaccountid_value: 'p', 'name@OData.Community.Display.V1.FormattedValue': 'f' }));
    await store.replaceRow('account', 'gone', account('gone'));
    await store.replaceRow('account', 'a-2', null);
    await store.replaceRow('account', 'never', null);
    // The host keeps its own etag; the lookup and the formatted value were not written.
    expect(await store.getRow('account', 'a-1')).toEqual(account('a-1', { name: 'server' }));
    expect(await store.getRow('account', 'gone')).toEqual({ accountid: 'gone', name: 'Account gone', statecode: 0 });
    expect(await store.getRow('account', 'a-2')).toBeNull();
  });

  it('discards an entry, restoring the row on the host when asked', async () => {
    const { seq } = await store.writeLocal({ table: 'account', rowId: 'a-1', row: null, entry: entry('account', 'a-1', { op: 'delete' }) });
    await store.discardOutbox(seq, account('a-1', { name: 'back' }));
    expect(await store.listOutbox()).toEqual([]);
    expect((await store.getRow('account', 'a-1'))?.name).toBe('back');
  });

  it('keeps the ledger in the inner store: etags move to later entries, and clear leaves host rows alone', async () => {
    const first = await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1'), entry: entry('account', 'a-1', { baseEtag: 'W/"1"' }) });
    await store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1'), entry: entry('account', 'a-1', { baseEtag: 'W/"1"' }) });
    await store.completeOutbox(first.seq, 'W/"2"');
    expect((await ledger.listOutbox()).map((e) => e.baseEtag)).toEqual(['W/"2"']);
    await store.setValue('k', 1);
    await store.putError({ id: 'e', table: 'account', rowId: 'a-1', action: 'update', errorType: 3, code: 'x', message: 'm', time: 1, state: 'active' });
    await store.clear();
    expect(await store.listOutbox()).toEqual([]);
    expect(await store.listErrors()).toEqual([]);
    expect(await store.getValue('k')).toBeUndefined();
    expect(await store.getRow('account', 'a-3')).not.toBeNull();
  });
});

describeRecordStoreContract(
  'XrmOfflineStore over the mobile player\'s offline database',
  () => {
    const host = new FakeXrmOffline({ account: 'accountid', contact: 'contactid' });
    contractHost = host;
    return Promise.resolve(new XrmOfflineStore({ offline: host, ledger: new MemoryStore(), pageSize: 250 }));
  },
  { hostRows: { download: (table, page, keep) => contractHost.download(table, page, keep) } },
);

describe('mobileOfflineApi (which store the composition picks)', () => {
  const offline = offlineHost();
  const xrm = (client: string): unknown => ({ WebApi: { offline }, Utility: { getGlobalContext: () => ({ client: { getClient: () => client } }) } });
  const context = (client?: string): EngineContext => ({ parameters: {}, userSettings: { userId: 'u' }, client: client ? { getClient: () => client } : undefined });

  it('uses the player\'s offline database only in the mobile client, told by PCF or by Xrm', () => {
    expect(mobileOfflineApi(context('Mobile'), xrm('Web'))).toBe(offline);
    expect(mobileOfflineApi(context(), xrm('Mobile'))).toBe(offline);
    expect(mobileOfflineApi(context('Web'), xrm('Mobile'))).toBeNull();
    expect(mobileOfflineApi(context(), xrm('Web'))).toBeNull();
    expect(mobileOfflineApi(context('Mobile'), undefined)).toBeNull();
  });
});
