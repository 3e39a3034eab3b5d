/** @jest-environment jsdom */
import type { SyncEngineApi } from '../../SyncEngine/contracts/SyncEngineApi';
import type { OfflineSyncSuitePage } from '../../SyncEngine/page/pageOfflineApi';
import { accountId, makeEngine, type Harness } from '../support/engineFixture';
import { announce, freshPage } from './pageFixture';

let harness: Harness;
let suite: OfflineSyncSuitePage;

beforeEach(async () => {
  harness = await makeEngine();
  const page = freshPage();
  announce(page, harness.engine);
  suite = page.suite;
});

afterEach(() => {
  harness.engine.dispose();
});

describe('window.OfflineSyncSuite.offline answers with the Xrm.WebApi.offline signatures', () => {
  it('creates a record offline, answers { entityType, id } and reads it back', async () => {
    const created = await suite.offline.createRecord('account', { name: 'Created from a form script' });

    expect(created).toEqual({ entityType: 'account', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const row = await suite.offline.retrieveRecord('account', created.id, '?$select=name');
    expect(row.name).toBe('Created from a form script');
    expect(harness.engine.getStatus().pendingCount).toBe(1);
  });

  it('retrieves many with OData $filter, $orderby and $top, and honours maxPageSize', async () => {
    const active = await suite.offline.retrieveMultipleRecords('account', '?$select=name&$filter=statecode eq 1&$orderby=name desc');
    expect(active.entities.map((r) => r.name)).toEqual(['Account 5', 'Account 0']);

    const top = await suite.offline.retrieveMultipleRecords('account', '?$top=3');
    expect(top.entities).toHaveLength(3);
    const paged = await suite.offline.retrieveMultipleRecords('account', undefined, 2);
    expect(paged.entities).toHaveLength(2);
  });

  it('retrieves many with ?fetchXml=', async () => {
    const fetchXml =
      '<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="statecode" operator="eq" value="1"/></filter>' +
      '<order attribute="name"/></entity></fetch>';

    const { entities } = await suite.offline.retrieveMultipleRecords('account', `?fetchXml=${encodeURIComponent(fetchXml)}`);

    expect(entities.map((r) => r.name)).toEqual(['Account 0', 'Account 5']);
  });

  it('updates and deletes a record on the device', async () => {
    const id = accountId(3);
    expect(await suite.offline.updateRecord('account', id, { name: 'Renamed offline' })).toEqual({ entityType: 'account', id });
    expect((await suite.offline.retrieveRecord('account', id)).name).toBe('Renamed offline');

    expect(await suite.offline.deleteRecord('account', id)).toEqual({ entityType: 'account', id });
    await expect(suite.offline.retrieveRecord('account', id)).rejects.toMatchObject({ name: 'RecordNotFoundError', code: 'record-not-found' });
  });

  it('says synchronously whether a table is available offline', () => {
    expect(suite.offline.isAvailableOffline('account')).toBe(true);
    expect(suite.offline.isAvailableOffline('msdyn_workorder')).toBe(false);
  });

  it('works with the functions taken off the object', async () => {
    const { retrieveMultipleRecords } = suite.offline;
    expect((await retrieveMultipleRecords('contact', '?$top=1')).entities).toHaveLength(1);
  });
});

describe('window.OfflineSyncSuite.offline rejects with the engine’s typed errors', () => {
  it('a table outside the offline profile: RejectedError naming the table', async () => {
    const failure = suite.offline.retrieveMultipleRecords('msdyn_workorder');
    await expect(failure).rejects.toMatchObject({ name: 'RejectedError', code: 'rejected', message: expect.stringContaining('msdyn_workorder') });
  });

  it('malformed FetchXML: QueryError, and nothing written', async () => {
    await expect(suite.offline.retrieveMultipleRecords('account', '?fetchXml=<fetch><entity name="account">')).rejects.toMatchObject({
      name: 'QueryError',
      code: 'invalid-query',
    });
    expect(harness.engine.getStatus().pendingCount).toBe(0);
  });

  it('a record that is not on the device: RecordNotFoundError', async () => {
    await expect(suite.offline.updateRecord('account', accountId(404), { name: 'x' })).rejects.toMatchObject({ code: 'record-not-found' });
  });

  it('a create of an id that exists: AlreadyExistsError', async () => {
    await expect(suite.offline.createRecord('account', { accountid: accountId(1), name: 'Twin' })).rejects.toMatchObject({
      name: 'AlreadyExistsError',
      code: 'already-exists',
    });
  });

  it('a raw failure underneath (a full disk) comes out catalogued, never as a raw DOMException', async () => {
    const page = freshPage();
    const full = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const engine = { offline: { isAvailableOffline: () => true, createRecord: () => Promise.reject(full) } } as unknown as SyncEngineApi;
    announce(page, engine);

    await expect(page.suite.offline.createRecord('account', { name: 'x' })).rejects.toMatchObject({ name: 'QuotaError', code: 'quota' });
  });

  it('bad arguments reject rather than throw', async () => {
    let answer: Promise<unknown> | undefined;
    expect(() => {
      answer = suite.offline.retrieveRecord(undefined as unknown as string, 'x');
    }).not.toThrow();
    await expect(answer).rejects.toMatchObject({ code: 'rejected' });
  });
});
