import type { OfflineProfile, ProfileTable } from '../../contracts/profile';
import type { RecordStore, TableMeta } from '../../contracts/RecordStore';
import type { OutboxEntry } from '../../contracts/rows';
import { tableShapes } from '../profile/tableShape';

/** The profile tables the device last synced with (and tables it still uploads for), in the store's key-value area. */
export const PROFILE_TABLES_KEY = 'profileTables';

/** The tables a device started with before this one, for which tables the profile has dropped since. */
export async function previousTables(store: RecordStore): Promise<ProfileTable[]> {
  const saved = await store.getValue<ProfileTable[]>(PROFILE_TABLES_KEY);
  return Array.isArray(saved) ? saved : [];
}

/** Tables of `previous` the profile no longer holds. */
export function droppedTables(profile: OfflineProfile, previous: readonly ProfileTable[]): ProfileTable[] {
  const kept = new Set(profile.tables.map((t) => t.logicalName));
  return previous.filter((t) => !kept.has(t.logicalName));
}

/**
 * Brings the device in line with the profile it starts with, when a maker has republished it:
 *
 * - A table whose fingerprint changed (columns, filter, or the chain of tables its related rows come through)
 *   downloads again in full at once: its delta link or watermark is forgotten and it falls due. Rows the new
 *   download does not bring leave at its end; rows with queued changes stay until they upload.
 * - A table the profile dropped loses its rows, except rows with queued changes: those still upload (the table's
 *   definition is remembered for it, see `settleDropped`) and leave afterwards.
 *
 * Tables whose stored metadata predates fingerprints take the profile's as theirs (nothing to compare with).
 * Returns the dropped tables that still have queued changes.
 */
export async function adoptProfile(store: RecordStore, profile: OfflineProfile, dropped: readonly ProfileTable[], outbox: readonly OutboxEntry[]): Promise<ProfileTable[]> {
  const shapes = tableShapes(profile);
  for (const table of profile.tables) {
    const shape = shapes.get(table.logicalName);
    const meta = await store.getMeta(table.logicalName);
    if (meta?.shape === shape) continue;
    if (!meta) await store.putMeta({ table: table.logicalName, generation: 0, initialComplete: false, shape });
    else if (meta.shape === undefined) await store.putMeta({ ...meta, shape });
    else await store.putMeta(redownload(meta, shape));
  }
  const waiting = await settleDropped(store, dropped, outbox);
  await store.setValue(PROFILE_TABLES_KEY, [...profile.tables, ...waiting]);
  return waiting;
}

/**
 * Removes the rows of dropped tables that have no queued change left; answers the tables that still have some.
 * Run at start and after each pass's upload, so a change queued to a dropped table uploads and its row then goes.
 */
export async function settleDropped(store: RecordStore, dropped: readonly ProfileTable[], outbox: readonly OutboxEntry[]): Promise<ProfileTable[]> {
  const waiting: ProfileTable[] = [];
  for (const table of dropped) {
    const meta = await store.getMeta(table.logicalName);
    if (meta) {
      // A generation past every row's: all rows go but those with queued changes (the store keeps them).
      const next = meta.generation + 1;
      await store.removeStale(table.logicalName, next, { table: table.logicalName, generation: next, initialComplete: false });
    }
    // Rows written on the device belong to no download generation: once their changes uploaded, they go too.
    const queued = new Set(outbox.filter((entry) => entry.table === table.logicalName).map((entry) => entry.rowId.toLowerCase()));
    for (const id of await store.listIds(table.logicalName)) {
      if (!queued.has(id.toLowerCase())) await store.replaceRow(table.logicalName, id, null);
    }
    if (outbox.some((entry) => entry.table === table.logicalName)) waiting.push(table);
  }
  return waiting;
}

function redownload(meta: TableMeta, shape: string | undefined): TableMeta {
  return {
    ...meta,
    shape,
    deltaLink: undefined,
    watermark: undefined,
    resumeLink: undefined,
    resumeCursor: undefined,
    fullDownloadInProgress: false,
    rowsInProgress: undefined,
    lastSyncedAt: 0,
  };
}
