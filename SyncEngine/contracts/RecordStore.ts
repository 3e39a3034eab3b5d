import type { ColumnValue, NewOutboxEntry, OutboxEntry, Row, SyncErrorRecord } from './rows';

export interface StoreTableSchema {
  /** Logical name. */
  name: string;
  primaryId: string;
  /** Columns `queryRows({ equals })` can answer from an index (lookups, statecode, modifiedon …). */
  indexedColumns: string[];
}

export interface StoreSchema {
  tables: StoreTableSchema[];
}

/** Download bookkeeping per table, written in the same transaction as the page it describes. */
export interface TableMeta {
  table: string;
  /** Number of the full download in progress or last completed; rows carry the generation that wrote them. */
  generation: number;
  /** True once a full download completed. Until then every start resumes it. */
  initialComplete: boolean;
  /** Where the next delta starts. */
  deltaLink?: string;
  /** `nextLink` of the last applied page of an unfinished download: where it resumes after a crash. */
  resumeLink?: string;
  /** The page where an unfinished download of the table's slice (a FetchXML query) resumes. */
  resumeCursor?: { page: number; pagingCookie?: string };
  /**
   * Server time (epoch ms) from which the next delta of the slice asks for changed rows (`modifiedon ge`): the
   * start of the last download, less a margin.
   */
  watermark?: number;
  /** True while a full download (of `generation`) is under way; a crash resumes it from `resumeLink`. */
  fullDownloadInProgress?: boolean;
  /** Rows applied so far by the download under way (progress, notifications). */
  rowsInProgress?: number;
  lastSyncedAt?: number;
  /**
   * Fingerprint of the profile's definition of the table the rows were downloaded by (`tableShapes`): when the
   * profile's differs, the table downloads again in full.
   */
  shape?: string;
  /**
   * The table's "Track changes" is off on the server (`change-tracking-off`): it downloads by query until a
   * Refresh finds tracking on again.
   */
  changeTrackingOff?: boolean;
  lastErrorCode?: string;
  lastErrorMessage?: string;
}

export interface AppliedPage {
  /** Rows to insert or replace, already filtered by the profile. */
  rows: Row[];
  /** Ids to remove: server deletes, and rows that left the profile filter. */
  deletedIds: string[];
  /** Generation to stamp on the rows written. */
  generation: number;
}

export interface RowQuery {
  /** Narrow candidates through an index when the column is indexed; otherwise the store scans. */
  equals?: { column: string; value: ColumnValue };
  /**
   * Narrow candidates to rows whose `column` value (null when missing) passes `matches`: a range of dates, a set
   * of lookup ids. An indexed column answers it from the index without reading the other rows; otherwise every row
   * is checked. Every returned row passes it, with `equals` and `where`.
   */
  indexed?: { column: string; matches(value: unknown): boolean };
  /** Full predicate every returned row satisfies. */
  where?: (row: Row) => boolean;
  /** Stop after this many matches (unordered). */
  limit?: number;
}

/**
 * A local change: the row as it now is on the device (`null` once deleted) and its outbox entry. An update's `row`
 * is the device's row with `entry.data` applied, a create's holds `entry.data`'s columns: a store whose host keeps
 * the rows (`XrmOfflineStore`) writes `entry.data` to the host, and must end up with the same row.
 */
export interface LocalWrite {
  table: string;
  rowId: string;
  row: Row | null;
  entry: NewOutboxEntry;
}

/** Records of one table the store could not read and set aside (skipped by every read) since the last look. */
export interface StoreDamage {
  table: string;
  /** How many records (rows, directory or override records). */
  records: number;
  /** What was wrong with the first one found, in English, for the error list's details. */
  detail: string;
}

export interface StoreOpenEvents {
  /** The upgrade waits: another tab (of an older release) has the database open. */
  blocked?(): void;
}

/** What a reset keeps and what it may discard. */
export interface ClearOptions {
  /** `setValue` keys that survive the reset, written back in the same transaction (the database's identity). */
  keepValues?: readonly string[];
  /**
   * The queued changes (`seq`) the user confirmed discarding. When the outbox holds any other, nothing is cleared
   * and `clear` rejects with `QueueChangedError`: a change queued after the confirmation is never lost to it.
   * Absent: the outbox is cleared whatever it holds.
   */
  discarding?: readonly number[];
}

/** The outbox `seqs` hold a change outside `discarding` (see `ClearOptions.discarding`). */
export function unconfirmedChanges(seqs: readonly number[], discarding: readonly number[] | undefined): number {
  if (discarding === undefined) return 0;
  const confirmed = new Set(discarding);
  return seqs.filter((seq) => !confirmed.has(seq)).length;
}

export interface TableStats {
  rows: number;
  /** Approximate bytes of row data (UTF-16 length of the JSON). */
  bytes: number;
}

/**
 * The offline database: rows, outbox, sync metadata, sync errors and a small key-value area for settings.
 * Methods reject with `QuotaError` when storage is full, and leave nothing half-written: every method is one
 * transaction.
 */
export interface RecordStore {
  /**
   * The host downloads this store's rows and uploads the row changes written through it (the mobile player's
   * offline database). The engine then downloads nothing and does not upload those changes: it settles them once
   * the server shows them. Files and images it still uploads itself.
   */
  readonly hostSynced?: boolean;

  /**
   * Opens the store, upgrading its layout when it was written by an older release. `events.blocked` hears when the
   * upgrade waits for another tab that holds the database open; `open` still resolves once that tab lets go.
   */
  open(schema: StoreSchema, events?: StoreOpenEvents): Promise<void>;
  close(): void;

  /** The row, or `null` when it is not on the device. Local changes win over downloaded copies. */
  getRow(table: string, id: string): Promise<Row | null>;
  queryRows(table: string, query: RowQuery): Promise<Row[]>;
  tableStats(table: string): Promise<TableStats>;
  /** The ids of the table's rows on the device (local creates included, deleted rows not), without reading rows. */
  listIds(table: string): Promise<string[]>;

  /**
   * Applies one downloaded page and its metadata in one transaction. Rows that have outbox entries are left as
   * they are on the device (the upload decides), whether the page changes or deletes them.
   */
  applyPage(table: string, page: AppliedPage, meta: TableMeta): Promise<void>;
  /**
   * After a full download of `generation` completed: removes rows written by older generations (rows with outbox
   * entries stay) and saves `meta`, in one transaction. Answers how many rows were removed. A row written on the
   * device counts, once its last queued change uploaded, as written by the table's generation at that moment
   * (`completeOutbox`): a later full download that does not bring it removes it.
   */
  removeStale(table: string, generation: number, meta: TableMeta): Promise<number>;

  /** Writes the local row and appends its outbox entry in one transaction; answers the entry with its `seq`. */
  writeLocal(write: LocalWrite): Promise<OutboxEntry>;
  /** All outbox entries in `seq` order. */
  listOutbox(): Promise<OutboxEntry[]>;
  updateOutbox(entry: OutboxEntry): Promise<void>;
  /**
   * An entry uploaded: removes it, and when the server gave a new etag stores it on the local row and as the
   * `baseEtag` of later entries of the same row — one transaction.
   */
  completeOutbox(seq: number, etag?: string): Promise<void>;
  /** `completeOutbox` for several uploaded entries (a `$batch`), in one transaction. Optional. */
  completeOutboxMany?(completions: readonly { seq: number; etag?: string }[]): Promise<void>;
  /** Removes an entry without uploading it; `row` (when given) replaces the local row, `null` removes it. */
  discardOutbox(seq: number, row?: Row | null): Promise<void>;
  /** Replaces a local row outside the outbox (conflict: the server version wins). `null` removes it. */
  replaceRow(table: string, id: string, row: Row | null): Promise<void>;

  getMeta(table: string): Promise<TableMeta | null>;
  listMeta(): Promise<TableMeta[]>;
  putMeta(meta: TableMeta): Promise<void>;

  listErrors(): Promise<SyncErrorRecord[]>;
  putError(error: SyncErrorRecord): Promise<void>;
  deleteError(id: string): Promise<void>;

  getValue<T>(key: string): Promise<T | undefined>;
  setValue(key: string, value: unknown): Promise<void>;

  /**
   * Answers what was found unreadable since the last call, and forgets it. Optional: a store whose records cannot
   * be damaged (in memory, the host's) has nothing to report.
   */
  takeDamage?(): StoreDamage[];

  /**
   * Reset: removes rows, outbox, metadata, errors and values, in one transaction. See `ClearOptions` for what it
   * keeps and when it refuses.
   */
  clear(options?: ClearOptions): Promise<void>;

  /**
   * Another tab changed the shared database: forget whatever is cached in memory so the next read sees it.
   * Optional: stores that cache nothing, or are not shared, need not have it.
   */
  invalidate?(): Promise<void>;

  /**
   * Calls `listener` when the database was closed behind the store's back: deleted by another context (which the
   * store lets go through rather than block), or closed by the browser (site data cleared). The store opens it
   * again on next use — empty, when it was deleted — so the engine checks what it still holds. Answers an
   * unsubscribe function. Optional: stores that cannot lose their database need not have it.
   */
  onConnectionLost?(listener: () => void): () => void;
}
