import { DEFAULT_USER_SETTINGS, type OfflineProfile, type UserSettings } from '../../contracts/profile';
import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { RecordStore } from '../../contracts/RecordStore';
import type { EngineState } from '../EngineState';
import type { DisplayMetadataCache } from '../metadata/DisplayMetadataCache';
import { sortOutbox } from '../outbox/readableOutbox';
import { STORE_KEYS } from '../storeKeys';
import type { ErrorList } from '../sync/ErrorList';
import type { PassRunner } from '../sync/PassRunner';

export interface DeviceReadDeps {
  store: RecordStore;
  host: HostEnvironment;
  profile: OfflineProfile;
  state: EngineState;
  errorList: ErrorList;
  displayMetadata: DisplayMetadataCache;
  /** Takes when the last pass succeeded, as the store keeps it. */
  passes: PassRunner;
}

/**
 * Reads everything the engine mirrors in memory from the store (at start, after a removal, and when another tab
 * changed it): the queue, the error list, the user's settings, when the last pass succeeded, names, per-table state.
 */
export async function readDevice(deps: DeviceReadDeps): Promise<void> {
  const { store, state, errorList } = deps;
  const outbox = sortOutbox(await store.listOutbox(), deps.host.now());
  state.ledger.load(outbox.entries);
  await errorList.load();
  for (const record of outbox.errors) if (!state.errors.some((e) => e.id === record.id)) await errorList.add(record);
  const saved = await store.getValue<UserSettings>(STORE_KEYS.userSettings);
  if (saved) state.setUserSettings({ ...DEFAULT_USER_SETTINGS, ...saved });
  deps.passes.lastSuccessAt = await store.getValue<number>(STORE_KEYS.lastSuccessAt);
  await deps.displayMetadata.load();
  state.meta.clear();
  for (const meta of await store.listMeta()) state.meta.set(meta.table, meta);
  for (const table of deps.profile.tables) state.stats.set(table.logicalName, await store.tableStats(table.logicalName));
}
