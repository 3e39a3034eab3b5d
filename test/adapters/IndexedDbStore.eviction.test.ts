import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { storeNameFor } from '../../SyncEngine/adapters/indexeddb/storeName';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { SCHEMA, entry } from '../contracts/fixtures';
import { FakeHost, settle } from '../support/FakeHost';
import { PROFILE, USER, accountId, seededRemote } from '../support/engineFixture';
import type { MemoryRemote } from '../support/MemoryRemote';

const NAME = storeNameFor('org', USER);

/** `indexedDB.deleteDatabase` from another context (a second page of the origin, devtools): resolves once done. */
function deleteFromElsewhere(factory: IDBFactory, name: string): Promise<'deleted' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve('deleted');
    request.onerror = () => reject(request.error ?? new Error('deleteDatabase failed'));
    // Still blocked after the open connections were asked to close: ours kept the database.
    request.onblocked = () => setTimeout(() => resolve('blocked'), 50);
  });
}

describe('IndexedDbStore when another context deletes its database', () => {
  let factory: IDBFactory;
  let store: IndexedDbStore;

  beforeEach(async () => {
    factory = new IDBFactory();
    store = new IndexedDbStore({ name: NAME, indexedDB: factory });
    await store.open(SCHEMA);
  });

  afterEach(() => {
    store.close();
  });

  it('lets the delete through instead of blocking it, says so, and opens an empty database on next use', async () => {
    await store.setValue('databaseIdentity', { id: 'first' });
    await store.writeLocal({ table: 'account', rowId: 'a1', row: { accountid: 'a1', name: 'Queued' }, entry: entry('account', 'a1') });
    let lost = 0;
    store.onConnectionLost(() => lost++);
    expect(await deleteFromElsewhere(factory, NAME)).toBe('deleted');
    expect(lost).toBe(1);
    expect(await store.getValue('databaseIdentity')).toBeUndefined();
    expect(await store.listOutbox()).toEqual([]);
    expect(await store.getRow('account', 'a1')).toBeNull();
    await store.setValue('databaseIdentity', { id: 'second' });
    expect(await store.getValue('databaseIdentity')).toEqual({ id: 'second' });
    // The new connection is watched too.
    expect(await deleteFromElsewhere(factory, NAME)).toBe('deleted');
    expect(lost).toBe(2);
  });

  it('does not report its own close', async () => {
    let lost = 0;
    store.onConnectionLost(() => lost++);
    store.close();
    expect(await deleteFromElsewhere(factory, NAME)).toBe('deleted');
    expect(lost).toBe(0);
  });
});

describe('the engine over IndexedDB when the database is deleted', () => {
  let factory: IDBFactory;
  let host: FakeHost;
  let remote: MemoryRemote;
  const engines: SyncEngine[] = [];

  function engine(telemetry: TelemetryEvent[] = []): SyncEngine {
    const built = new SyncEngine({
      remote,
      store: new IndexedDbStore({ name: NAME, indexedDB: factory }),
      host,
      profile: PROFILE,
      maker: DEFAULT_MAKER_SETTINGS,
      identity: { orgId: 'org', userId: USER },
      databaseName: NAME,
      telemetry: { track: (e) => telemetry.push(e) },
      options: { pageSize: 4, displayMetadata: false },
    });
    engines.push(built);
    return built;
  }

  async function started(e: SyncEngine): Promise<SyncEngine> {
    await e.start();
    await host.advance(0);
    await e.idle();
    await settle();
    return e;
  }

  async function queueOffline(e: SyncEngine, count: number): Promise<void> {
    host.set({ online: false });
    for (let i = 0; i < count; i++) await e.offline.updateRecord('account', accountId(i), { name: `Offline ${i}` });
    await settle();
  }

  beforeEach(() => {
    factory = new IDBFactory();
    host = new FakeHost();
    remote = seededRemote(10);
  });

  afterEach(() => {
    for (const e of engines.splice(0)) e.dispose();
  });

  it('notices while the page is open, without waiting for a sync, and downloads again once online', async () => {
    const telemetry: TelemetryEvent[] = [];
    const e = await started(engine(telemetry));
    await queueOffline(e, 2);
    expect(await deleteFromElsewhere(factory, NAME)).toBe('deleted');
    await settle();
    const removed = e.getStatus().errors.filter((r) => r.code === 'offline-data-removed');
    expect(removed.map((r) => r.lostChanges)).toEqual([2]);
    expect(e.getStatus().pendingCount).toBe(0);
    expect(e.getStatus().warnings.map((w) => w.code)).toContain('offline-data-removed');
    expect(telemetry.filter((t) => t.name === 'Offline.OfflineDataRemoved')).toHaveLength(1);
    host.set({ online: true });
    await host.advance(1_000, async () => {
      await e.idle();
      await settle();
    });
    expect(e.getStatus().tables.find((t) => t.table === 'account')?.rows).toBe(10);
    expect(e.getStatus().initialSyncComplete).toBe(true);
    expect(await e.offline.retrieveRecord('account', accountId(1))).toEqual(expect.objectContaining({ name: 'Account 1' }));
  });

  it('notices at start when the database was deleted between page loads', async () => {
    const first = await started(engine());
    await queueOffline(first, 3);
    first.dispose();
    expect(await deleteFromElsewhere(factory, NAME)).toBe('deleted');
    host.set({ online: true });
    const telemetry: TelemetryEvent[] = [];
    const second = await started(engine(telemetry));
    expect(second.getStatus().errors.find((r) => r.code === 'offline-data-removed')?.message).toBe(
      'Offline data was removed by the browser; 3 changes made offline could not be recovered.',
    );
    expect(telemetry.filter((t) => t.name === 'Offline.OfflineDataRemoved').map((t) => t.customDimensions.LostChanges)).toEqual([3]);
    expect(second.getStatus().tables.find((t) => t.table === 'account')?.rows).toBe(10);
  });

  it('raises no alarm on a restart over the same database', async () => {
    const first = await started(engine());
    await queueOffline(first, 1);
    first.dispose();
    const second = await started(engine());
    expect(second.getStatus().errors).toEqual([]);
    expect(second.getStatus().pendingCount).toBe(1);
  });
});
