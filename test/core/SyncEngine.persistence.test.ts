import { FakeHost } from '../support/FakeHost';
import { accountId, makeEngine, runFor, type Harness } from '../support/engineFixture';

/** A host with the Storage API's persistence calls: `grant` is what `persist()` answers. */
class PersistHost extends FakeHost {
  persistedNow = false;
  grant = false;
  checks = 0;
  asks = 0;

  persisted(): Promise<boolean | null> {
    this.checks++;
    return Promise.resolve(this.persistedNow);
  }

  persist(): Promise<boolean | null> {
    this.asks++;
    if (this.grant) this.persistedNow = true;
    return Promise.resolve(this.grant);
  }
}

const codes = (h: Harness): string[] => h.engine.getStatus().warnings.map((w) => w.code);

async function offlineEngine(host: PersistHost): Promise<Harness> {
  host.online = false;
  return makeEngine({ host });
}

describe('persistent storage', () => {
  it('reads persisted() at start and asks nothing before there is something to keep', async () => {
    const host = new PersistHost();
    const h = await offlineEngine(host);
    expect(host.checks).toBe(1);
    expect(host.asks).toBe(0);
    expect(h.engine.getStatus().storagePersistence).toBe('best-effort');
    expect(codes(h)).toEqual([]);
  });

  it('asks when the first change is queued, once, and warns while changes wait on evictable storage', async () => {
    const host = new PersistHost();
    const h = await offlineEngine(host);
    await h.engine.offline.createRecord('account', { name: 'First' });
    await runFor(h, 0);
    expect(host.asks).toBe(1);
    expect(h.engine.getStatus().storagePersistence).toBe('best-effort');
    expect(codes(h)).toEqual(['storage-not-persistent']);
    expect(h.engine.getStatus().iconState).not.toBe('connected');
    await h.engine.offline.createRecord('account', { name: 'Second' });
    await runFor(h, 0);
    expect(host.asks).toBe(1);
    // Uploaded, nothing is left to lose: the warning goes though the storage stays evictable.
    host.set({ online: true });
    await runFor(h, 60_000);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().storagePersistence).toBe('best-effort');
    expect(codes(h)).toEqual([]);
    expect(host.asks).toBe(1);
  });

  it('asks when the first sync starts, and shows no warning once the browser grants it', async () => {
    const host = new PersistHost();
    host.grant = true;
    const h = await makeEngine({ host });
    expect(host.asks).toBe(1);
    expect(h.engine.getStatus().storagePersistence).toBe('persisted');
    host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Kept' });
    await runFor(h, 0);
    expect(h.engine.getStatus().pendingCount).toBe(1);
    expect(codes(h)).toEqual([]);
    expect(host.asks).toBe(1);
  });

  it('clears the warning as soon as a request made for a queued change is granted', async () => {
    const host = new PersistHost();
    host.grant = true;
    const h = await offlineEngine(host);
    await h.engine.offline.createRecord('account', { name: 'Kept' });
    await runFor(h, 0);
    expect(host.asks).toBe(1);
    expect(h.engine.getStatus().storagePersistence).toBe('persisted');
    expect(codes(h)).toEqual([]);
  });

  it('asks at start, even offline, when the last session left changes queued', async () => {
    const first = await offlineEngine(new PersistHost());
    await first.engine.offline.createRecord('account', { name: 'Left over' });
    await runFor(first, 0);
    first.engine.dispose();
    const host = new PersistHost();
    host.online = false;
    const again = await makeEngine({ host, store: first.store, remote: first.remote });
    expect(again.engine.getStatus().pendingCount).toBe(1);
    expect(host.asks).toBe(1);
    expect(codes(again)).toEqual(['storage-not-persistent']);
  });

  it('does not ask when the storage is already persistent at start', async () => {
    const host = new PersistHost();
    host.persistedNow = true;
    const h = await makeEngine({ host });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Kept' });
    await runFor(h, 0);
    expect(host.asks).toBe(0);
    expect(h.engine.getStatus().storagePersistence).toBe('persisted');
  });

  it('clears the warning when the storage becomes persistent, keeping the snapshot stable when nothing changed', async () => {
    const host = new PersistHost();
    const h = await offlineEngine(host);
    await h.engine.offline.createRecord('account', { name: 'Queued' });
    await runFor(h, 0);
    const warned = h.engine.getStatus();
    expect(codes(h)).toEqual(['storage-not-persistent']);
    await runFor(h, 1000);
    expect(h.engine.getStatus()).toBe(warned);
    // The user installs the app, say; the next start re-reads it.
    host.persistedNow = true;
    const again = await makeEngine({ host, store: h.store, remote: h.remote });
    expect(again.engine.getStatus().storagePersistence).toBe('persisted');
    expect(again.engine.getStatus().pendingCount).toBe(1);
    expect(codes(again)).toEqual([]);
  });

  it('reports unknown and never warns on a host without the Storage API', async () => {
    const host = new FakeHost();
    host.online = false;
    const h = await makeEngine({ host });
    await h.engine.offline.createRecord('account', { name: 'Queued' });
    await runFor(h, 0);
    expect(h.engine.getStatus().storagePersistence).toBe('unknown');
    expect(codes(h)).toEqual([]);
  });

  it('takes a host whose calls throw as unknown and starts all the same', async () => {
    const host = new PersistHost();
    host.persisted = () => Promise.reject(new Error('SecurityError'));
    const h = await offlineEngine(host);
    expect(h.engine.getStatus().storagePersistence).toBe('unknown');
  });
});
