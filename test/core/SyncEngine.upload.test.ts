import { NetworkError, PrivilegeError, ServerBusyError, ServerError } from '../../SyncEngine/contracts/errors';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('uploading local changes', () => {
  it('queues an offline edit, counts it as pending, and uploads it when the network returns', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Edited offline' });
    expect(h.engine.getStatus().pendingCount).toBe(1);
    expect(h.engine.getStatus().iconState).toBe('notConnected');
    expect((await h.engine.offline.retrieveRecord('account', accountId(1))).name).toBe('Edited offline');

    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Edited offline');
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('counts rows, not edits: three edits of one row and one new row are two pending', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    for (const name of ['a', 'b', 'c']) await h.engine.offline.updateRecord('account', accountId(2), { name });
    await h.engine.offline.createRecord('account', { name: 'New one' });
    expect(h.engine.getStatus().pendingCount).toBe(2);
    expect(h.engine.getStatus().iconState).toBe('notConnected');
  });

  it('counts added and removed files and images separately, as the mobile app does', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.setAttachment('account', accountId(1), 'file', { column: 'doc', fileName: 'a.pdf', base64: 'AA==' });
    await h.engine.offline.setAttachment('account', accountId(1), 'image', { column: 'entityimage', base64: 'AA==' });
    await h.engine.offline.setAttachment('account', accountId(1), 'image', { column: 'entityimage' });
    expect(h.engine.getStatus().outbox).toMatchObject({ rows: 0, files: 1, images: 2 });
    expect(h.engine.getStatus().pendingCount).toBe(3);
  });

  it('uploads the changes of one row in the order they were made', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'First' });
    await h.engine.offline.updateRecord('account', id, { name: 'Second' });
    await h.engine.offline.deleteRecord('account', id);
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.uploads.map((u) => u.entry.op)).toEqual(['create', 'update', 'delete']);
    expect(h.remote.row('account', id)).toBeUndefined();
  });

  it('treats a retried create whose first attempt landed as success', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Once' });
    h.remote.seed({ logicalName: 'account', primaryId: 'accountid' } as never, [{ accountid: id, name: 'Once' }]);
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().errors).toHaveLength(0);
  });

  it("does not take someone else's row with the same id for the user's create: a sync error keeps the user's values", async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Mine', revenue: 5 });
    h.remote.seed({ logicalName: 'account', primaryId: 'accountid' } as never, [{ accountid: id, name: 'Theirs', revenue: 9 }]);
    h.host.set({ online: true });
    await runFor(h, 5_000);
    const status = h.engine.getStatus();
    expect(status.errors).toEqual([expect.objectContaining({ code: 'already-exists', errorType: 2, rowId: id, action: 'create', state: 'active' })]);
    expect(status.pendingCount).toBe(1);
    expect(status.iconState).toBe('error');
    expect(await h.engine.offline.retrieveRecord('account', id)).toMatchObject({ name: 'Mine', revenue: 5 });
    expect(h.remote.row('account', id)).toMatchObject({ name: 'Theirs', revenue: 9 });
  });

  it('reports a create that breaks an alternate key as "record already exists", and Discard then drops only the device row', async () => {
    const h = await makeEngine();
    h.remote.alternateKeys.set('account', 'name');
    const { id } = await h.engine.offline.createRecord('account', { name: 'Account 3' });
    await runFor(h, 5_000);
    const [error] = h.engine.getStatus().errors;
    expect(error).toMatchObject({ code: 'already-exists', errorType: 2, rowId: id, detail: expect.stringContaining('0x80060892') });
    expect(await h.engine.offline.retrieveRecord('account', id)).toMatchObject({ name: 'Account 3' });
    expect(h.remote.row('account', id)).toBeUndefined();

    await h.engine.discardError(error.id);
    await runFor(h, 5_000);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().errors.filter((e) => e.state === 'active')).toHaveLength(0);
    await expect(h.engine.offline.retrieveRecord('account', id)).rejects.toMatchObject({ code: 'record-not-found' });
    expect(h.remote.row('account', accountId(3))).toMatchObject({ name: 'Account 3' });
  });

  it('discarding a refused create takes the later edits of that row with it, instead of leaving them to fail', async () => {
    const h = await makeEngine();
    h.remote.alternateKeys.set('account', 'accountnumber');
    h.remote.seed({ logicalName: 'account', primaryId: 'accountid' } as never, [{ accountid: accountId(90), name: 'Theirs', accountnumber: 'N-1' }]);
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Mine', accountnumber: 'N-1' });
    await h.engine.offline.updateRecord('account', id, { revenue: 7 });
    h.host.set({ online: true });
    await runFor(h, 5_000);
    const [error] = h.engine.getStatus().errors;
    expect(error).toMatchObject({ code: 'already-exists', rowId: id });

    await h.engine.discardError(error.id);
    await runFor(h, 60_000);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.listPending()).toEqual([]);
    expect(h.engine.getStatus().errors).toEqual([]);
    expect(h.remote.uploads.filter((u) => u.entry.rowId === id).map((u) => u.entry.op)).toEqual(['create']);
  });

  it('discarding a queued create from the pending list also drops the edits made to that new row', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Draft' });
    await h.engine.offline.updateRecord('account', id, { name: 'Draft 2' });
    const [create] = h.engine.listPending();
    await h.engine.discardChange(create.seq);
    expect(h.engine.listPending()).toEqual([]);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    await expect(h.engine.offline.retrieveRecord('account', id)).rejects.toMatchObject({ code: 'record-not-found' });
  });

  it('keeps a duplicate create waiting, not failed, when the row cannot be read to tell whose it is', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    const { id } = await h.engine.offline.createRecord('account', { name: 'Mine' });
    h.remote.seed({ logicalName: 'account', primaryId: 'accountid' } as never, [{ accountid: id, name: 'Mine' }]);
    h.host.set({ online: true });
    const read = h.remote.retrieveRecord.bind(h.remote);
    let failReads = 1;
    h.remote.retrieveRecord = (table, rowId) => (failReads-- > 0 ? Promise.reject(new ServerError('boom', { status: 500 })) : read(table, rowId));
    await runFor(h, 5_000);
    expect(h.engine.getStatus().errors).toHaveLength(0);
    await runFor(h, 60_000);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect(h.engine.getStatus().errors).toHaveLength(0);
  });

  it('reports an upload pass with a refused change as FAILURE, and the refused change on its own, without column values', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new PrivilegeError('The user lacks prvWriteAccount on Revenue 4242', { status: 403, serverCode: '0x80040220' }));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Secret 4242' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Fine' });
    await runFor(h, 5_000);
    const pass = h.telemetry.filter((e) => e.name === 'Offline.UploadChanges');
    expect(pass).toHaveLength(1);
    expect(pass[0]).toMatchObject({ success: false });
    expect(pass[0].customDimensions).toMatchObject({ ScenarioResult: 'FAILURE', ErrorCode: 'privilege', FailureType: '2006', RecordCount: 1, FailedRecordCount: 1 });
    const change = h.telemetry.filter((e) => e.name === 'Offline.UploadChange');
    expect(change).toHaveLength(1);
    expect(change[0].customDimensions).toMatchObject({ ScenarioResult: 'FAILURE', ErrorCode: 'privilege', FailureType: '2006', EntityName: 'account', Action: 'update' });
    expect(JSON.stringify(h.telemetry)).not.toMatch(/4242|Secret|Fine/);
  });

  it('reports a clean upload pass as SUCCESS with no per-change events', async () => {
    const h = await makeEngine();
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Fine' });
    await runFor(h, 5_000);
    const pass = h.telemetry.filter((e) => e.name === 'Offline.UploadChanges');
    expect(pass.map((e) => e.customDimensions.ScenarioResult)).toEqual(['SUCCESS']);
    expect(pass[0].customDimensions.FailedRecordCount).toBeUndefined();
    expect(h.telemetry.filter((e) => e.name === 'Offline.UploadChange')).toHaveLength(0);
  });

  it('retries a transient failure with backoff and keeps the change until it lands', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new ServerError('boom', { status: 500 }));
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Retry me' });
    await runFor(h, 3_000);
    expect(h.engine.getStatus().pendingCount).toBe(1);
    await runFor(h, 60_000);
    expect(h.remote.row('account', accountId(3))?.name).toBe('Retry me');
    expect(h.engine.getStatus().pendingCount).toBe(0);
  });

  it('honours Retry-After on 429: shows a server-busy warning, waits the whole time, then recovers by itself', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new ServerBusyError('Too many requests', { status: 429, retryAfterMs: 120_000 }));
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Busy' });
    await runFor(h, 3_000);
    expect(h.engine.getStatus().iconState).toBe('warning');
    expect(h.engine.getStatus().warnings.map((w) => w.code)).toEqual(['server-busy']);
    await runFor(h, 100_000);
    expect(h.remote.row('account', accountId(3))?.name).not.toBe('Busy');
    await runFor(h, 30_000);
    expect(h.remote.row('account', accountId(3))?.name).toBe('Busy');
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('keeps the server\'s Retry-After wait when the network drops and comes back during it', async () => {
    const h = await makeEngine();
    h.remote.failures.push(new ServerBusyError('Too many requests', { status: 429, retryAfterMs: 60_000 }));
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Busy' });
    await runFor(h, 3_000);
    expect(h.engine.getStatus().warnings.map((w) => w.code)).toEqual(['server-busy']);
    h.host.set({ online: false });
    await runFor(h, 5_000);
    h.host.set({ online: true });
    await runFor(h, 40_000);
    expect(h.remote.row('account', accountId(3))?.name).not.toBe('Busy');
    await runFor(h, 20_000);
    expect(h.remote.row('account', accountId(3))?.name).toBe('Busy');
  });

  it('quarantines a change that keeps failing so the rest of the queue keeps flowing', async () => {
    const h = await makeEngine({ options: { maxAttempts: 3 } });
    h.remote.uploadFailures.push(...Array.from({ length: 3 }, () => new ServerError('plugin failed', { status: 500 })));
    await h.engine.offline.updateRecord('account', accountId(4), { name: 'Poison' });
    await runFor(h, 10 * 60_000);
    await h.engine.offline.updateRecord('account', accountId(5), { name: 'Healthy' });
    await runFor(h, 10_000);
    expect(h.remote.row('account', accountId(5))?.name).toBe('Healthy');
    const status = h.engine.getStatus();
    expect(status.outbox.held).toBe(1);
    expect(status.pendingCount).toBe(1);
    expect(status.errors).toHaveLength(1);
    expect(status.errors[0]).toMatchObject({ table: 'account', rowId: accountId(4), code: 'server', errorType: 3, action: 'update' });
    expect(status.iconState).toBe('error');
  });

  it('puts a rejected change in the sync error list; retry re-queues it and discard drops it', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new PrivilegeError('No privilege', { status: 403 }));
    await h.engine.offline.updateRecord('account', accountId(6), { name: 'Not allowed' });
    await runFor(h, 5_000);
    const [error] = h.engine.getStatus().errors;
    expect(error).toMatchObject({ code: 'privilege', recordName: 'Not allowed' });
    expect(h.engine.getStatus().iconState).toBe('error');

    await h.engine.retryError(error.id);
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(6))?.name).toBe('Not allowed');
    expect(h.engine.getStatus().errors).toHaveLength(0);

    h.remote.uploadFailures.push(new PrivilegeError('No privilege', { status: 403 }));
    await h.engine.offline.updateRecord('account', accountId(7), { name: 'Drop me' });
    await runFor(h, 5_000);
    await h.engine.discardError(h.engine.getStatus().errors[0].id);
    expect(h.engine.getStatus().pendingCount).toBe(0);
    expect((await h.engine.offline.retrieveRecord('account', accountId(7))).name).toBe('Account 7');
  });

  it('shows "Network or Service Unavailable" when the service does not answer, and recovers when it does', async () => {
    const h = await makeEngine();
    h.remote.down = true;
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Waiting' });
    await runFor(h, 5_000);
    expect(h.engine.getStatus().connectivity).toBe('unavailable');
    expect(h.engine.getStatus().iconState).toBe('notConnected');
    h.remote.down = false;
    await runFor(h, 60_000);
    expect(h.engine.getStatus().connectivity).toBe('online');
    expect(h.remote.row('account', accountId(1))?.name).toBe('Waiting');
  });

  it('raises a stall warning when connected with pending changes and no progress for the configured time', async () => {
    const h = await makeEngine({ options: { stallAfterMs: 60_000 } });
    h.remote.uploadFailures.push(...Array.from({ length: 50 }, () => new NetworkError('reset')));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Stuck' });
    await runFor(h, 61_000);
    expect(h.engine.getStatus().warnings.map((w) => w.code)).toContain('stalled');
  });
});
