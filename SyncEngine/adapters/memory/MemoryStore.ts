import { unconfirmedChanges } from '../../contracts/RecordStore';
import type {
  AppliedPage,
  ClearOptions,
  LocalWrite,
  RecordStore,
  RowQuery,
  StoreSchema,
  StoreTableSchema,
  TableMeta,
  TableStats,
} from '../../contracts/RecordStore';
import type { OutboxEntry, Row, SyncErrorRecord } from '../../contracts/rows';
import { ETAG } from '../../contracts/rows';
import { ConfigError, MalformedResponseError, QuotaError } from '../../contracts/errors';
import { settle } from './settle';
import { queueChanged } from '../queueChanged';

export interface MemoryStoreOptions {
  /** Simulates a full disk: writes that would leave more rows than this on the device reject with `QuotaError`. */
  quotaRows?: number;
}

/** A row and the generation that wrote it; `null` marks rows written on the device, which are never stale. */
interface StoredRow {
  row: Row;
  generation: number | null;
}

/**
 * The reference `RecordStore`: plain Maps, every value cloned on the way in and out so callers can never reach
 * the stored copies. Every write checks the quota before changing anything, which makes each one atomic.
 */
export class MemoryStore implements RecordStore {
  /** Public so tests can fill the "disk" first and then shrink it. */
  quotaRows?: number;
  private schemas = new Map<string, StoreTableSchema>();
  private tables = new Map<string, Map<string, StoredRow>>();
  private outbox = new Map<number, OutboxEntry>();
  private nextSeq = 1;
  private meta = new Map<string, TableMeta>();
  private errors = new Map<string, SyncErrorRecord>();
  private values = new Map<string, unknown>();

  constructor(options: MemoryStoreOptions = {}) {
    this.quotaRows = options.quotaRows;
  }

  open(schema: StoreSchema): Promise<void> {
    this.schemas = new Map(schema.tables.map((t) => [t.name, t]));
    return Promise.resolve();
  }

  close(): void {
    // Nothing to release: the data lives as long as the instance.
  }

  getRow(table: string, id: string): Promise<Row | null> {
    const stored = this.tables.get(table)?.get(id);
    return Promise.resolve(stored ? structuredClone(stored.row) : null);
  }

  queryRows(table: string, query: RowQuery): Promise<Row[]> {
    const limit = query.limit ?? Infinity;
    const found: Row[] = [];
    for (const { row } of this.table(table).values()) {
      if (found.length >= limit) break;
      if (query.equals && (row[query.equals.column] ?? null) !== query.equals.value) continue;
      if (query.indexed && !query.indexed.matches(row[query.indexed.column] ?? null)) continue;
      if (query.where && !query.where(row)) continue;
      found.push(structuredClone(row));
    }
    return Promise.resolve(found);
  }

  listIds(table: string): Promise<string[]> {
    return Promise.resolve([...this.table(table).keys()]);
  }

  tableStats(table: string): Promise<TableStats> {
    let bytes = 0;
    for (const { row } of this.table(table).values()) bytes += JSON.stringify(row).length;
    return Promise.resolve({ rows: this.table(table).size, bytes });
  }

  applyPage(table: string, page: AppliedPage, meta: TableMeta): Promise<void> {
    return settle(() => {
      if (meta.table !== table) throw metaMismatch(table, meta);
      const primaryId = this.schema(table).primaryId;
      const pending = this.rowIdsWithOutbox(table);
      const rows = this.table(table);
      const next = new Map(rows);
      for (const row of page.rows) {
        const id = row[primaryId];
        if (typeof id !== 'string') throw new MalformedResponseError(`A ${table} row has no ${primaryId}.`);
        if (!pending.has(id)) next.set(id, { row: structuredClone(row), generation: page.generation });
      }
      for (const id of page.deletedIds) if (!pending.has(id)) next.delete(id);
      this.checkQuota(next.size - rows.size);
      this.tables.set(table, next);
      this.meta.set(table, structuredClone(meta));
    });
  }

  removeStale(table: string, generation: number, meta: TableMeta): Promise<number> {
    return settle(() => {
      if (meta.table !== table) throw metaMismatch(table, meta);
      const pending = this.rowIdsWithOutbox(table);
      const rows = this.table(table);
      let removed = 0;
      for (const [id, stored] of rows) {
        if (stored.generation !== null && stored.generation < generation && !pending.has(id)) {
          rows.delete(id);
          removed++;
        }
      }
      this.meta.set(table, structuredClone(meta));
      return removed;
    });
  }

  writeLocal(write: LocalWrite): Promise<OutboxEntry> {
    return settle(() => {
      const rows = this.table(write.table);
      if (write.row !== null && !rows.has(write.rowId)) this.checkQuota(1);
      // Clone first: a value that cannot be stored must fail before anything changed.
      const row = structuredClone(write.row);
      const entry: OutboxEntry = { ...structuredClone(write.entry), seq: this.nextSeq++ };
      if (row === null) rows.delete(write.rowId);
      else rows.set(write.rowId, { row, generation: null });
      this.outbox.set(entry.seq, entry);
      return structuredClone(entry);
    });
  }

  listOutbox(): Promise<OutboxEntry[]> {
    // Seqs only grow and a Map iterates in insertion order, so this is seq order.
    return Promise.resolve([...this.outbox.values()].map((e) => structuredClone(e)));
  }

  updateOutbox(entry: OutboxEntry): Promise<void> {
    // An entry that is gone (uploaded or discarded meanwhile) must not come back.
    if (this.outbox.has(entry.seq)) this.outbox.set(entry.seq, structuredClone(entry));
    return Promise.resolve();
  }

  completeOutbox(seq: number, etag?: string): Promise<void> {
    const entry = this.outbox.get(seq);
    if (!entry) return Promise.resolve();
    this.outbox.delete(seq);
    const stored = this.tables.get(entry.table)?.get(entry.rowId);
    // The row's last change is on the server: from now on it is a server row like any, which a full download
    // that does not bring it removes (`removeStale`), instead of a local row kept forever.
    if (stored && stored.generation === null && !this.hasOutbox(entry.table, entry.rowId)) stored.generation = this.meta.get(entry.table)?.generation ?? 0;
    if (etag === undefined) return Promise.resolve();
    if (stored) stored.row = { ...stored.row, [ETAG]: etag };
    for (const later of this.outbox.values()) {
      if (later.seq > seq && later.table === entry.table && later.rowId === entry.rowId) later.baseEtag = etag;
    }
    return Promise.resolve();
  }

  discardOutbox(seq: number, row?: Row | null): Promise<void> {
    return settle(() => {
      const entry = this.outbox.get(seq);
      if (!entry) return;
      if (row !== undefined) this.setRow(entry.table, entry.rowId, row);
      this.outbox.delete(seq);
    });
  }

  replaceRow(table: string, id: string, row: Row | null): Promise<void> {
    return settle(() => {
        this.setRow(table, id, row);
    });
  }

  private setRow(table: string, id: string, row: Row | null): void {
    const rows = this.table(table);
    const existing = rows.get(id);
    if (row === null) {
      rows.delete(id);
      return;
    }
    if (!existing) this.checkQuota(1);
    // The replaced row keeps the stamp of the copy it replaces: the next full download still judges it.
    rows.set(id, { row: structuredClone(row), generation: existing ? existing.generation : null });
  }

  getMeta(table: string): Promise<TableMeta | null> {
    const meta = this.meta.get(table);
    return Promise.resolve(meta ? structuredClone(meta) : null);
  }

  listMeta(): Promise<TableMeta[]> {
    return Promise.resolve([...this.meta.values()].map((m) => structuredClone(m)));
  }

  putMeta(meta: TableMeta): Promise<void> {
    this.meta.set(meta.table, structuredClone(meta));
    return Promise.resolve();
  }

  listErrors(): Promise<SyncErrorRecord[]> {
    return Promise.resolve([...this.errors.values()].map((e) => structuredClone(e)));
  }

  putError(error: SyncErrorRecord): Promise<void> {
    this.errors.set(error.id, structuredClone(error));
    return Promise.resolve();
  }

  deleteError(id: string): Promise<void> {
    this.errors.delete(id);
    return Promise.resolve();
  }

  getValue<T>(key: string): Promise<T | undefined> {
    return Promise.resolve(structuredClone(this.values.get(key)) as T | undefined);
  }

  setValue(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }

  clear(options: ClearOptions = {}): Promise<void> {
    const unconfirmed = unconfirmedChanges([...this.outbox.keys()], options.discarding);
    if (unconfirmed > 0) return Promise.reject(queueChanged(unconfirmed));
    const kept = (options.keepValues ?? []).flatMap((key) => (this.values.has(key) ? [[key, this.values.get(key)] as const] : []));
    this.tables.clear();
    this.outbox.clear();
    this.meta.clear();
    this.errors.clear();
    this.values.clear();
    for (const [key, value] of kept) this.values.set(key, value);
    return Promise.resolve();
  }

  private table(table: string): Map<string, StoredRow> {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new Map<string, StoredRow>()));
    return rows;
  }

  private schema(table: string): StoreTableSchema {
    const schema = this.schemas.get(table);
    if (!schema) throw new ConfigError(`Table ${table} is not in the store schema.`);
    return schema;
  }

  private hasOutbox(table: string, rowId: string): boolean {
    for (const e of this.outbox.values()) if (e.table === table && e.rowId === rowId) return true;
    return false;
  }

  private rowIdsWithOutbox(table: string): Set<string> {
    return new Set([...this.outbox.values()].filter((e) => e.table === table).map((e) => e.rowId));
  }

  /** Runs before anything changes, so a full disk leaves every write untouched. */
  private checkQuota(addedRows: number): void {
    if (this.quotaRows === undefined || addedRows <= 0) return;
    let total = addedRows;
    for (const rows of this.tables.values()) total += rows.size;
    if (total > this.quotaRows) throw new QuotaError('The device storage is full.');
  }
}

function metaMismatch(table: string, meta: TableMeta): ConfigError {
  return new ConfigError(`Metadata of ${meta.table} passed for table ${table}.`);
}
