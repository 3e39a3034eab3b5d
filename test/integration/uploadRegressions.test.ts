import { RejectedError, ServerError } from '../../SyncEngine/contracts/errors';
import { accountId, makeEngine, runFor } from '../support/engineFixture';
import { FaultyMemoryRemote } from '../support/FaultyMemoryRemote';
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
});
