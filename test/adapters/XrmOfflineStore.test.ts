import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { XrmOfflineStore } from '../../SyncEngine/adapters/xrm/XrmOfflineStore';
import type { XrmOfflineWebApi } from '../../SyncEngine/adapters/xrm/xrmOfflineApi';
import { detectOfflineWebApi } from '../../SyncEngine/adapters/xrm/xrmOfflineApi';
import { RejectedError } from '../../SyncEngine/contracts/errors';
import type { Row } from '../../SyncEngine/contracts/rows';
import { SCHEMA, account, accounts, entry, ids, meta } from '../contracts/fixtures';

/** Xrm rejects with `{ errorCode, message }`; an Error carrying both keeps the linter's promise rules happy. */
function xrmError(errorCode: number, message: string): Error & { errorCode: number } {
  return Object.assign(new Error(message), { errorCode });
}

const NOT_FOUND = xrmError(-2147220969, 'Does Not Exist');

/** The mobile player's offline database, as far as the store uses it: rows per table, OData-ish paging. */
class FakeOffline implements XrmOfflineWebApi {
  readonly rows = new Map<string, Map<string, Row>>([['account', new Map()], ['contact', new Map()]]);
  refuse: Error | undefined;
  readonly queries: string[] = [];

  seed(table: string, rows: Row[], primaryId: string): void {
    for (const row of rows) this.table(table).set(String(row[primaryId]), structuredClone(row));
  }
  isAvailableOffline(table: string): boolean {
    return table === 'account';
  }
  retrieveRecord(table: string, id: string): Promise<Row> {
    const row = this.table(table).get(id);
    return row ? Promise.resolve(structuredClone(row)) : Promise.reject(NOT_FOUND);
  }
  retrieveMultipleRecords(table: string, options = '', pageSize = 5000): Promise<{ entities: Row[]; nextLink?: string }> {
    this.queries.push(options);
    const params = new URLSearchParams(options.replace(/^\?/, ''));
    const filter = /^(\S+) eq (.+)$/.exec(params.get('$filter') ?? '');
    const skip = Number(params.get('$skiptoken') ?? 0);
    const literal = filter ? parseLiteral(filter[2]) : undefined;
    const all = [...this.table(table).values()].filter((r) => !filter || (r[filter[1]] ?? null) === literal);
    const page = all.slice(skip, skip + pageSize);
    const rest = new URLSearchParams(params);
    rest.set('$skiptoken', String(skip + pageSize));
    return Promise.resolve({ entities: page, nextLink: skip + pageSize < all.length ? `https://org/api/data/v9.2/${table}s?${rest.toString()}` : undefined });
  }
  createRecord(table: string, data: Row): Promise<{ id: string }> {
    if (this.refuse) return Promise.reject(this.refuse);
    const id = String(data[`${table}id`]);
    this.table(table).set(id, structuredClone(data));
    return Promise.resolve({ id });
  }
  updateRecord(table: string, id: string, data: Row): Promise<{ id: string }> {
    if (this.refuse) return Promise.reject(this.refuse);
    const row = this.table(table).get(id);
    if (!row) return Promise.reject(NOT_FOUND);
    this.table(table).set(id, { ...row, ...data });
    return Promise.resolve({ id });
  }
  deleteRecord(table: string, id: string): Promise<{ id: string }> {
    return this.table(table).delete(id) ? Promise.resolve({ id }) : Promise.reject(NOT_FOUND);
  }
  private table(table: string): Map<string, Row> {
    const rows = this.rows.get(table);
    if (!rows) throw new Error(`no table ${table}`);
    return rows;
  }
}

function parseLiteral(text: string): unknown {
  if (text === 'null') return null;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d/.test(text) && !text.includes('-', 1) ? Number(text) : text;
}

describe('detectOfflineWebApi', () => {
  it('finds Xrm.WebApi.offline only when every method the store needs is there', () => {
    const offline = new FakeOffline();
    expect(detectOfflineWebApi({ WebApi: { offline } })).toBe(offline);
    expect(detectOfflineWebApi(undefined)).toBeNull();
    expect(detectOfflineWebApi({ WebApi: {} })).toBeNull();
    expect(detectOfflineWebApi({ WebApi: { offline: { retrieveRecord: () => undefined } } })).toBeNull();
  });
});

describe('XrmOfflineStore', () => {
  let offline: FakeOffline;
  let ledger: MemoryStore;
  let store: XrmOfflineStore;

  beforeEach(async () => {
    offline = new FakeOffline();
    ledger = new MemoryStore();
    store = new XrmOfflineStore({ offline, ledger, pageSize: 2 });
    await store.open(SCHEMA);
    offline.seed('account', accounts(5), 'accountid');
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
