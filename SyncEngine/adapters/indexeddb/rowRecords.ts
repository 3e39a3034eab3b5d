import type { Row } from '../../contracts/rows';
import type { ChunkRecord, DirRecord, IndexValue, OverrideRecord } from './dbSchema';
import type { ChunkCache } from './ChunkCache';
import type { DamageLog } from './DamageLog';
import type { OverrideHeader, TableState } from './TableState';

/** Everything the row helpers need about one table; one object so helpers stay small. */
export interface TableContext {
  table: string;
  state: TableState;
  cache: ChunkCache;
  /** Where reads report records they could not read. */
  damage: DamageLog;
}

/** TableStats counts UTF-16 length of the JSON: the same number the memory store reports. */
/**
 * About the length of the row's JSON, without building it: stringifying every downloaded row only to measure it
 * showed up in the initial-sync profile (and its garbage in GC).
 */
export function rowBytes(row: Row): number {
  let bytes = 1;
  for (const key in row) {
    const value = row[key];
    if (value === undefined) continue;
    bytes += key.length + 4; // "key": and a comma (or the closing brace)
    if (typeof value === 'string') bytes += value.includes('"') || value.includes('\\') ? JSON.stringify(value).length : value.length + 2;
    else if (typeof value === 'number' || typeof value === 'boolean') bytes += String(value).length;
    else if (value === null) bytes += 4;
    else bytes += JSON.stringify(value).length;
  }
  return Math.max(bytes, 2);
}

/** `equals` treats a missing column as `null` and never matches objects or arrays. */
export function indexValue(value: unknown): IndexValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function columnValues(row: Row, columns: string[]): Record<string, IndexValue> {
  const values: Record<string, IndexValue> = {};
  for (const column of columns) values[column] = indexValue(row[column]);
  return values;
}

export function overrideRecord(ctx: TableContext, id: string, row: Row | null, generation: number | null): OverrideRecord {
  const columns = ctx.state.indexedColumns;
  return {
    table: ctx.table,
    id,
    generation,
    row,
    bytes: row ? rowBytes(row) : 0,
    cols: row ? columnValues(row, columns) : {},
  };
}

export function headerOf(record: OverrideRecord): OverrideHeader {
  return { generation: record.generation, bytes: record.bytes, cols: record.cols, deleted: record.row === null };
}

/** A chunk of rows and its directory entry, built together so their slots line up. */
export function chunkRecords(
  ctx: TableContext,
  chunkId: number,
  generation: number,
  entries: [string, Row][],
): { chunk: ChunkRecord; dir: DirRecord } {
  const columns = ctx.state.indexedColumns;
  const cols: Record<string, IndexValue[]> = {};
  for (const column of columns) cols[column] = entries.map(([, row]) => indexValue(row[column]));
  const text = entries.map(([, row]) => JSON.stringify(row));
  return {
    chunk: { table: ctx.table, chunkId, generation, text },
    dir: {
      table: ctx.table,
      chunkId,
      generation,
      ids: entries.map(([id]) => id),
      bytes: text.map((json) => json.length),
      cols,
    },
  };
}
