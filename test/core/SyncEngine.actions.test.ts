import { PrivilegeError } from '../../SyncEngine/contracts/errors';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('user actions on the status page', () => {
  it('refreshes every table in full, reporting FORCED_SYNC per table', async () => {
    const h = await makeEngine();
    h.remote.tables.get('account')?.delete(accountId(0)); // gone without a change-log entry
    await h.engine.refreshAll();
    expect(h.engine.getStatus().tables[0].rows).toBe(9);
    const modes = h.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords').slice(-2).map((e) => e.customDimensions.DataSyncMode);
    expect(modes).toEqual(['FORCED_SYNC', 'FORCED_SYNC']);
  });

  it('reports the first download of each table as FIRST_SYNC and later ones as DELTA_SYNC', async () => {
    const h = await makeEngine();
    await h.engine.syncNow();
    const modes = h.telemetry.filter((e) => e.name === 'Offline.DdsClient.GetRecords').map((e) => e.customDimensions.DataSyncMode);
    expect(modes).toEqual(['FIRST_SYNC', 'FIRST_SYNC', 'DELTA_SYNC', 'DELTA_SYNC']);
  });

  it('lists queued changes in upload order and discards one, restoring the server copy', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Keep' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Drop' });
    const pending = h.engine.listPending();
    expect(pending.map((e) => [e.rowId, e.op, e.recordName])).toEqual([
      [accountId(1), 'update', 'Keep'],
      [accountId(2), 'update', 'Drop'],
    ]);
    h.host.set({ online: true });
    await h.engine.discardChange(pending[1].seq);
    expect(h.engine.getStatus().pendingCount).toBe(1);
    expect((await h.engine.offline.retrieveRecord('account', accountId(2))).name).toBe('Account 2');
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Keep');
    expect(h.remote.row('account', accountId(2))?.name).toBe('Account 2');
  });

  it('discarding while offline brings the server copy back with the next pass', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Unwanted' });
    await h.engine.discardChange(h.engine.listPending()[0].seq);
    h.host.set({ online: true });
    await runFor(h, 1_000);
    expect((await h.engine.offline.retrieveRecord('account', accountId(3))).name).toBe('Account 3');
  });

  it('discarding a never-uploaded create removes the row from the device', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Never mind' });
    await h.engine.discardChange(h.engine.listPending()[0].seq);
    await expect(h.engine.offline.retrieveRecord('account', id)).rejects.toThrow('Record Not Found');
  });

  it('finishes a started sync even when the app goes to the background', async () => {
    const h = await makeEngine({ start: false, accounts: 40 });
    await h.engine.start();
    const pass = h.engine.syncNow();
    h.host.set({ active: false });
    await pass;
    expect(h.engine.getStatus().initialSyncComplete).toBe(true);
    expect(h.engine.getStatus().tables[0].rows).toBe(40);
  });

  it('retries a "Sync now" that hit a busy server once the Retry-After has passed, with nothing else due', async () => {
    const h = await makeEngine();
    const { ServerBusyError } = await import('../../SyncEngine/contracts/errors');
    h.remote.failures.push(new ServerBusyError('429', { status: 429, retryAfterMs: 30_000 }));
    await expect(h.engine.syncNow()).rejects.toMatchObject({ code: 'server-busy' });
    expect(h.engine.getStatus().iconState).toBe('warning');
    const before = h.remote.pageRequests;
    await runFor(h, 40_000);
    expect(h.remote.pageRequests).toBeGreaterThan(before);
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('rejects refreshing a table that is not in the profile with a config error', async () => {
    const h = await makeEngine();
    await expect(h.engine.refreshTable('lead')).rejects.toMatchObject({ code: 'config' });
  });
});

describe('discarding exactly the changes the user confirmed', () => {
  it('drops a create and its later changes when all were confirmed', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'New' });
    await h.engine.offline.updateRecord('account', id, { name: 'Newer' });
    await h.engine.discardChange(h.engine.listPending()[0].seq, { discarding: h.engine.listPending().map((e) => e.seq) });
    expect(await h.store.listOutbox()).toEqual([]);
  });

  it('drops nothing when a later change of the created row was queued after the confirmation', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'New' });
    const [create] = h.engine.listPending();
    await h.engine.offline.updateRecord('account', id, { name: 'Typed after the dialog opened' });
    await expect(h.engine.discardChange(create.seq, { discarding: [create.seq] })).rejects.toMatchObject({ code: 'queue-changed' });
    expect((await h.store.listOutbox()).map((e) => e.op)).toEqual(['create', 'update']);
    expect((await h.engine.offline.retrieveRecord('account', id)).name).toBe('Typed after the dialog opened');
  });

  it('drops nothing when discarding a sync error would take a change the user was not shown', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new PrivilegeError('No privilege', { status: 403 }));
    const { id } = await h.engine.offline.createRecord('account', { name: 'Refused' });
    await runFor(h, 5_000);
    const [error] = h.engine.getStatus().errors;
    const held = h.engine.listPending().map((e) => e.seq);
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', id, { name: 'Edited since' });
    await expect(h.engine.discardError(error.id, { discarding: held })).rejects.toMatchObject({ code: 'queue-changed' });
    expect(await h.store.listOutbox()).toHaveLength(2);
    expect(h.engine.getStatus().errors).toHaveLength(1);
    await h.engine.discardError(error.id, { discarding: h.engine.listPending().map((e) => e.seq) });
    expect(await h.store.listOutbox()).toEqual([]);
  });
});
