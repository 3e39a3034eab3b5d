import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { DEFAULT_MAKER_SETTINGS, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import { parseFetchXml } from '../../SyncEngine/core/fetchxml';
import { sliceQuery } from '../../SyncEngine/core/profile/sliceQuery';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_TABLES, EMULATOR_USER, EMULATOR_USER_TEAMS, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { getJson } from '../dataverse-emulator/testing';
import { emulatorIdentity } from '../query-table/queryStack';
import { emulatorAnswer, withFetchAttribute } from '../query-table/runners';
import { RealHost } from '../support/RealHost';
import { EXACT_PROFILES, LINKED_FETCHXML_PROFILE } from './sliceProfiles';

/** Enough rows that every slice is a real cut of its table, few enough for a quick file. */
const ROWS = 800;
/** Small pages, so the comparison follows the paging cookie across several pages of each slice. */
const PAGE = 40;

/** Ids lower-cased and sorted, as sets compare. */
const idSet = (rows: readonly Record<string, unknown>[], key: string): string[] => rows.map((row) => String(row[key]).toLowerCase()).sort();

interface Synced {
  /** Table → the ids the device keeps after one sync (the current whole-table download, filtered on the device). */
  device: Map<string, string[]>;
  close(): Promise<void>;
}

/** A fresh engine on `profile`, signed in as the emulator's WhoAmI user with its teams, synced once. */
async function syncOnce(emulator: RunningEmulator, profile: OfflineProfile): Promise<Synced> {
  const store = new IndexedDbStore({ name: `oss:slice:${profile.name}`, indexedDB: new IDBFactory() });
  const engine = new SyncEngine({
    remote: new WebApiRemote({ baseUrl: emulator.baseUrl, timeoutMs: 10_000 }),
    store,
    host: new RealHost(),
    profile,
    maker: { ...DEFAULT_MAKER_SETTINGS },
    identity: emulatorIdentity(),
    // The device's own filters (whole tables, filtered here) are what the slice query is proven against.
    options: { pageSize: 1000, uploadDebounceMs: 60 * 60_000, healthCheckTimeoutMs: 5_000, serverSlices: false },
  });
  await engine.start();
  await engine.syncNow();
  if (!engine.getStatus().initialSyncComplete) throw new Error(`The first sync of "${profile.name}" did not complete.`);
  const device = new Map<string, string[]>();
  for (const table of profile.tables) device.set(table.logicalName, idSet(await store.queryRows(table.logicalName, {}), table.primaryId));
  return {
    device,
    close: async () => {
      engine.dispose();
      await engine.idle();
    },
  };
}

/** The server's slice: the emulator's answer to the slice query, every page through the paging cookie. */
async function serverSlice(emulator: RunningEmulator, profile: OfflineProfile, tableName: string): Promise<string[]> {
  const table = profile.tables.find((candidate) => candidate.logicalName === tableName);
  if (!table) throw new Error(`No table ${tableName}`);
  const fetchXml = withFetchAttribute(sliceQuery(profile, tableName), 'count', String(PAGE));
  const { rows } = await emulatorAnswer(emulator, { name: `${profile.name}: ${tableName}`, table: tableName, entitySet: table.entitySet, fetchXml, allPages: true });
  return idSet(rows, table.primaryId);
}

describe('slice queries select on the server exactly the rows the device keeps (issue #15 item 1)', () => {
  let emulator: RunningEmulator;
  /** Table → the slice sizes seen across all profiles, for the "not trivially all or nothing" check. */
  const sizes = new Map<string, number[]>();
  const tableSizes = new Map<string, number>();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rows: ROWS });
    for (const table of EMULATOR_TABLES) {
      const all = await serverSlice(emulator, { name: 'all', relationships: [], tables: [{ ...table, columns: [table.primaryId], syncIntervalMinutes: 60, filter: { kind: 'all' } }] }, table.logicalName);
      tableSizes.set(table.logicalName, all.length);
    }
  }, 60_000);
  afterAll(async () => {
    await emulator.close();
  });

  it("signs the engine in as the emulator's WhoAmI user, with that user's teams", async () => {
    const whoAmI = await getJson(emulator, 'WhoAmI');
    const identity = emulatorIdentity();
    expect(String(whoAmI.UserId).toLowerCase()).toBe(EMULATOR_USER.userId.toLowerCase());
    expect(identity.userId.toLowerCase()).toBe(String(whoAmI.UserId).toLowerCase());
    expect(identity.businessUnitId?.toLowerCase()).toBe(String(whoAmI.BusinessUnitId).toLowerCase());
    expect(identity.teamIds).toEqual(EMULATOR_USER_TEAMS.map((team) => team.toLowerCase()));
  });

  describe.each(EXACT_PROFILES.map((profile) => [profile.name, profile] as const))('%s', (_name, profile) => {
    let synced: Synced;
    beforeAll(async () => {
      synced = await syncOnce(emulator, profile);
    }, 60_000);
    afterAll(async () => {
      await synced.close();
    });

    it.each(profile.tables.map((table) => [table.logicalName] as const))('%s: the same rows on the device and in the slice', async (tableName) => {
      const server = await serverSlice(emulator, profile, tableName);
      expect(server).toEqual(synced.device.get(tableName));
      sizes.set(tableName, [...(sizes.get(tableName) ?? []), server.length]);
    });
  });

  describe('a FetchXML filter with a link-entity', () => {
    let synced: Synced;
    beforeAll(async () => {
      synced = await syncOnce(emulator, LINKED_FETCHXML_PROFILE);
    }, 60_000);
    afterAll(async () => {
      await synced.close();
    });

    it('is decided by the server; the device, unable to decide the link row by row, keeps a superset', async () => {
      const server = await serverSlice(emulator, LINKED_FETCHXML_PROFILE, 'account');
      const device = synced.device.get('account') ?? [];
      expect(server.length).toBeGreaterThan(0);
      expect(server.length).toBeLessThan(device.length);
      expect(server.filter((id) => !device.includes(id))).toEqual([]);
      // The link-entity is really in the slice query, not dropped on the way.
      expect(parseFetchXml(sliceQuery(LINKED_FETCHXML_PROFILE, 'account')).entity.filter).toMatchObject({ kind: 'and', right: { kind: 'exists', link: { name: 'contact' } } });
    });
  });

  it('cuts every table to a non-empty, proper subset in some profile', () => {
    for (const table of EMULATOR_TABLES) {
      const total = tableSizes.get(table.logicalName) ?? 0;
      expect({ table: table.logicalName, cut: (sizes.get(table.logicalName) ?? []).some((size) => size > 0 && size < total) }).toEqual({ table: table.logicalName, cut: true });
    }
  });
});
