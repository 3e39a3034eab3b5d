import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { XrmOfflineStore } from '../../SyncEngine/adapters/xrm/XrmOfflineStore';
import { NetworkError } from '../../SyncEngine/contracts/errors';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { ACCOUNTS, PROFILE, USER, OTHER_USER, accountId, accountRows, seededRemote } from '../support/engineFixture';
import { FakeHost, settle } from '../support/FakeHost';
import { FakeXrmOffline } from '../support/FakeXrmOffline';
import type { MemoryRemote } from '../support/MemoryRemote';

/** The engine over a store whose host (the mobile player) downloads rows and uploads the writes made through it. */
describe('SyncEngine over a host-synced store (mobile player)', () => {
  let host: FakeHost;
  let remote: MemoryRemote;
  let player: FakeXrmOffline;
  let ledger: MemoryStore;
  let engine: SyncEngine;

  /** The player's own sync of its queue, straight into the server. */
  function playerUploads(): void {
    for (const write of player.queue.splice(0)) {
      if (write.op === 'create') remote.seed(ACCOUNTS, [write.data]);
      else if (write.op === 'delete') remote.remove(write.table, write.id);
      else remote.edit(write.table, write.id, serverShape(write.data));
    }
  }

  async function runFor(ms: number): Promise<void> {
    await host.advance(ms);
    await engine.idle();
    await settle();
  }

  beforeEach(async () => {
    host = new FakeHost();
    remote = seededRemote(4);
    player = new FakeXrmOffline({ account: 'accountid', contact: 'contactid' });
    player.seed('account', accountRows(4));
    ledger = new MemoryStore();
    engine = new SyncEngine({
      remote,
      store: new XrmOfflineStore({ offline: player, ledger }),
      host,
      profile: PROFILE,
      maker: DEFAULT_MAKER_SETTINGS,
      identity: { orgId: 'org', userId: USER },
      options: { uploadDebounceMs: 1_000 },
    });
    await engine.start();
    await runFor(0);
  });

  afterEach(() => {
    engine.dispose();
  });

  it('downloads no pages and uploads no row changes', async () => {
    await engine.offline.updateRecord('account', accountId(1), { name: 'Mine' });
    await engine.syncNow();
    expect(remote.pageRequests).toBe(0);
    expect(remote.uploads).toEqual([]);
    expect(engine.getStatus()).toMatchObject({ pendingCount: 1, initialSyncComplete: true });
    expect(engine.getStatus().tables.find((t) => t.table === 'account')?.rows).toBe(4);
  });

  it('looks again on its own, with growing waits, and settles once the player has uploaded', async () => {
    await engine.offline.updateRecord('account', accountId(1), { name: 'Mine' });
    await runFor(1_000);
    const first = engine.listPending()[0];
    expect(first).toMatchObject({ attempts: 1 });
    const firstWait = (first.notBefore ?? 0) - host.now();
    expect(firstWait).toBeGreaterThanOrEqual(2_500);
    await runFor(firstWait + 1);
    const second = engine.listPending()[0];
    expect(second.attempts).toBe(2);
    playerUploads();
    await runFor((second.notBefore ?? 0) - host.now() + 1);
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(remote.uploads).toEqual([]);
  });

  it('recognises a lookup set with @odata.bind in the server row, and an update then a delete of one row', async () => {
    await engine.offline.updateRecord('account', accountId(1), { 'ownerid@odata.bind': `/systemusers(${OTHER_USER.toUpperCase()})` });
    await engine.offline.updateRecord('account', accountId(2), { name: 'Going' });
    await engine.offline.deleteRecord('account', accountId(2));
    playerUploads();
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
    expect(remote.row('account', accountId(1))?._ownerid_value).toBe(OTHER_USER);
  });

  it('does not take another value in the same column for the change', async () => {
    await engine.offline.updateRecord('account', accountId(1), { name: 'Mine' });
    remote.edit('account', accountId(1), { name: 'Someone else' });
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(1);
  });

  it('keeps every change when the server cannot be reached, and says so', async () => {
    await engine.offline.createRecord('account', { name: 'New' });
    playerUploads();
    remote.down = true;
    await expect(engine.syncNow()).rejects.toMatchObject({ code: 'network' });
    expect(engine.getStatus().pendingCount).toBe(1);
    await expect(ledger.listOutbox()).resolves.toHaveLength(1);
    remote.down = false;
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
  });

  it('fails a pass whose look at a row fails, and settles what it had already seen', async () => {
    await engine.offline.updateRecord('account', accountId(1), { name: 'One' });
    await engine.offline.updateRecord('account', accountId(2), { name: 'Two' });
    playerUploads();
    // The health check passes; the first row's look answers; the second's connection drops.
    const retrieve = remote.retrieveRecord.bind(remote);
    let looks = 0;
    remote.retrieveRecord = (table, id) => (++looks === 2 ? Promise.reject(new NetworkError('Failed to fetch')) : retrieve(table, id));
    await expect(engine.syncNow()).rejects.toMatchObject({ code: 'network' });
    expect(engine.listPending().map((e) => e.rowId)).toEqual([accountId(2)]);
    await engine.syncNow();
    expect(engine.getStatus().pendingCount).toBe(0);
  });
});

/** A write as the server stores it: `x@odata.bind` becomes `_x_value` (lower-case id). */
function serverShape(data: Row): Row {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      const bind = /^(.+)@odata\.bind$/.exec(key);
      if (!bind) return [key, value];
      return [`_${bind[1]}_value`, (/\(([^)]+)\)/.exec(String(value))?.[1] ?? '').toLowerCase()];
    }),
  );
}
