import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { PrivilegeError, QueueChangedError } from '../../SyncEngine/contracts/errors';
import type { RecordStore } from '../../SyncEngine/contracts/RecordStore';
import { SUITE_VERSION } from '../../SyncEngine/contracts/suiteVersion';
import { USER, accountId, makeEngine, runFor, type Harness } from '../support/engineFixture';

/** Every store method the engine called, by name, while `recording` is on. */
function recordingStore(): { store: MemoryStore; calls: string[]; recording: { on: boolean } } {
  const calls: string[] = [];
  const recording = { on: false };
  const target = new MemoryStore();
  const store = new Proxy(target, {
    get(object, name, receiver) {
      const value: unknown = Reflect.get(object, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (recording.on) calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
  return { store, calls, recording };
}

async function snapshot(store: RecordStore) {
  return {
    outbox: await store.listOutbox(),
    errors: await store.listErrors(),
    meta: await store.listMeta(),
    accounts: await store.queryRows('account', {}),
    settings: await store.getValue('userSettings'),
  };
}

/** Queues a create, an update, a delete and a file offline, and one refused change (a sync error). */
async function queueEverything(h: Harness): Promise<{ createdId: string }> {
  h.remote.uploadFailures.push(new PrivilegeError('No privilege', { status: 403 }));
  await h.engine.offline.updateRecord('account', accountId(6), { name: 'Not allowed' });
  await runFor(h, 5_000);
  h.host.set({ online: false });
  const { id } = await h.engine.offline.createRecord('account', { name: 'Typed offline', revenue: 4200 });
  await h.engine.offline.updateRecord('account', accountId(1), { name: 'Renamed', accountnumber: 'A-17' });
  await h.engine.offline.deleteRecord('account', accountId(2));
  await h.engine.offline.setAttachment('account', accountId(3), 'file', { column: 'doc', fileName: 'visit.pdf', mimeType: 'application/pdf', base64: 'JVBERi0xLjQ=' });
  return { createdId: id };
}

describe('exporting the queued changes and sync errors', () => {
  it('holds every change with what the user typed (create, update, delete, file) and the sync error', async () => {
    const h = await makeEngine();
    const { createdId } = await queueEverything(h);
    const doc = await h.engine.exportChanges();
    expect(doc).toMatchObject({ suiteVersion: SUITE_VERSION, orgId: 'org', userId: USER, counts: { changes: 5, rows: 4, files: 1, images: 0, errors: 1 } });
    expect(doc.changes.map((c) => [c.op, c.rowId, c.state])).toEqual([
      ['update', accountId(6), 'failed'],
      ['create', createdId, 'pending'],
      ['update', accountId(1), 'pending'],
      ['delete', accountId(2), 'pending'],
      ['fileAdd', accountId(3), 'pending'],
    ]);
    expect(doc.changes[0]).toMatchObject({ values: { name: 'Not allowed' }, lastErrorCode: 'privilege' });
    expect(doc.changes[1].values).toMatchObject({ name: 'Typed offline', revenue: 4200 });
    expect(doc.changes[2]).toMatchObject({ values: { name: 'Renamed', accountnumber: 'A-17' }, recordName: 'Renamed' });
    expect(doc.changes[4].attachment).toEqual({ column: 'doc', fileName: 'visit.pdf', mimeType: 'application/pdf', base64: 'JVBERi0xLjQ=' });
    expect(doc.errors).toEqual([expect.objectContaining({ code: 'privilege', rowId: accountId(6), action: 'update', changeSeq: doc.changes[0].seq })]);
  });

  it('reads the offline database, so a change another tab queued is in the file too', async () => {
    const h = await makeEngine();
    await h.store.writeLocal({
      table: 'account',
      rowId: accountId(4),
      row: { accountid: accountId(4), name: 'From the other tab' },
      entry: { table: 'account', rowId: accountId(4), op: 'update', data: { name: 'From the other tab' }, createdAt: 1, attempts: 0, state: 'pending' },
    });
    expect(h.engine.listPending()).toHaveLength(0);
    expect((await h.engine.exportChanges()).changes.map((c) => c.values)).toEqual([{ name: 'From the other tab' }]);
  });

  it('changes nothing: the store is only read, and holds the same before and after', async () => {
    const { store, calls, recording } = recordingStore();
    const h = await makeEngine({ store });
    await queueEverything(h);
    const before = await snapshot(store);
    const status = h.engine.getStatus();
    recording.on = true;
    const doc = await h.engine.exportChanges();
    recording.on = false;
    expect(calls.filter((name) => !/^(list|get)/.test(name))).toEqual([]);
    (doc.changes[1].values as Record<string, unknown>).name = 'Edited in the document';
    expect(await snapshot(store)).toEqual(before);
    expect(h.engine.getStatus()).toBe(status);
  });
});

describe('reset with the changes the user confirmed', () => {
  it('discards exactly the confirmed changes and starts again', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Confirmed 1' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Confirmed 2' });
    await h.engine.reset({ force: true, discarding: h.engine.listPending().map((e) => e.seq) });
    expect(await h.store.listOutbox()).toEqual([]);
    expect(h.engine.getStatus().pendingCount).toBe(0);
  });

  it('keeps everything when a change was queued after the confirmation, rejecting with queue-changed', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Confirmed' });
    const confirmed = h.engine.listPending().map((e) => e.seq);
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Queued after the confirmation' });
    await expect(h.engine.reset({ force: true, discarding: confirmed })).rejects.toBeInstanceOf(QueueChangedError);
    expect((await h.store.listOutbox()).map((e) => e.data?.name)).toEqual(['Confirmed', 'Queued after the confirmation']);
    expect(h.engine.getStatus().pendingCount).toBe(2);
    h.host.set({ online: true });
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(2))?.name).toBe('Queued after the confirmation');
  });

  it('keeps a change another tab queued after the confirmation (the store refuses the clear)', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Confirmed' });
    const confirmed = h.engine.listPending().map((e) => e.seq);
    await h.store.writeLocal({
      table: 'account',
      rowId: accountId(3),
      row: { accountid: accountId(3), name: 'Other tab' },
      entry: { table: 'account', rowId: accountId(3), op: 'update', data: { name: 'Other tab' }, createdAt: 1, attempts: 0, state: 'pending' },
    });
    await expect(h.engine.reset({ force: true, discarding: confirmed })).rejects.toMatchObject({ code: 'queue-changed' });
    expect((await h.store.listOutbox()).map((e) => e.data?.name)).toEqual(['Confirmed', 'Other tab']);
    expect(h.engine.getStatus().tables[0].rows).toBe(10);
  });

  it('refuses a reset confirmed with nothing queued once a change is queued', async () => {
    const h = await makeEngine();
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Just typed' });
    await expect(h.engine.reset({ force: true, discarding: [] })).rejects.toMatchObject({ code: 'queue-changed' });
    expect(await h.store.listOutbox()).toHaveLength(1);
  });
});
