import { RejectedError, ServerError } from '../../SyncEngine/contracts/errors';
import { startEmulator } from '../dataverse-emulator';
import { accountId, makeEngine, runFor } from '../support/engineFixture';
import { FaultyMemoryRemote } from '../support/FaultyMemoryRemote';
import { SCHEDULE_ROWS, seededAccountIds, startHttpScheduleTarget } from '../support/httpScheduleTarget';
import { seededRemoteInto } from '../support/seededRemoteInto';

/** Bugs the random fault schedules found, kept as plain examples. */
describe('uploads: cases the fault schedules found', () => {
  it.each([
    ['backs off after a 5xx', new ServerError('500', { status: 500 })],
    ['is held after a 400', new RejectedError('400', { status: 400 })],
  ])('does not spin passes while the first change of a row %s and a second waits', async (_, failure) => {
    const h = await makeEngine();
    let pings = 0;
    const ping = h.remote.ping.bind(h.remote);
    h.remote.ping = () => {
      pings++;
      if (pings > 50) h.host.set({ online: false }); // stop a spin so the test ends
      return ping();
    };
    h.remote.uploadFailures.push(failure);
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'one' });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'two' });
    await runFor(h, 2_000); // covers the debounce and the first attempt
    expect(pings).toBeLessThan(5);
  });

  it('with detection on, two waiting edits of one row upload in one pass without conflicting with each other', async () => {
    const h = await makeEngine({ maker: { conflictDetection: true } });
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'One' });
    await h.engine.offline.updateRecord('account', accountId(3), { revenue: 5 });
    await runFor(h, 5_000);
    expect(h.engine.getStatus().errors).toEqual([]);
    expect(h.remote.row('account', accountId(3))).toMatchObject({ name: 'One', revenue: 5 });
  });

  it('with detection on, a retried update whose first answer was lost is not a conflict', async () => {
    const remote = seededRemoteInto(new FaultyMemoryRemote(), 6);
    const h = await makeEngine({ remote, maker: { conflictDetection: true } });
    remote.lostReplies = 1;
    await h.engine.offline.updateRecord('account', accountId(0), { name: 'Mine' });
    await runFor(h, 5_000);
    await h.engine.syncNow().catch(() => undefined);
    await runFor(h, 10 * 60_000);
    await h.engine.syncNow();
    expect(h.engine.getStatus().errors).toEqual([]);
    expect(remote.row('account', accountId(0))?.name).toBe('Mine');
  });

  it('over HTTP with detection on, a stale delete whose 412 comes back garbled as a 200 ends as a conflict, not as uploaded', async () => {
    const emulator = await startEmulator({ port: 0, rows: SCHEDULE_ROWS });
    const target = await startHttpScheduleTarget(emulator, true);
    try {
      const [id] = await seededAccountIds(emulator);
      await target.serverEdit(id, { name: 'Dispatcher edit' });
      await target.engine.offline.deleteRecord('account', id);
      await target.inject('lostReply'); // the emulator garbles the answer to the next write: here, its 412
      await target.wait(60_000); // the debounce, the upload, its backoff, and the retry that meets the 412 again
      expect(target.engine.getStatus().errors).toMatchObject([{ code: 'conflict', rowId: id }]);
      expect(await target.deviceRow(id)).toMatchObject({ name: 'Dispatcher edit' });
      expect(await target.serverRow(id)).toMatchObject({ name: 'Dispatcher edit' });
    } finally {
      await target.close();
      await emulator.close();
    }
  });
});
