import { FORMATTED_VALUE } from '../../SyncEngine/core/offline/localColumns';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('formatted values on rows changed on the device', () => {
  it('an update drops the server formatted values of the columns it changes and keeps the others', async () => {
    const h = await makeEngine();
    await runFor(h, 5_000);
    const id = accountId(1);
    const row = await h.store.getRow('account', id);
    await h.store.replaceRow('account', id, {
      ...row,
      [`name${FORMATTED_VALUE}`]: 'Server name',
      [`statecode${FORMATTED_VALUE}`]: 'Active',
      [`modifiedon${FORMATTED_VALUE}`]: '1/1/2025 9:00 AM',
    });
    h.host.set({ online: false });
    await h.engine.offline.updateRecord('account', id, { statecode: 1 });
    const changed = await h.store.getRow('account', id);
    expect(changed?.statecode).toBe(1);
    expect(changed?.[`statecode${FORMATTED_VALUE}`]).toBeUndefined();
    expect(changed?.[`modifiedon${FORMATTED_VALUE}`]).toBeUndefined();
    expect(changed?.[`name${FORMATTED_VALUE}`]).toBe('Server name');
  });
});
