import 'fake-indexeddb/auto';
import type { IDBFactory } from 'fake-indexeddb';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { OfflineProfileError } from '../../SyncEngine/contracts/errors';
import type { HostEnvironment } from '../../SyncEngine/contracts/HostEnvironment';
import { DEFAULT_MAKER_SETTINGS, type MakerSettings, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER, type RunningEmulator } from '../dataverse-emulator';

export interface HttpEngineOptions {
  emulator: RunningEmulator;
  factory: IDBFactory;
  /** RealHost, or FakeHost when the test drives the engine's clock while HTTP stays real. */
  host: HostEnvironment;
  /** The IndexedDB database name (one per organisation and user). */
  dbName: string;
  profile: OfflineProfile;
  maker?: Partial<MakerSettings>;
  options?: Partial<EngineOptions>;
  telemetry?: TelemetryEvent[];
  /** Lets a test watch or fault the wire. */
  fetch?: typeof fetch;
  userId?: string;
  /** Tables the Dataverse offline profile left out (engineProfile.ts), shown in the error list. */
  profileProblems?: readonly OfflineProfileError[];
}

/**
 * An engine on the real adapters (WebApiRemote over HTTP to the emulator, IndexedDbStore on fake-indexeddb) with
 * a profile of the test's choosing; `startStack` in engineOverHttp.ts always uses the default profile.
 */
export async function startHttpEngine(o: HttpEngineOptions): Promise<{ engine: SyncEngine; store: IndexedDbStore }> {
  const store = new IndexedDbStore({ name: o.dbName, indexedDB: o.factory });
  const telemetry = o.telemetry;
  const engine = new SyncEngine({
    remote: new WebApiRemote({ baseUrl: o.emulator.baseUrl, timeoutMs: 10_000, fetch: o.fetch }),
    store,
    host: o.host,
    profile: o.profile,
    maker: { ...DEFAULT_MAKER_SETTINGS, ...o.maker },
    identity: { orgId: 'test', userId: o.userId ?? EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId },
    telemetry: telemetry ? { track: (e) => telemetry.push(e) } : undefined,
    options: { healthCheckTimeoutMs: 5_000, ...o.options },
    profileProblems: o.profileProblems,
  });
  await engine.start();
  return { engine, store };
}

/** Accounts only: the smallest profile over the emulator's tables, for tests that need one table of many rows. */
export const ACCOUNTS_ONLY: OfflineProfile = {
  name: 'Accounts only',
  tables: [
    {
      logicalName: 'account',
      entitySet: 'accounts',
      primaryId: 'accountid',
      primaryName: 'name',
      columns: ['accountid', 'name', 'revenue', 'description', 'statecode', 'modifiedon'],
      syncIntervalMinutes: 1440,
      filter: { kind: 'all' },
    },
  ],
  relationships: [],
};

/** Waits (real time) until `done()` or the deadline; answers whether it got there. */
export async function waitUntil(done: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}
