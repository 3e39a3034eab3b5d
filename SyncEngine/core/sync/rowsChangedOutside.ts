import type { RecordStore } from '../../contracts/RecordStore';

/** Store value: table → how many times rows of it changed on the device outside a download, since the last pass. */
const KEY = 'rowsChangedOutsideDownload';

type Marks = Record<string, number>;

/**
 * Rows of a table changed on the device outside any download (a discarded change put back the server's copy, or
 * removed the row). A related table the device filters through it cannot see that in the table's next delta, which
 * brings nothing new, so the next pass counts the table as changed and its related tables download again
 * (`SyncPass.followChanges`, `parentChanged`). Kept in the store, so a restart before that pass forgets nothing.
 */
export async function markRowsChangedOutside(store: RecordStore, table: string): Promise<void> {
  const marks = (await store.getValue<Marks>(KEY)) ?? {};
  await store.setValue(KEY, { ...marks, [table]: (marks[table] ?? 0) + 1 });
}

export async function readRowsChangedOutside(store: RecordStore): Promise<Marks> {
  return { ...((await store.getValue<Marks>(KEY)) ?? {}) };
}

/**
 * After a pass whose downloads all ran (the related tables hanging off a marked table among them: the pass takes
 * them along), the marks it read are spent. A mark added while the pass ran (its count moved on from `seen`) stays
 * for the next pass.
 */
export async function clearRowsChangedOutside(store: RecordStore, seen: Marks): Promise<void> {
  if (Object.keys(seen).length === 0) return;
  const marks = (await store.getValue<Marks>(KEY)) ?? {};
  const left: Marks = {};
  for (const [table, count] of Object.entries(marks)) if (seen[table] !== count) left[table] = count;
  await store.setValue(KEY, left);
}
