import { ConfigError } from '../../SyncEngine/contracts/errors';
import { DEFAULT_MAKER_SETTINGS } from '../../SyncEngine/contracts/profile';
import { DeferredEngine } from '../../SyncEngine/core/DeferredEngine';
import { accountId, makeEngine } from '../support/engineFixture';

describe('the engine that stands in while the profile is read', () => {
  it('exports the real engine\'s queue once it exists, and passes reset and discard options through', async () => {
    const h = await makeEngine();
    h.host.set({ online: false });
    let attach: (engine: typeof h.engine) => void = () => undefined;
    const deferred = new DeferredEngine(DEFAULT_MAKER_SETTINGS, new Promise((resolve) => (attach = resolve)));
    const exported = deferred.exportChanges();
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Typed before the profile came' });
    attach(h.engine);
    expect((await exported).changes.map((c) => c.values)).toEqual([{ name: 'Typed before the profile came' }]);

    const [queued] = deferred.listPending();
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Later' });
    await expect(deferred.reset({ force: true, discarding: [queued.seq] })).rejects.toMatchObject({ code: 'queue-changed' });
    await expect(deferred.discardChange(queued.seq, { discarding: [] })).rejects.toMatchObject({ code: 'queue-changed' });
    expect(deferred.listPending()).toHaveLength(2);
    deferred.dispose();
  });

  it('rejects an export with the reason there is no engine', async () => {
    const deferred = new DeferredEngine(DEFAULT_MAKER_SETTINGS, Promise.reject(new ConfigError('No offline profile.')));
    await expect(deferred.exportChanges()).rejects.toMatchObject({ code: 'config' });
  });
});
