import type { DisplayMetadata } from '../../contracts/displayMetadata';
import type { OfflineProfile } from '../../contracts/profile';
import type { TableMeta, TableStats } from '../../contracts/RecordStore';
import type { TableProgress, TableStatus } from '../../contracts/SyncStatus';
import type { EffectiveInterval } from '../profile/dependencyAnalysis';

export interface LiveTableState {
  syncing: boolean;
  progress?: TableProgress;
  errorCode?: string;
}

/**
 * One status row per profile table, in profile order. The name is the table's in the user's language when the
 * display metadata has it, else the profile's, else the logical name.
 */
export function tableStatuses(
  profile: OfflineProfile,
  meta: ReadonlyMap<string, TableMeta>,
  stats: ReadonlyMap<string, TableStats>,
  intervals: ReadonlyMap<string, EffectiveInterval>,
  live: ReadonlyMap<string, LiveTableState>,
  metadata?: DisplayMetadata,
): TableStatus[] {
  return profile.tables.map((table) => {
    const name = table.logicalName;
    const m = meta.get(name);
    const s = stats.get(name);
    const interval = intervals.get(name);
    const state = live.get(name);
    const initialComplete = m?.initialComplete ?? false;
    return {
      table: name,
      displayName: metadata?.tables[name]?.displayCollectionName ?? table.displayName ?? name,
      rows: s?.rows ?? 0,
      bytes: s?.bytes ?? 0,
      lastSyncedAt: m?.lastSyncedAt,
      initialComplete,
      effectiveIntervalMinutes: interval?.effectiveMinutes ?? table.syncIntervalMinutes,
      intervalDrivenBy: interval?.drivenBy,
      state: state?.syncing ? 'syncing' : state?.errorCode ? 'error' : initialComplete ? 'available' : 'notDownloaded',
      progress: state?.syncing ? state.progress : undefined,
      errorCode: state?.errorCode,
    };
  });
}
