import { BrowserHost } from '../../SyncEngine/adapters/browser/BrowserHost';
import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import { DEFAULT_MAKER_SETTINGS, type OfflineProfile } from '../../SyncEngine/contracts/profile';
import type { RecordStore } from '../../SyncEngine/contracts/RecordStore';
import type { RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER } from '../../test/dataverse-emulator/tables';
import { BENCH_PROFILE, PAGE_SIZE } from './benchProfile';
import { deleteDatabase } from './measure';
import type { EmulatorTarget } from './types';

/**
 * BrowserHost, except the app never counts as active, so the schedule never starts a pass on its own (start()
 * would otherwise set a 0 ms timer for the never-synced tables, and the upload timer would fire mid-measurement).
 * `syncNow()` ignores that blocker, so every pass runs exactly when a benchmark asks and is timed.
 */
class BenchHost extends BrowserHost {
  override isAppActive(): boolean {
    return false;
  }
}

/** What a benchmark may change about the stack (the slice benchmark: its profile, options, a counting remote). */
export interface EngineSetup {
  profile?: OfflineProfile;
  options?: Partial<EngineOptions>;
  store?: RecordStore;
  wrapRemote?: (remote: WebApiRemote) => RemoteSource;
}

/** Engines live across page.evaluate calls: the read, delta and status benchmarks reuse the synced device. */
const engines = new Map<string, SyncEngine>();

/**
 * The production stack as a control would build it (BrowserHost, WebApiRemote, IndexedDbStore), on its own
 * database. The upload debounce is an hour so queued changes stay queued while the status benchmark counts them.
 */
export async function openEngine(key: string, target: EmulatorTarget, setup: EngineSetup = {}): Promise<SyncEngine> {
  const existing = engines.get(key);
  if (existing) return existing;
  const remote = new WebApiRemote({ baseUrl: target.baseUrl, timeoutMs: 60_000 });
  const engine = new SyncEngine({
    remote: setup.wrapRemote ? setup.wrapRemote(remote) : remote,
    store: setup.store ?? new IndexedDbStore({ name: `bench:${key}` }),
    host: new BenchHost(),
    profile: setup.profile ?? BENCH_PROFILE,
    maker: DEFAULT_MAKER_SETTINGS,
    identity: { orgId: 'bench', userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId },
    options: { pageSize: PAGE_SIZE, uploadDebounceMs: 60 * 60_000, healthCheckTimeoutMs: 60_000, ...setup.options },
  });
  await engine.start();
  engines.set(key, engine);
  return engine;
}

export function engineFor(key: string): SyncEngine {
  const engine = engines.get(key);
  if (!engine) throw new Error(`No engine "${key}": run its initial sync first.`);
  return engine;
}

export async function closeEngine(key: string): Promise<void> {
  const engine = engines.get(key);
  if (!engine) return;
  engine.dispose();
  await engine.idle();
  engines.delete(key);
}

/** Closes the engine of `key` and deletes its database: the repeated runs of a benchmark start from an empty device. */
export async function dropEngine(key: string): Promise<void> {
  await closeEngine(key);
  await deleteDatabase(`bench:${key}`);
}
