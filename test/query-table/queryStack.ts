import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { DEFAULT_MAKER_SETTINGS, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import type { Identity } from '../../SyncEngine/contracts/HostEnvironment';
import { EMULATOR_TABLES, startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { EMULATOR_USER, EMULATOR_USER_TEAMS } from '../dataverse-emulator/tables';
import { admin } from '../dataverse-emulator/testing';
import { RealHost } from '../support/RealHost';
import { fixtureRows } from './fixtureRows';

/** Few enough rows to keep each file well under 30 s; enough for every query to have a non-trivial answer. */
export const QUERY_TABLE_ROWS = 1000;

/** Every emulator table, every column, every row: the device then holds exactly what the server holds. */
export const EVERYTHING_PROFILE: OfflineProfile = {
  name: 'Query table: everything',
  tables: EMULATOR_TABLES.map((table) => ({
    logicalName: table.logicalName,
    entitySet: table.entitySet,
    primaryId: table.primaryId,
    primaryName: table.primaryName,
    columns: [...table.columns],
    syncIntervalMinutes: 1440,
    filter: { kind: 'all' as const },
  })),
  relationships: [
    { from: 'contact', to: 'account', lookup: '_parentcustomerid_value' },
    { from: 'msdyn_workorder', to: 'account', lookup: '_msdyn_serviceaccount_value' },
    { from: 'bookableresourcebooking', to: 'msdyn_workorder', lookup: '_msdyn_workorder_value' },
    { from: 'msdyn_customerasset', to: 'account', lookup: '_msdyn_account_value' },
  ],
};

/** The teams of the emulator's signed-in user, lower-cased as the engine compares ids. */
export function emulatorTeams(): string[] {
  return EMULATOR_USER_TEAMS.map((team) => team.toLowerCase());
}

/**
 * The engine's identity equal to the emulator's WhoAmI user (user, business unit, teams), so eq-userid,
 * eq-businessid, eq-userteams and eq-useroruserteams mean the same rows on both sides.
 */
export function emulatorIdentity(): Identity {
  return { orgId: 'query-table', userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId, teamIds: emulatorTeams() };
}

export interface QueryStack {
  emulator: RunningEmulator;
  engine: SyncEngine;
  /** The clock reading the fixture rows were placed around; both sides read the same real clock later. */
  now: number;
  close(): Promise<void>;
}

/**
 * The emulator with its seeded rows plus the fixture rows, and an engine (real adapters over HTTP, IndexedDB on
 * fake-indexeddb, the real clock) that has synced all of it, signed in as the emulator's user with its teams.
 */
export async function startQueryStack(now = Date.now()): Promise<QueryStack> {
  // The seed's own "today" (2025-01-01): the queries over seeded bookings expect them from December 2024 to March 2025.
  const emulator = await startEmulator({ port: 0, rows: QUERY_TABLE_ROWS, today: Date.UTC(2025, 0, 1) });
  for (const row of fixtureRows(now, emulatorTeams()[0])) {
    const response = await admin(emulator, 'POST', 'create', row);
    if (response.status !== 200) throw new Error(`Seeding ${row.entitySet} answered ${String(response.status)}: ${await response.text()}`);
  }
  const engine = new SyncEngine({
    remote: new WebApiRemote({ baseUrl: emulator.baseUrl, timeoutMs: 10_000 }),
    store: new IndexedDbStore({ name: 'oss:query-table', indexedDB: new IDBFactory() }),
    host: new RealHost(),
    profile: EVERYTHING_PROFILE,
    maker: { ...DEFAULT_MAKER_SETTINGS },
    identity: emulatorIdentity(),
    // Passes run when the test says; an automatic one would change nothing, but costs time.
    options: { pageSize: 1000, uploadDebounceMs: 60 * 60_000, healthCheckTimeoutMs: 5_000 },
  });
  await engine.start();
  await engine.syncNow();
  if (!engine.getStatus().initialSyncComplete) throw new Error('The engine did not finish its first sync against the emulator.');
  return {
    emulator,
    engine,
    now,
    close: async () => {
      engine.dispose();
      await engine.idle();
      await emulator.close();
    },
  };
}
