import type { DirRecord, OverrideRecord } from './dbSchema';

/**
 * A table's directory and override records that have the shape the store reads, and the keys of those that do
 * not. An unreadable one is left in the database (a re-download supersedes it) and its rows are not shown, rather
 * than failing every read of the table.
 */
export function readableRecords(dirs: readonly unknown[], overrides: readonly unknown[]): { dirs: DirRecord[]; overrides: OverrideRecord[]; unreadable: string[] } {
  const unreadable: string[] = [];
  const goodDirs: DirRecord[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (isDir(dir)) goodDirs.push(dir);
    else unreadable.push(`dir:${i}`);
  }
  const goodOverrides: OverrideRecord[] = [];
  for (const [i, override] of overrides.entries()) {
    if (isOverride(override)) goodOverrides.push(override);
    else unreadable.push(`override:${i}`);
  }
  return { dirs: goodDirs, overrides: goodOverrides, unreadable };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDir(value: unknown): value is DirRecord {
  if (!isObject(value)) return false;
  const { chunkId, generation, ids, bytes, cols } = value;
  return (
    typeof chunkId === 'number' &&
    typeof generation === 'number' &&
    Array.isArray(ids) &&
    ids.every((id) => typeof id === 'string') &&
    Array.isArray(bytes) &&
    bytes.length === ids.length &&
    isObject(cols)
  );
}

function isOverride(value: unknown): value is OverrideRecord {
  if (!isObject(value)) return false;
  const { id, row, bytes, cols, generation } = value;
  return typeof id === 'string' && (row === null || isObject(row)) && typeof bytes === 'number' && isObject(cols) && (generation === null || typeof generation === 'number');
}
