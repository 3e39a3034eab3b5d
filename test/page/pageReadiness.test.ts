/** @jest-environment jsdom */
import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import { ACCOUNTS, CONTACTS, makeEngine, OTHER_USER, USER, type Harness } from '../support/engineFixture';
import { announce, freshPage, stateOf } from './pageFixture';

const engines: Harness[] = [];

async function engine(profile?: OfflineProfile): Promise<Harness> {
  const h = await makeEngine(profile ? { profile } : {});
  engines.push(h);
  return h;
}

afterEach(() => {
  for (const h of engines.splice(0)) h.engine.dispose();
});

describe('calls made before the page has an engine', () => {
  it('wait for the first engine and are answered by it', async () => {
    const page = freshPage();
    const early = page.suite.offline.retrieveMultipleRecords('account', '?$top=2');
    const ready = page.suite.ready;
    expect(await stateOf(early)).toBe('pending');
    expect(page.suite.offline.isAvailableOffline('account')).toBe(false);

    announce(page, (await engine()).engine);

    expect((await early).entities).toHaveLength(2);
    await expect(ready).resolves.toBeUndefined();
    expect(page.suite.offline.isAvailableOffline('account')).toBe(true);
  });

  it('wait until the engine has opened its database', async () => {
    const page = freshPage();
    let open!: () => void;
    announce(page, (await engine()).engine, { started: new Promise<void>((resolve) => (open = resolve)) });

    const ready = page.suite.ready;
    expect(await stateOf(ready)).toBe('pending');
    open();
    await expect(ready).resolves.toBeUndefined();
  });

  it('reject with a transient ServiceUnavailableError when no engine comes within readyTimeoutMs', async () => {
    const page = freshPage();
    page.suite.readyTimeoutMs = 30;

    await expect(page.suite.ready).rejects.toMatchObject({ name: 'ServiceUnavailableError', code: 'unavailable', transient: true });
    await expect(page.suite.offline.createRecord('account', { name: 'x' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('no Offline Sync Suite control has started'),
    });
  });

  it('reject the same way when the engine is still opening its database when the time is up', async () => {
    const page = freshPage();
    page.suite.readyTimeoutMs = 30;
    announce(page, (await engine()).engine, { started: new Promise<void>(() => undefined) });

    await expect(page.suite.offline.retrieveRecord('account', 'x')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reject with the reason when the engine could not open its database', async () => {
    const page = freshPage();
    announce(page, (await engine()).engine, { started: Promise.reject(new ConfigError('IndexedDB is not available here.')) });

    await expect(page.suite.ready).rejects.toMatchObject({ name: 'ConfigError', code: 'config', message: 'IndexedDB is not available here.' });
    await expect(page.suite.offline.retrieveMultipleRecords('account')).rejects.toMatchObject({ code: 'config' });
  });
});

describe('engines that go away', () => {
  it('after the page disposed its engines, calls wait for the next engine', async () => {
    const page = freshPage();
    const first = announce(page, (await engine()).engine);
    first.retire();

    const call = page.suite.offline.retrieveMultipleRecords('contact', '?$top=1');
    expect(await stateOf(call)).toBe('pending');
    expect(page.suite.offline.isAvailableOffline('account')).toBe(false);

    announce(page, (await engine()).engine);
    expect((await call).entities).toHaveLength(1);
  });
});

describe('several engines on the page', () => {
  it('only the signed-in user’s engine answers, whatever order they were created in', async () => {
    const page = freshPage(`{${OTHER_USER.toUpperCase()}}`);
    page.suite.readyTimeoutMs = 30;
    const mine = await engine();
    const theirs = await engine();
    await theirs.engine.offline.createRecord('account', { name: 'Only in the other user’s database' });
    announce(page, theirs.engine, { userId: USER });
    await expect(page.suite.offline.retrieveMultipleRecords('account')).rejects.toMatchObject({ code: 'unavailable' });

    announce(page, mine.engine, { userId: OTHER_USER });
    const { entities } = await page.suite.offline.retrieveMultipleRecords('account', "?$filter=name eq 'Only in the other user’s database'");
    expect(entities).toEqual([]);
  });

  it('without Xrm, the user of the oldest engine is the current user', async () => {
    const page = freshPage();
    const oldest = await engine();
    const created = await oldest.engine.offline.createRecord('account', { name: 'Oldest' });
    announce(page, oldest.engine, { userId: USER });
    announce(page, (await engine()).engine, { userId: OTHER_USER });

    expect((await page.suite.offline.retrieveRecord('account', created.id)).name).toBe('Oldest');
  });

  it('a call goes to the oldest of the user’s engines whose profile has the table', async () => {
    const page = freshPage();
    announce(page, (await engine({ name: 'Accounts only', tables: [ACCOUNTS], relationships: [] })).engine);
    const withContacts = await engine({ name: 'Contacts too', tables: [{ ...ACCOUNTS }, { ...CONTACTS, filter: { kind: 'all' } }], relationships: [] });
    announce(page, withContacts.engine);

    expect(page.suite.offline.isAvailableOffline('contact')).toBe(true);
    const { entities } = await page.suite.offline.retrieveMultipleRecords('contact');
    expect(entities.length).toBeGreaterThan(0);
    await expect(page.suite.offline.retrieveMultipleRecords('msdyn_workorder')).rejects.toMatchObject({ code: 'rejected' });
  });
});
