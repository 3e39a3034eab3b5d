import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { OfflineProfile, ProfileTable } from '../../contracts/profile';
import type { RecordStore, StoreSchema } from '../../contracts/RecordStore';
import type { EngineState } from '../EngineState';
import { indexedColumnsOf } from '../offline/queryPlan';
import { storeOpenFailure } from '../status/storeOpenFailure';
import { adoptProfile, droppedTables, previousTables } from '../sync/adoptProfile';

const UPGRADE_BLOCKED_MESSAGE = 'The offline data is being updated for this version of the app. Close or reload the other tabs of this app to finish.';

/**
 * Opens the offline database for the profile. An upgrade that other tabs hold back is said in the status while it
 * waits; a database this code must not touch (a newer release's) or cannot open is said there too, and nothing syncs.
 */
export async function openOfflineStore(store: RecordStore, profile: OfflineProfile, state: EngineState, host: HostEnvironment): Promise<void> {
  try {
    await store.open(schemaOf(profile), {
      blocked: () => {
        state.setWarning('upgrade-blocked', UPGRADE_BLOCKED_MESSAGE);
        state.publish();
      },
    });
    if (state.hasWarning('upgrade-blocked')) state.clearWarning('upgrade-blocked');
  } catch (error) {
    const { failure, record } = storeOpenFailure(error, host.now());
    state.errors = [record];
    state.publish({ lastFailureCode: failure.code });
    throw failure;
  }
}

/**
 * Records the profile the database now follows; answers the tables a republished profile dropped that still have
 * queued changes (they upload, then their rows go).
 */
export async function adoptStoredProfile(store: RecordStore, profile: OfflineProfile): Promise<ProfileTable[]> {
  const dropped = droppedTables(profile, await previousTables(store));
  if (dropped.length > 0) {
    // The store must still know the dropped tables to remove their rows and upload their queued changes.
    store.close();
    await store.open(schemaOf(profile, dropped));
  }
  return adoptProfile(store, profile, dropped, await store.listOutbox());
}

function schemaOf(profile: OfflineProfile, dropped: readonly ProfileTable[] = []): StoreSchema {
  return {
    tables: [...profile.tables, ...dropped].map((t) => ({
      name: t.logicalName,
      primaryId: t.primaryId,
      indexedColumns: indexedColumnsOf(t),
    })),
  };
}
