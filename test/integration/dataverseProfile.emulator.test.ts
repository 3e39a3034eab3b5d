import { IDBFactory } from 'fake-indexeddb';
import { ProfileCache } from '../../SyncEngine/adapters/browser/ProfileCache';
import { readEngineConfig } from '../../SyncEngine/config/controlConfig';
import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { resolveEngineProfile } from '../../SyncEngine/engineProfile';
import { BOOKINGS_RULE_FETCHXML, EMULATOR_USER, FIELD_SERVICE_PROFILE, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { admin, fetchRows } from '../dataverse-emulator/testing';
import { RealHost } from '../support/RealHost';
import { startHttpEngine } from '../support/httpEngine';

let emulator: RunningEmulator;
const identity = { orgId: 'emulator', userId: EMULATOR_USER.userId };

/** localStorage's shape over a Map: the cache as a browser would keep it. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rows: 400 });
  // Seeded bookings are dated around 2025: bring a few of the user's into the rule view's window (today ± 7 days).
  const mine = await fetchRows(emulator, 'bookableresourcebookings', `<fetch top="5"><entity name="bookableresourcebooking"><attribute name="bookableresourcebookingid" /><filter><condition attribute="ownerid" operator="eq-userid" /><condition attribute="msdyn_workorder" operator="not-null" /></filter></entity></fetch>`);
  const start = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const end = new Date(Date.now() + 7200_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const booking of mine) {
    await admin(emulator, 'POST', 'edit', { entitySet: 'bookableresourcebookings', id: booking.bookableresourcebookingid, changes: { starttime: start, endtime: end } });
  }
});
afterAll(() => emulator.close());

describe("an engine configured with only the offline profile's name", () => {
  const config = readEngineConfig({ offlineProfileName: { raw: FIELD_SERVICE_PROFILE.name } });

  it('reads the Field Service profile from Dataverse and syncs its slice', async () => {
    const resolved = await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache: new ProfileCache('emulator', EMULATOR_USER.userId, memoryStorage()) });
    expect(resolved.source).toBe('name');
    expect(resolved.maker.conflictDetection).toBe(false);
    const { engine } = await startHttpEngine({ emulator, factory: new IDBFactory(), host: new RealHost(), dbName: 'dataverse-profile', profile: resolved.profile, maker: resolved.maker });
    try {
      await engine.syncNow();
      const status = engine.getStatus();
      expect(status.initialSyncComplete).toBe(true);
      expect(status.activeErrors).toEqual([]);
      const rows = Object.fromEntries(status.tables.map((t) => [t.table, t.rows]));
      const slice = await fetchRows(emulator, 'bookableresourcebookings', BOOKINGS_RULE_FETCHXML);
      expect(slice.length).toBeGreaterThanOrEqual(5);
      expect(rows.bookableresourcebooking).toBe(slice.length);
      expect(rows.msdyn_workorder).toBeGreaterThan(0);
      expect(rows.account).toBeGreaterThan(0);
    } finally {
      engine.dispose();
    }
  });

  it('starts with the last profile read when the service cannot be reached', async () => {
    const cache = new ProfileCache('emulator', EMULATOR_USER.userId, memoryStorage());
    const online = await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache });
    const offline = await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache, fetch: unreachable });
    expect(offline.source).toBe('cache');
    expect(offline.profile).toEqual(online.profile);
    const never = await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache: new ProfileCache('x', 'y', memoryStorage()), fetch: unreachable });
    expect(never).toMatchObject({ source: 'built-in', profile: DEFAULT_PROFILE });
  });

  it("follows the organisation's conflict detection setting unless the maker overrides it", async () => {
    await admin(emulator, 'POST', 'edit', { entitySet: 'organizations', id: EMULATOR_USER.organizationId, changes: { isconflictdetectionenabledformobileclient: true } });
    try {
      const cache = new ProfileCache('emulator', EMULATOR_USER.userId, memoryStorage());
      expect((await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache })).maker.conflictDetection).toBe(true);
      const off = readEngineConfig({ offlineProfileName: { raw: FIELD_SERVICE_PROFILE.name }, conflictDetectionMode: { raw: 'off' } });
      expect((await resolveEngineProfile({ config: off, baseUrl: emulator.baseUrl, identity, cache })).maker.conflictDetection).toBe(false);
    } finally {
      await admin(emulator, 'POST', 'edit', { entitySet: 'organizations', id: EMULATOR_USER.organizationId, changes: { isconflictdetectionenabledformobileclient: false } });
    }
  });

  it('shows a table the user cannot read in the error list, and syncs the others', async () => {
    await admin(emulator, 'POST', 'privileges', { entitySet: 'msdyn_customerassets', read: false });
    try {
      const resolved = await resolveEngineProfile({ config, baseUrl: emulator.baseUrl, identity, cache: new ProfileCache('emulator', EMULATOR_USER.userId, memoryStorage()) });
      const { engine } = await startHttpEngine({ emulator, factory: new IDBFactory(), host: new RealHost(), dbName: 'dataverse-profile-403', profile: resolved.profile, maker: resolved.maker, profileProblems: resolved.problems });
      try {
        await engine.syncNow();
        const status = engine.getStatus();
        expect(status.activeErrors.map((e) => [e.code, e.table])).toEqual([['table-not-readable', 'msdyn_customerasset']]);
        expect(status.tables.map((t) => t.table).sort()).toEqual(['account', 'bookableresourcebooking', 'contact', 'msdyn_workorder']);
        expect(status.tables.every((t) => t.initialComplete)).toBe(true);
      } finally {
        engine.dispose();
      }
    } finally {
      await admin(emulator, 'POST', 'privileges', { entitySet: 'msdyn_customerassets', read: true });
    }
  });
});
