import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('conflicts', () => {
  it('with detection off (the default) the device wins and no precondition is sent', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Device' });
    h.remote.edit('account', accountId(1), { name: 'Server', revenue: 7 });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.uploads.at(-1)?.ifMatch).toBeUndefined();
    expect(h.remote.row('account', accountId(1))).toMatchObject({ name: 'Device', revenue: 7 });
    expect(h.engine.getStatus().errors).toHaveLength(0);
  });

  it('with detection on the server wins per row: the device copy is replaced and the conflict keeps both versions', async () => {
    const h = await makeEngine({ maker: { conflictDetection: true } });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Device' });
    await h.engine.offline.updateRecord('account', accountId(1), { revenue: 1 });
    h.remote.edit('account', accountId(1), { name: 'Server' });
    h.host.set({ online: true });
    await runFor(h, 5_000);

    expect(h.remote.uploads[0].ifMatch).toMatch(/^W\/"\d+"$/);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Server');
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Server');
    const status = h.engine.getStatus();
    expect(status.pendingCount).toBe(0);
    expect(status.iconState).toBe('error');
    expect(status.errors).toHaveLength(1);
    expect(status.errors[0]).toMatchObject({ code: 'conflict', errorType: 0, rowId: accountId(1) });
    expect(status.errors[0].deviceVersion).toMatchObject({ name: 'Device', revenue: 1 });
    expect(status.errors[0].serverVersion).toMatchObject({ name: 'Server' });
  });

  it('lets the user keep the device version after all by retrying the conflict', async () => {
    const h = await makeEngine({ maker: { conflictDetection: true } });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Mine' });
    h.remote.edit('account', accountId(2), { name: 'Theirs' });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    await h.engine.retryError(h.engine.getStatus().errors[0].id);
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(2))?.name).toBe('Mine');
    expect(h.engine.getStatus().errors).toHaveLength(0);
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('sends the etag the previous upload of the same row produced, so two syncs of one row do not conflict with themselves', async () => {
    const h = await makeEngine({ maker: { conflictDetection: true } });
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'One' });
    await runFor(h, 5_000);
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Two' });
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(3))?.name).toBe('Two');
    expect(h.engine.getStatus().errors).toHaveLength(0);
  });
});
