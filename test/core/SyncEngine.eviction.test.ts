import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { FakeHost, settle } from '../support/FakeHost';
import { TabHub } from '../support/FakeTabs';
import { accountId, makeEngine, runFor, type Harness } from '../support/engineFixture';

/** A store whose database another context can take away: it reports the loss, and its first reads may then fail. */
class LosingStore extends MemoryStore {
  private readonly lostListeners = new Set<() => void>();
  failingReads = 0;

  onConnectionLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  async loseDatabase(): Promise<void> {
    await this.clear();
    for (const listener of this.lostListeners) listener();
  }

  override getValue<T>(key: string): Promise<T | undefined> {
    if (this.failingReads > 0) {
      this.failingReads--;
      return Promise.reject(new Error('UnknownError: the database is being deleted'));
    }
    return super.getValue<T>(key);
  }
}

const DATABASE = 'org:11111111-1111-4111-8111-111111111111';

const removals = (h: Harness) => h.engine.getStatus().errors.filter((e) => e.code === 'offline-data-removed');
const removalEvents = (h: Harness) => h.telemetry.filter((e) => e.name === 'Offline.OfflineDataRemoved');
const removedWarning = (h: Harness) => h.engine.getStatus().warnings.find((w) => w.code === 'offline-data-removed');

/** An engine that queued `changes` edits offline, then closed: what the page left on the device. */
async function leftWithChanges(changes: number): Promise<{ host: FakeHost; first: Harness }> {
  const host = new FakeHost();
  const first = await makeEngine({ host });
  host.set({ online: false });
  for (let i = 0; i < changes; i++) await first.engine.offline.updateRecord('account', accountId(i), { name: `Offline edit ${i}` });
  await settle();
  first.engine.dispose();
  host.set({ online: true });
  return { host, first };
}

describe('offline data removed behind the engine', () => {
  it('marks a new device without an alarm: the database gets an identity, the marker the same id', async () => {
    const h = await makeEngine();
    expect(removals(h)).toEqual([]);
    expect(removedWarning(h)).toBeUndefined();
    const identity = await h.store.getValue<{ id: string }>('databaseIdentity');
    const marker = h.host.readOfflineMarker(DATABASE);
    expect(identity?.id).toEqual(expect.any(String));
    expect(marker?.databaseId).toBe(identity?.id);
    expect(marker?.changes).toBe(0);
  });

  it('keeps the marker counting the queued changes, without writing it on every status change', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'One' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Two' });
    await settle();
    expect(h.host.readOfflineMarker(DATABASE)?.changes).toBe(2);
    const writes = h.host.markerWrites;
    h.host.set({ connection: 'cellular' });
    h.host.set({ connection: 'wifi' });
    await settle();
    expect(h.host.markerWrites).toBe(writes);
  });

  it('starts again on a database removed between page loads: says how many changes were lost, records it, downloads again', async () => {
    const { host } = await leftWithChanges(3);
    const h = await makeEngine({ host, store: new MemoryStore() });
    await runFor(h, 0);
    const [record] = removals(h);
    expect(record.message).toBe('Offline data was removed by the browser; 3 changes made offline could not be recovered.');
    expect(record.lostChanges).toBe(3);
    expect(removalEvents(h)).toEqual([
      expect.objectContaining({ success: false, customDimensions: expect.objectContaining({ ErrorCode: 'offline-data-removed', LostChanges: 3, LostFileChanges: 0, FailureType: '2007' }) }),
    ]);
    // Downloaded again; the warning goes with the successful sync, the error list keeps what was lost.
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
    expect(removedWarning(h)).toBeUndefined();
    expect(removals(h)).toHaveLength(1);
    // A fresh identity, which the marker now names, so the next start is no alarm.
    const marker = host.readOfflineMarker(DATABASE);
    expect(marker?.databaseId).toBe((await h.store.getValue<{ id: string }>('databaseIdentity'))?.id);
    h.engine.dispose();
    const again = await makeEngine({ host, store: h.store });
    expect(removalEvents(again)).toEqual([]);
  });

  it('shows the warning with the count until the data is back', async () => {
    const { host } = await leftWithChanges(2);
    host.online = false;
    const h = await makeEngine({ host, store: new MemoryStore() });
    expect(removedWarning(h)).toEqual(expect.objectContaining({ lostChanges: 2 }));
    expect(h.engine.getStatus().iconState).not.toBe('connected');
    host.set({ online: true });
    await runFor(h, 1_000);
    expect(removedWarning(h)).toBeUndefined();
  });

  it('tells the user the data was removed even when no change was lost', async () => {
    const { host } = await leftWithChanges(0);
    const h = await makeEngine({ host, store: new MemoryStore() });
    expect(removals(h)[0].message).toBe('Offline data was removed by the browser; no changes were waiting, and the data is downloading again.');
    expect(removals(h)[0].lostChanges).toBe(0);
    expect(removalEvents(h)).toHaveLength(1);
  });

  it('notices a database emptied in place at the next sync, and downloads everything again', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(4), { name: 'Lost' });
    await settle();
    await h.store.clear(); // someone else's clear, keeping nothing
    h.host.set({ online: true });
    await h.engine.syncNow();
    await settle();
    expect(removals(h).map((e) => e.lostChanges)).toEqual([1]);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
    expect(h.remote.uploads).toEqual([]);
  });

  it('is not alarmed by its own reset, now or at the next start', async () => {
    const h = await makeEngine();
    await h.engine.reset();
    await runFor(h, 1_000);
    await h.engine.syncNow();
    expect(removals(h)).toEqual([]);
    h.engine.dispose();
    const again = await makeEngine({ host: h.host, store: h.store });
    expect(removals(again)).toEqual([]);
    expect(removalEvents(again)).toEqual([]);
  });

  it('is not alarmed by a database from before markers existed (no identity, no marker)', async () => {
    const host = new FakeHost();
    const first = await makeEngine({ host });
    first.engine.dispose();
    host.markers.clear();
    await first.store.setValue('databaseIdentity', undefined);
    const h = await makeEngine({ host, store: first.store });
    expect(removals(h)).toEqual([]);
    expect(host.readOfflineMarker(DATABASE)).not.toBeNull();
  });

  it('lets the user dismiss the entry with Discard or Retry: no outbox entry holds it', async () => {
    const { host } = await leftWithChanges(1);
    const h = await makeEngine({ host, store: new MemoryStore() });
    await h.engine.discardError(removals(h)[0].id);
    expect(removals(h)).toEqual([]);
    expect(await h.store.listErrors()).toEqual([]);
    h.engine.dispose();
    host.markers.set(DATABASE, { ...host.readOfflineMarker(DATABASE)!, databaseId: 'another' });
    const again = await makeEngine({ host, store: h.store });
    await again.engine.retryError(removals(again)[0].id);
    expect(removals(again)).toEqual([]);
  });

  it('reports once when several tabs share the database: the leader reports and syncs, the other reloads', async () => {
    const hub = new TabHub();
    const first = await makeEngine({ coordinator: hub.join() });
    const second = await makeEngine({ coordinator: hub.join(), store: first.store, remote: first.remote, host: first.host });
    await settle();
    first.host.set({ online: false });
    await second.engine.offline.updateRecord('account', accountId(3), { name: 'Queued in tab two' });
    await settle();
    expect(first.host.readOfflineMarker(DATABASE)?.changes).toBe(1);
    await first.store.clear();
    first.host.set({ online: true });
    await second.engine.syncNow();
    await runFor(first, 1_000);
    await settle();
    expect(removalEvents(first).length + removalEvents(second).length).toBe(1);
    expect((await first.store.listErrors()).filter((e) => e.code === 'offline-data-removed')).toHaveLength(1);
    expect(removals(second).map((e) => e.lostChanges)).toEqual([1]);
    expect(second.engine.getStatus().tables[0].rows).toBe(10);
    expect(second.engine.getStatus().pendingCount).toBe(0);
  });

  it('checks nothing on a host without a marker (hosts written before it)', async () => {
    const host = new FakeHost();
    Object.assign(host, { readOfflineMarker: undefined, writeOfflineMarker: undefined });
    const first = await makeEngine({ host });
    first.engine.dispose();
    const h = await makeEngine({ host, store: new MemoryStore() });
    expect(removals(h)).toEqual([]);
    expect(await h.store.getValue('databaseIdentity')).toBeUndefined();
  });

  it('notices a lost connection at once, offline, and tries the check again when the reopen is refused for a moment', async () => {
    const store = new LosingStore();
    const h = await makeEngine({ store });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Lost' });
    await settle();
    store.failingReads = 2;
    await store.loseDatabase();
    await settle();
    expect(removals(h)).toEqual([]);
    await h.host.advance(2_000);
    expect(removals(h).map((e) => e.lostChanges)).toEqual([1]);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(removalEvents(h)).toHaveLength(1);
  });
});
