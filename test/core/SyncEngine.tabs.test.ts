import { settle } from '../support/FakeHost';
import { TabHub } from '../support/FakeTabs';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('several tabs of the same app and user', () => {
  async function twoTabs() {
    const hub = new TabHub();
    const first = await makeEngine({ coordinator: hub.join() });
    const second = await makeEngine({ coordinator: hub.join(), store: first.store, remote: first.remote, host: first.host });
    await settle();
    return { hub, first, second };
  }

  it('lets exactly one tab sync, and both show the same status', async () => {
    const { first, second } = await twoTabs();
    const before = first.remote.pageRequests;
    await runFor(first, 60 * 60_000);
    expect(first.remote.pageRequests - before).toBe(2); // one delta per table, not two
    await settle();
    expect(second.engine.getStatus().isEqual(first.engine.getStatus())).toBe(true);
    expect(second.engine.getStatus().tables[0].rows).toBe(10);
  });

  it('uploads an edit made in the other tab exactly once, and both tabs see the pending count', async () => {
    const { first, second } = await twoTabs();
    first.host.set({ online: false });
    await second.engine.offline.updateRecord('account', accountId(1), { name: 'From tab two' });
    await settle();
    expect(first.engine.getStatus().pendingCount).toBe(1);
    expect(second.engine.getStatus().pendingCount).toBe(1);
    first.host.set({ online: true });
    await runFor(first, 5_000);
    await settle();
    expect(first.remote.row('account', accountId(1))?.name).toBe('From tab two');
    expect(first.remote.uploads.filter((u) => u.entry.rowId === accountId(1))).toHaveLength(1);
    expect(second.engine.getStatus().pendingCount).toBe(0);
  });

  it('hands syncing over to the other tab when the leading tab closes', async () => {
    const { first, second } = await twoTabs();
    first.host.set({ online: false });
    await first.engine.offline.updateRecord('account', accountId(2), { name: 'Queued before closing' });
    first.engine.dispose();
    await settle();
    first.host.set({ online: true });
    await runFor(second, 5_000);
    expect(first.remote.row('account', accountId(2))?.name).toBe('Queued before closing');
    expect(second.engine.getStatus().pendingCount).toBe(0);
  });

  it('runs "Sync now" pressed in the other tab on the leader', async () => {
    const { first, second } = await twoTabs();
    const before = first.remote.pageRequests;
    await second.engine.syncNow();
    await settle();
    await first.engine.idle();
    expect(first.remote.pageRequests).toBeGreaterThan(before);
  });
});
