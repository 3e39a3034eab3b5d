import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('when the device storage is full', () => {
  it('shows a quota warning during a download and resumes once space is freed', async () => {
    // Room for the accounts and a few more rows, but not for the contacts the first sync also brings.
    const store = new MemoryStore({ quotaRows: 12 });
    const h = await makeEngine({ store, accounts: 10, start: false });
    await h.engine.start();
    await runFor(h, 0);

    const status = h.engine.getStatus();
    expect(status.warnings.map((w) => w.code)).toContain('quota');
    expect(status.iconState).toBe('warning');
    expect(status.lastFailureCode).toBe('quota');

    store.quotaRows = undefined; // the user freed space
    await runFor(h, 5 * 60_000);
    expect(h.engine.getStatus().warnings).toEqual([]);
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
  });

  it('refuses an offline write with a clear quota error and loses none of the changes already queued', async () => {
    const store = new MemoryStore();
    const h = await makeEngine({ store, accounts: 10 });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Queued before' });
    store.quotaRows = 0;
    await expect(h.engine.offline.createRecord('account', { name: 'Does not fit' })).rejects.toMatchObject({ code: 'quota' });
    expect(h.engine.getStatus().pendingCount).toBe(1);
    expect((await store.listOutbox()).map((e) => e.rowId)).toEqual([accountId(2)]);
    store.quotaRows = undefined;
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(2))?.name).toBe('Queued before');
  });
});
