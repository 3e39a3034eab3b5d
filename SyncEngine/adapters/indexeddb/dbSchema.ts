import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import { wrap } from 'idb';
import type { TableMeta, TableStats } from '../../contracts/RecordStore';
import type { ColumnValue, OutboxEntry, Row, SyncErrorRecord } from '../../contracts/rows';

/**
 * Indexed column values as stored: the value itself, `null` for a missing column, `undefined` for values
 * `equals` can never match (objects, arrays).
 */
export type IndexValue = ColumnValue | undefined;

/**
 * Up to `CHUNK_ROWS` rows of one page: IndexedDB pays per record, so a page costs a handful of puts. Written as
 * each row's JSON text (`text`); databases of 0.1.0 hold the row objects (`rows`), read as they are.
 */
export interface ChunkRecord {
  table: string;
  chunkId: number;
  generation: number;
  text?: string[];
  rows?: Row[];
}

/**
 * The directory entry of a chunk, kept apart from the rows so opening a table reads ids, sizes and indexed
 * values (a few percent of the data) rather than every row. `bytes[i]` and `cols[c][i]` describe `ids[i]`.
 */
export interface DirRecord {
  table: string;
  chunkId: number;
  generation: number;
  ids: string[];
  bytes: number[];
  cols: Record<string, IndexValue[]>;
}

/** A row changed after its chunk was written; wins over any chunk copy. `row: null` is a tombstone. */
export interface OverrideRecord {
  table: string;
  id: string;
  /** `null`: written on the device, never stale. */
  generation: number | null;
  row: Row | null;
  bytes: number;
  cols: Record<string, IndexValue>;
}

export interface StatsRecord extends TableStats {
  table: string;
}

export interface OfflineDb extends DBSchema {
  chunks: { key: [string, number]; value: ChunkRecord };
  dirs: { key: [string, number]; value: DirRecord };
  overrides: { key: [string, string]; value: OverrideRecord };
  outbox: { key: number; value: OutboxEntry };
  meta: { key: string; value: TableMeta };
  stats: { key: string; value: StatsRecord };
  errors: { key: string; value: SyncErrorRecord };
  values: { key: string; value: unknown };
}

export type StoreName = 'chunks' | 'dirs' | 'overrides' | 'outbox' | 'meta' | 'stats' | 'errors' | 'values';
export const ALL_STORES: StoreName[] = ['chunks', 'dirs', 'overrides', 'outbox', 'meta', 'stats', 'errors', 'values'];
/** Any transaction over the row stores; reads accept both modes. */
export type OfflineTx = IDBPTransaction<OfflineDb, StoreName[], IDBTransactionMode>;
export type OfflineWriteTx = IDBPTransaction<OfflineDb, StoreName[], 'readwrite'>;
export type OfflineDatabase = IDBPDatabase<OfflineDb>;

/**
 * Rows per chunk record. A read by id reads the whole record, and IndexedDB's cost grows with its bytes. Measured
 * in `npm run bench` (100,000 rows of ~1 KB, headless Chromium): 500-row chunks of row objects made a random read
 * 2.4 ms, 4.3x a per-row Dexie read; 200 rows of objects 0.9-1.2 ms (2.3-2.4x); 100 rows of JSON text
 * (`ChunkRecord.text`) 1.17x (median of 3 rounds) with the initial sync at 5.8x Dexie's per-row bulkPut.
 */
export const CHUNK_ROWS = 100;

/**
 * Opens (creating on first use) the database through `factory` rather than the global one, so tests and hosts
 * can pick theirs. idb itself still needs the IndexedDB classes as globals (`fake-indexeddb/auto` in Node).
 */
export async function openOfflineDb(name: string, factory: IDBFactory): Promise<OfflineDatabase> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    // `[table, …]` keys keep each table's records in one key range.
    db.createObjectStore('chunks', { keyPath: ['table', 'chunkId'] });
    db.createObjectStore('dirs', { keyPath: ['table', 'chunkId'] });
    db.createObjectStore('overrides', { keyPath: ['table', 'id'] });
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    db.createObjectStore('meta', { keyPath: 'table' });
    db.createObjectStore('stats', { keyPath: 'table' });
    db.createObjectStore('errors', { keyPath: 'id' });
    db.createObjectStore('values');
  };
  const db = await wrap(request);
  if (!db) throw new Error(`IndexedDB database ${name} could not be opened.`);
  // wrap() cannot know the schema; the upgrade above is what makes this type true.
  return db as unknown as OfflineDatabase;
}

/** The key range holding every record of `table` in a store keyed `[table, …]`. */
export function tableRange(table: string): IDBKeyRange {
  // Arrays sort after every number and string, so `[table, []]` bounds all `[table, x]` keys.
  return IDBKeyRange.bound([table], [table, []]);
}
