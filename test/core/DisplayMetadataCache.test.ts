import { MemoryStore } from '../../SyncEngine/adapters/memory/MemoryStore';
import type { TableDisplay } from '../../SyncEngine/contracts/displayMetadata';
import type { OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import { DisplayMetadataCache } from '../../SyncEngine/core/metadata/DisplayMetadataCache';
import { FakeHost } from '../support/FakeHost';
import { ACCOUNTS, CONTACTS, PROFILE, USER } from '../support/engineFixture';

/** A remote answering only the metadata calls, counting them; `language` and `fail` are set by the test. */
function metadataRemote(): { remote: RemoteSource; calls: { language: number; metadata: number }; language: number; fail: boolean } {
  const state = { calls: { language: 0, metadata: 0 }, language: 1033, fail: false, remote: {} as RemoteSource };
  state.remote = {
    userLanguage: () => {
      state.calls.language += 1;
      return state.fail ? Promise.reject(new Error('offline')) : Promise.resolve(state.language);
    },
    fetchDisplayMetadata: (tables) => {
      state.calls.metadata += 1;
      const names: Record<string, TableDisplay> = {};
      for (const t of tables) names[t.logicalName] = { logicalName: t.logicalName, displayCollectionName: `${t.logicalName} (${String(state.language)})`, columns: {} };
      return Promise.resolve(names);
    },
  } as Partial<RemoteSource> as RemoteSource;
  return state;
}

async function cache(store: MemoryStore, remote: RemoteSource, profile: OfflineProfile = PROFILE): Promise<DisplayMetadataCache> {
  const made = new DisplayMetadataCache({ store, remote, profile, host: new FakeHost(), identity: { orgId: 'o', userId: USER, businessUnitId: 'b' }, onChange: jest.fn() });
  await made.load();
  return made;
}

describe('DisplayMetadataCache', () => {
  const store = new MemoryStore();
  beforeEach(() => store.clear());

  it('reads once per session, and a later session with the same language and profile reads nothing', async () => {
    const fake = metadataRemote();
    const first = await cache(store, fake.remote);
    await first.refresh();
    await first.refresh();
    expect(fake.calls).toEqual({ language: 1, metadata: 1 });
    const second = await cache(store, fake.remote);
    expect(second.value?.tables.account?.displayCollectionName).toBe('account (1033)');
    await second.refresh();
    expect(fake.calls).toEqual({ language: 2, metadata: 1 });
  });

  it('reads again when the language or the profile changed', async () => {
    const fake = metadataRemote();
    await (await cache(store, fake.remote)).refresh();
    fake.language = 1031;
    const german = await cache(store, fake.remote);
    await german.refresh();
    expect(german.value?.tables.account?.displayCollectionName).toBe('account (1031)');
    const other = await cache(store, fake.remote, { ...PROFILE, tables: [ACCOUNTS, { ...CONTACTS, columns: [...CONTACTS.columns, 'jobtitle'] }] });
    expect(other.value).toBeUndefined();
    await other.refresh();
    expect(fake.calls.metadata).toBe(3);
  });

  it('a failure changes nothing and is tried again at the next refresh', async () => {
    const fake = metadataRemote();
    fake.fail = true;
    const made = await cache(store, fake.remote);
    await expect(made.refresh()).resolves.toBeUndefined();
    expect(made.value).toBeUndefined();
    fake.fail = false;
    await made.refresh();
    expect(made.value?.language).toBe(1033);
  });
});

describe('DisplayMetadataCache after a reset', () => {
  it('forgets the names with the database and reads them again at the next refresh', async () => {
    const store = new MemoryStore();
    const fake = metadataRemote();
    const made = await cache(store, fake.remote);
    await made.refresh();
    await store.clear();
    made.forget();
    expect(made.value).toBeUndefined();
    await made.refresh();
    expect(made.value?.language).toBe(1033);
    expect(fake.calls.metadata).toBe(2);
  });
});
