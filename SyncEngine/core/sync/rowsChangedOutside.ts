import type { OfflineProfile } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';

/** Store value: table → how many times rows of it changed on the device outside a download, since the last pass. */
const KEY = 'rowsChangedOutsideDownload';

type Marks = Record<string, number>;

/**
 * Rows of a table changed on the device outside any download (a discarded change put back the server's copy, or
 * removed the row). A related table the device filters through it cannot see that in the table's next delta, which
 * brings nothing new, so the next pass counts the table as changed and its related tables download again
 * (`SyncPass.parentChanged`). Kept in the store, so a restart before that pass forgets nothing.
 */
export async function markRowsChangedOutside(store: RecordStore, table: string): Promise<void> {
  const marks = (await store.getValue<Marks>(KEY)) ?? {};
  await store.setValue(KEY, { ...marks, [table]: (marks[table] ?? 0) + 1 });
}

export async function readRowsChangedOutside(store: RecordStore): Promise<Marks> {
  return { ...((await store.getValue<Marks>(KEY)) ?? {}) };
}

/**
 * After a pass that downloaded every related table hanging off a marked table, its mark is spent. A mark added
 * while the pass ran (its count moved on from `seen`) stays for the next pass.
 */
export async function clearRowsChangedOutside(store: RecordStore, seen: Marks, profile: OfflineProfile, downloaded: ReadonlySet<string>): Promise<void> {
  const related = new Set(profile.tables.filter((t) => t.filter.kind === 'related').map((t) => t.logicalName));
  const followed = (other: string): boolean => !related.has(other) || downloaded.has(other);
  const spent = Object.keys(seen).filter((table) => profile.relationships.every((rel) => (rel.to !== table || followed(rel.from)) && (rel.from !== table || followed(rel.to))));
  if (spent.length === 0) return;
  const marks = (await store.getValue<Marks>(KEY)) ?? {};
  const left: Marks = {};
  for (const [table, count] of Object.entries(marks)) if (!(spent.includes(table) && seen[table] === count)) left[table] = count;
  await store.setValue(KEY, left);
}
