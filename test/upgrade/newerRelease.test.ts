import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { SCHEMA_VERSION } from '../../SyncEngine/adapters/indexeddb/migrations';
import { dumpDatabase, restoreDatabase } from '../support/databaseDump';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { PROFILE, USER, seededRemote } from '../support/engineFixture';
import { FakeHost } from '../support/FakeHost';

const NAME = 'newer-release';

describe('an engine on a database written by a newer release (the user went back a release)', () => {
  it('refuses it in the status with a stable code, syncs nothing and leaves the database as it was', async () => {
    const factory = new IDBFactory();
    await restoreDatabase(factory, {
      writtenBy: '9.0.0',
      commit: '',
      name: NAME,
      version: SCHEMA_VERSION + 1,
      stores: [{ name: 'outbox', keyPath: 'seq', autoIncrement: true, records: [{ key: 1, value: { seq: 1, table: 'account', rowId: 'x', op: 'update', data: { name: 'typed' } } }] }],
    });
    const before = await dumpDatabase(factory, NAME, '', '');
    const remote = seededRemote(3);
    const reads = jest.spyOn(remote, 'fetchPage');
    const host = new FakeHost();
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    const engine = new SyncEngine({ remote, store, host, profile: PROFILE, maker: DEFAULT_MAKER_SETTINGS, identity: { orgId: 'org', userId: USER } });
    await expect(engine.start()).rejects.toMatchObject({ code: 'store-newer-version' });
    await host.advance(60_000);
    const status = engine.getStatus();
    expect(status.iconState).toBe('error');
    expect(status.lastFailureCode).toBe('store-newer-version');
    expect(status.errors.map((e) => e.code)).toEqual(['store-newer-version']);
    expect(status.errors[0].message).toMatch(/newer release/);
    expect(reads).not.toHaveBeenCalled();
    engine.dispose();
    expect(await dumpDatabase(factory, NAME, '', '')).toEqual(before);
  });
});
