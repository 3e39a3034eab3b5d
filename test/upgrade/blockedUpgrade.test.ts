import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { restoreDatabase, type DatabaseDump } from '../support/databaseDump';
import { USER, seededRemote } from '../support/engineFixture';
import { FakeHost, settle } from '../support/FakeHost';
import { UPGRADE_PROFILE } from './upgradeProfile';

const NAME = 'blocked-upgrade';

describe('an upgrade while a tab of the older release still has the database open', () => {
  it('says which tabs to close while it waits, then upgrades with the queue whole once they are gone', async () => {
    const factory = new IDBFactory();
    const dump = JSON.parse(readFileSync(join(__dirname, 'fixtures', '0.1.0', 'database.json'), 'utf8')) as DatabaseDump;
    await restoreDatabase(factory, dump, NAME);
    // The old tab: 0.1.0 never closed its connection for an upgrade.
    const oldTab = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(NAME);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const host = new FakeHost();
    const store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    const engine = new SyncEngine({ remote: seededRemote(2), store, host, profile: UPGRADE_PROFILE, maker: DEFAULT_MAKER_SETTINGS, identity: { orgId: 'org', userId: USER } });
    const starting = engine.start();
    let started = false;
    void starting.then(() => (started = true));
    await settle();
    expect(started).toBe(false);
    expect(engine.getStatus().warnings.map((w) => w.code)).toEqual(['upgrade-blocked']);
    expect(engine.getStatus().iconState).toBe('warning');

    oldTab.close();
    await starting;
    expect(engine.getStatus().warnings.map((w) => w.code)).not.toContain('upgrade-blocked');
    const queued = dump.stores.find((s) => s.name === 'outbox')?.records.length;
    expect((await store.listOutbox()).length).toBe(queued);
    engine.dispose();
  });
});
