import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import { wrap } from 'idb';
import { StoreVersionError } from '../../contracts/errors';
import { SUITE_VERSION } from '../../contracts/suiteVersion';
import { migrate, SCHEMA_VERSION } from './migrations';
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

/** The `values` key of the schema record: which release last upgraded the database, from which version. */
export const SCHEMA_KEY = 'schema';

export interface SchemaRecord {
  version: number;
  /** The release (SUITE_VERSION) that created or last upgraded the database. */
  writtenBy: string;
  /** The version the last upgrade started from; 0 for a database created at `version`. */
  upgradedFrom: number;
  at: number;
}

/**
 * Opens (creating on first use) the database through `factory` rather than the global one, so tests and hosts
 * can pick theirs, upgrading it to `SCHEMA_VERSION` through the ordered migrations. A database of a newer schema
 * (the user went back to an older release) is refused with `StoreVersionError` and left exactly as it is. idb
 * itself still needs the IndexedDB classes as globals (`fake-indexeddb/auto` in Node).
 */
export async function openOfflineDb(name: string, factory: IDBFactory, onBlocked?: () => void): Promise<OfflineDatabase> {
  const request = factory.open(name, SCHEMA_VERSION);
  // Another connection (a tab of an older release, which does not close for upgrades) holds the database: the
  // upgrade waits for it, and the user has to be told which tab to close.
  request.onblocked = () => onBlocked?.();
  request.onupgradeneeded = (event) => {
    const tx = request.transaction;
    if (!tx) return;
    migrate(request.result, tx, event.oldVersion);
    const record: SchemaRecord = { version: SCHEMA_VERSION, writtenBy: SUITE_VERSION, upgradedFrom: event.oldVersion, at: Date.now() };
    tx.objectStore('values').put(record, SCHEMA_KEY);
  };
  let db: IDBPDatabase | undefined;
  try {
    db = await wrap(request);
  } catch (error) {
    if (isVersionError(error)) throw new StoreVersionError(newerMessage(await versionOf(name, factory)), { cause: error });
    throw error;
  }
  if (!db) throw new Error(`IndexedDB database ${name} could not be opened.`);
  // The migrations above are what make this type true.
  const opened = db as unknown as OfflineDatabase;
  const schema = (await opened.get('values', SCHEMA_KEY)) as Partial<SchemaRecord> | undefined;
  // A schema record that claims a later version than the database's own: written by a release this code does not
  // know. Refused the same way, never rewritten.
  if (schema && typeof schema.version === 'number' && schema.version > SCHEMA_VERSION) {
    opened.close();
    throw new StoreVersionError(newerMessage(schema.version));
  }
  return opened;
}

function isVersionError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'VersionError';
}

/** The version the database is at, opened without asking for one (which never upgrades). */
async function versionOf(name: string, factory: IDBFactory): Promise<number | undefined> {
  try {
    const db = await wrap(factory.open(name));
    if (!db) return undefined;
    const version = db.version;
    db.close();
    return version;
  } catch {
    return undefined;
  }
}

function newerMessage(version: number | undefined): string {
  const found = version === undefined ? 'a newer schema' : `schema ${version}`;
  return `The offline database on this device was written by a newer release of Offline Sync Suite (${found}); this release (${SUITE_VERSION}) reads up to schema ${SCHEMA_VERSION}. It was left as it is: update the app to go on using it.`;
}

/** The key range holding every record of `table` in a store keyed `[table, …]`. */
export function tableRange(table: string): IDBKeyRange {
  // Arrays sort after every number and string, so `[table, []]` bounds all `[table, x]` keys.
  return IDBKeyRange.bound([table], [table, []]);
}
