import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import { accountId, makeEngine } from '../support/engineFixture';

describe('the status before the offline database is read', () => {
  it('says its counts are not the device’s yet, and says so no longer once the queue is read', async () => {
    const store = new MemoryStore();
    const first = await makeEngine({ store });
    await first.engine.offline.updateRecord('account', accountId(1), { name: 'queued' });
    first.engine.dispose();

    const second = await makeEngine({ store, host: first.host, start: false });
    expect(second.engine.getStatus()).toMatchObject({ deviceRead: false, pendingCount: 0 });
    await second.engine.start();
    expect(second.engine.getStatus()).toMatchObject({ deviceRead: true, pendingCount: 1 });
    second.engine.dispose();
  });
});
