import type { RemoteSource, UploadRequest } from '../../SyncEngine/contracts/RemoteSource';
import { planUpload } from '../../SyncEngine/adapters/webapi/uploadPlan';
import type { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { admin } from '../dataverse-emulator/testing';
import { serverRows, startStack, type Stack } from './engineOverHttp';

let emulator: RunningEmulator;
let stack: Stack | undefined;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 60 });
});
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1033 });
});
afterAll(() => emulator.close());

const tableNames = (s: Stack): string[] => s.engine.getStatus().tables.map((t) => t.displayName);

/** Counts the metadata requests a remote makes, and can make them fail. */
function watched(counts: { language: number; metadata: number }, fail = false): (remote: WebApiRemote) => RemoteSource {
  return (remote) =>
    new Proxy(remote, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (key !== 'userLanguage' && key !== 'fetchDisplayMetadata') return method;
        return (...args: unknown[]) => {
          counts[key === 'userLanguage' ? 'language' : 'metadata'] += 1;
          return fail ? Promise.reject(new Error('metadata unavailable')) : method(...args);
        };
      },
    });
}

describe('the engine reads display names once per profile and language, and keeps them offline', () => {
  it('after the first pass the tables carry their names in the user language, with column names and choice labels', async () => {
    await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1031 });
    stack = await startStack({ emulator });
    expect(tableNames(stack)).toEqual(['Accounts', 'Contacts', 'Work Orders', 'Bookings', 'Customer Assets']);
    await stack.engine.syncNow();
    expect(tableNames(stack)).toEqual(['Firmen', 'Kontakte', 'Arbeitsaufträge', 'Buchungen buchbarer Ressourcen', 'Kundenobjekte']);
    const account = stack.engine.getDisplayMetadata()?.tables.account;
    expect(account?.columns.telephone1).toEqual({ displayName: 'Telefon (geschäftlich)', kind: 'text' });
    expect(account?.columns.statecode?.options).toEqual({ 0: 'Aktiv', 1: 'Inaktiv' });
    expect(account?.columns._ownerid_value).toMatchObject({ kind: 'lookup', displayName: 'Besitzer' });
  });

  it('a reload offline has the names from the device database; the next session asks the language once and reads nothing more', async () => {
    const counts = { language: 0, metadata: 0 };
    stack = await startStack({ emulator, remote: watched(counts) });
    await stack.engine.syncNow();
    await stack.engine.syncNow();
    expect(counts).toEqual({ language: 1, metadata: 1 });
    stack.host.set({ online: false });
    const reloaded = await stack.restart();
    expect(reloaded.getStatus().tables.map((t) => t.displayName)).toContain('Accounts');
    expect(reloaded.getDisplayMetadata()?.tables.account?.columns.statuscode?.options).toEqual({ 1: 'Active', 2: 'Inactive' });
    stack.host.set({ online: true });
    await reloaded.syncNow();
    expect(counts).toEqual({ language: 2, metadata: 1 });
  });

  it('reads the metadata again when the user language changed', async () => {
    stack = await startStack({ emulator });
    await stack.engine.syncNow();
    expect(tableNames(stack)).toContain('Accounts');
    await admin(emulator, 'POST', 'usersettings', { uilanguageid: 1036 });
    const reloaded = await stack.restart();
    await reloaded.syncNow();
    expect(reloaded.getStatus().tables.map((t) => t.displayName)).toContain('Comptes');
    expect(reloaded.getDisplayMetadata()?.language).toBe(1036);
  });

  it('a failing metadata request fails no pass and leaves the profile names; a remote without metadata is left alone', async () => {
    const counts = { language: 0, metadata: 0 };
    stack = await startStack({ emulator, remote: watched(counts, true) });
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().lastFailureCode).toBeUndefined();
    expect(stack.engine.getStatus().initialSyncComplete).toBe(true);
    expect(tableNames(stack)).toContain('Accounts');
    expect(stack.engine.getDisplayMetadata()).toBeUndefined();
    await stack.engine.syncNow();
    expect(counts.language).toBe(2);
    await stack.close();
    const bare = (remote: WebApiRemote): RemoteSource => ({ ...remoteWithout(remote) });
    stack = await startStack({ emulator, remote: bare, profile: { name: 'bare', relationships: [], tables: [{ logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid', columns: ['accountid', 'name'], syncIntervalMinutes: 60, filter: { kind: 'all' } }] } });
    await stack.engine.syncNow();
    expect(tableNames(stack)).toEqual(['account']);
  });

  it('a conflict shows the server version with formatted values and lookup annotations', async () => {
    stack = await startStack({ emulator, maker: { conflictDetection: true } });
    await stack.engine.syncNow();
    const [a] = await serverRows(emulator, 'accounts', '?$top=1');
    await stack.engine.offline.updateRecord('account', String(a.accountid), { statecode: 1 });
    await admin(emulator, 'POST', 'edit', { entitySet: 'accounts', id: a.accountid, changes: { name: 'Dispatcher edit' } });
    await stack.engine.syncNow();
    const [conflict] = stack.engine.getStatus().errors;
    expect(conflict.serverVersion?.['statecode@OData.Community.Display.V1.FormattedValue']).toMatch(/^(Active|Inactive)$/);
    expect(conflict.serverVersion?.['_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toMatch(/^(systemuser|team)$/);
    expect(conflict.deviceVersion?.statecode).toBe(1);
    expect(conflict.deviceVersion?.['statecode@OData.Community.Display.V1.FormattedValue']).toBeUndefined();
  });

  it('a lookup changed on the device to another row carries that row name from the device copy, and no upload carries it', async () => {
    const bodies: string[] = [];
    const recorded = (remote: WebApiRemote): RemoteSource =>
      new Proxy(remote, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key, target);
          if (typeof value !== 'function') return value;
          const method = (value as (...args: unknown[]) => unknown).bind(target);
          if (key !== 'upload' && key !== 'uploadBatch') return method;
          return (requests: UploadRequest | UploadRequest[], signal?: AbortSignal) => {
            for (const request of [requests].flat()) bodies.push(String(planUpload(request).body));
            return method(requests, signal);
          };
        },
      });
    stack = await startStack({ emulator, remote: recorded });
    await stack.engine.syncNow();
    const [contact] = (await stack.engine.offline.retrieveMultipleRecords('contact', '?$top=1')).entities;
    const accounts = (await stack.engine.offline.retrieveMultipleRecords('account', '?$top=2')).entities;
    const picked = accounts.find((a) => a.accountid !== contact._parentcustomerid_value) ?? accounts[0];
    const id = String(contact.contactid);
    stack.host.set({ online: false });
    await stack.engine.offline.updateRecord('contact', id, { 'parentcustomerid_account@odata.bind': `/accounts(${String(picked.accountid)})` });
    expect(await stack.engine.offline.retrieveRecord('contact', id)).toMatchObject({
      _parentcustomerid_value: picked.accountid,
      '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': picked.name,
      '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
    });
    stack.host.set({ online: true });
    await stack.engine.syncNow();
    expect(bodies).toEqual([JSON.stringify({ 'parentcustomerid_account@odata.bind': `/accounts(${String(picked.accountid)})` })]);
    const [server] = await serverRows(emulator, 'contacts', `?$filter=contactid eq ${id}`);
    expect(server._parentcustomerid_value).toBe(picked.accountid);
  });
});

/** The remote as a host without metadata has it (`ContextWebApiRemote`): every method but the metadata ones. */
function remoteWithout(remote: WebApiRemote): RemoteSource {
  return {
    fetchPage: (request) => remote.fetchPage(request),
    upload: (request, signal) => remote.upload(request, signal),
    uploadBatch: (requests, signal) => remote.uploadBatch(requests, signal),
    retrieveRecord: (table, id, select, signal) => remote.retrieveRecord(table, id, select, signal),
    retrieveMultiple: (table, options, signal) => remote.retrieveMultiple(table, options, signal),
    ping: (signal) => remote.ping(signal),
  };
}
