import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import { downloadSlice, type SliceResult } from '../../SyncEngine/core/sync/downloadSlice';
import type { DownloadContext } from '../../SyncEngine/core/sync/downloadTable';
import { EMULATOR_USER, startEmulator } from '../dataverse-emulator';
import { OTHER_USERS } from '../dataverse-emulator/tables';
import { admin, fetchRows, type Json } from '../dataverse-emulator/testing';
import { localUpdate } from '../contracts/fixtures';
import { FakeHost } from '../support/FakeHost';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const accounts: ProfileTable = {
  logicalName: 'account',
  entitySet: 'accounts',
  primaryId: 'accountid',
  columns: ['accountid', 'name', '_ownerid_value', 'modifiedon'],
  syncIntervalMinutes: 15,
  filter: { kind: 'owner', scope: 'user' },
};
const contacts: ProfileTable = {
  logicalName: 'contact',
  entitySet: 'contacts',
  primaryId: 'contactid',
  columns: ['contactid', 'fullname', '_parentcustomerid_value', 'modifiedon'],
  syncIntervalMinutes: 15,
  filter: { kind: 'related' },
};

const MY_ACCOUNTS = '<filter><condition attribute="ownerid" operator="eq-userid"/></filter>';
const SLICES: Record<string, string> = {
  account: `<fetch><entity name="account"><attribute name="accountid"/><attribute name="name"/><attribute name="ownerid"/><attribute name="modifiedon"/>${MY_ACCOUNTS}</entity></fetch>`,
  contact: `<fetch><entity name="contact"><attribute name="contactid"/><attribute name="fullname"/><attribute name="parentcustomerid"/><attribute name="modifiedon"/>
    <filter><link-entity name="account" from="accountid" to="parentcustomerid" link-type="any">${MY_ACCOUNTS}</link-entity></filter></entity></fetch>`,
};

let emulator: Emulator;
let store: MemoryStore;
let ctx: DownloadContext;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 1000 });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await admin(emulator, 'POST', 'reset');
  store = new MemoryStore();
  await store.open({ tables: [accounts, contacts].map((t) => ({ name: t.logicalName, primaryId: t.primaryId, indexedColumns: [] })) });
  ctx = {
    remote: new WebApiRemote({ baseUrl: emulator.baseUrl }),
    store,
    host: new FakeHost(),
    pageSize: 50,
    signal: new AbortController().signal,
    onPage: () => Promise.resolve(),
  };
});

const sync = (table: ProfileTable): Promise<SliceResult> => downloadSlice(ctx, table, SLICES[table.logicalName], false);

async function serverSlice(table: ProfileTable): Promise<string[]> {
  return (await fetchRows(emulator, table.entitySet, SLICES[table.logicalName])).map((row) => String(row[table.primaryId])).sort();
}

async function deviceIds(table: ProfileTable): Promise<string[]> {
  return (await store.listIds(table.logicalName)).sort();
}

async function edit(entitySet: string, id: string, changes: Json): Promise<void> {
  const response = await admin(emulator, 'POST', 'edit', { entitySet, id, changes });
  expect(response.status).toBe(200);
}

describe('downloadSlice: the device holds exactly the server slice', () => {
  it('downloads only the slice at first, paged by cookie, and removes nothing it kept', async () => {
    const first = await sync(accounts);
    const mine = await serverSlice(accounts);
    expect(mine.length).toBeGreaterThan(50);
    expect(await deviceIds(accounts)).toEqual(mine);
    expect(first).toMatchObject({ mode: 'FIRST_SYNC', rows: mine.length, removed: 0, idsBytes: 0 });
    await sync(contacts);
    const related = await serverSlice(contacts);
    expect(related.length).toBeGreaterThan(0);
    expect(await deviceIds(contacts)).toEqual(related);
    const everyone = await fetchRows(emulator, 'contacts', '<fetch><entity name="contact"><attribute name="contactid"/></entity></fetch>');
    expect(related.length).toBeLessThan(everyone.length);
  });

  it('follows changes inside, rows leaving and entering directly and through their parent, and deletes', async () => {
    await sync(accounts);
    await sync(contacts);
    const all = await fetchRows(emulator, 'accounts', '<fetch><entity name="account"><attribute name="accountid"/><attribute name="ownerid"/></entity></fetch>');
    const kids = await fetchRows(emulator, 'contacts', '<fetch><entity name="contact"><attribute name="contactid"/><attribute name="parentcustomerid"/></entity></fetch>');
    const childrenOf = (id: string) => kids.filter((row) => row._parentcustomerid_value === id).map((row) => String(row.contactid));
    const mine = all.filter((row) => row._ownerid_value === EMULATOR_USER.userId).map((row) => String(row.accountid));
    const theirs = all.filter((row) => row._ownerid_value !== EMULATOR_USER.userId).map((row) => String(row.accountid));
    const renamed = mine[0];
    const leaving = mine.find((id) => childrenOf(id).length > 1) ?? mine[1];
    const entering = theirs.find((id) => childrenOf(id).length > 0) ?? theirs[0];
    const deletedChild = childrenOf(mine.find((id) => id !== leaving && childrenOf(id).length > 0) ?? mine[2])[0];
    // A queued change to a contact whose account is leaving: it must stay until it uploads.
    const pendingChild = childrenOf(leaving)[0];
    const before = (await store.getRow('contact', pendingChild)) ?? {};
    await store.writeLocal(localUpdate('contact', before, { fullname: 'Typed offline' }));

    await edit('accounts', renamed, { name: 'Renamed on the server' });
    await edit('accounts', leaving, { 'ownerid@odata.bind': `/systemusers(${OTHER_USERS[0]})` });
    await edit('accounts', entering, { 'ownerid@odata.bind': `/systemusers(${EMULATOR_USER.userId})` });
    await edit('accounts', theirs.find((id) => id !== entering) ?? theirs[1], { name: 'Not ours, changed' });
    expect((await admin(emulator, 'POST', 'delete', { entitySet: 'contacts', id: deletedChild })).status).toBe(204);

    const accountDelta = await sync(accounts);
    const contactDelta = await sync(contacts);
    expect(await deviceIds(accounts)).toEqual(await serverSlice(accounts));
    expect((await deviceIds(contacts)).filter((id) => id !== pendingChild)).toEqual((await serverSlice(contacts)).filter((id) => id !== pendingChild));
    expect(await store.listIds('contact')).toContain(pendingChild);
    expect((await store.getRow('account', renamed))?.name).toBe('Renamed on the server');
    expect(accountDelta).toMatchObject({ mode: 'DELTA_SYNC', rows: 2, removed: 1 });
    expect(contactDelta.rows).toBe(childrenOf(entering).length);
    expect(contactDelta.removed).toBe(childrenOf(leaving).length + 1);
    expect(accountDelta.idsBytes).toBeGreaterThan(0);
    expect(accountDelta.bytes).toBeLessThan(accountDelta.idsBytes);
  });
});
