import { unconfirmedChanges } from '../../contracts/RecordStore';
import type {
  AppliedPage,
  ClearOptions,
  StoreDamage,
  StoreOpenEvents,
  LocalWrite,
  RecordStore,
  RowQuery,
  StoreSchema,
  TableMeta,
  TableStats,
} from '../../contracts/RecordStore';
import type { OutboxEntry, Row, SyncErrorRecord } from '../../contracts/rows';
import { ETAG } from '../../contracts/rows';
import { compactTable } from './compaction';
import { ALL_STORES, SCHEMA_KEY } from './dbSchema';
import { OfflineConnection } from './OfflineConnection';
import { queryTable, readRow } from './rowReads';
import type { TableContext } from './rowRecords';
import { prepareChunks, putRow, removeStaleRows, saveStats, stampOf, writePage } from './rowWrites';
import { TaskBudget } from '../yieldToMain';
import { checkMeta, keyById } from './pageInput';
import { issue } from './transactions';
import { queueChanged } from '../queueChanged';

/** Pages of at least this many rows start their work in a task of their own. */
const YIELD_BEFORE_ROWS = 500;

export interface IndexedDbStoreOptions {
  /** Database name; build it with `storeNameFor(orgId, userId)`. */
  name: string;
  /** Defaults to the global `indexedDB`. */
  indexedDB?: IDBFactory;
}

/**
 * `RecordStore` over IndexedDB, laid out for its per-record cost (see DESIGN.md "Store layout"): downloaded pages
 * as 500-row chunk records plus a directory, later changes as per-row overrides that win over chunk copies.
 * Directories and the set of rows with outbox entries live in memory; operations run one at a time, and a
 * failed one drops those caches so they are rebuilt from what actually committed.
 */
export class IndexedDbStore implements RecordStore {
  private readonly conn = new OfflineConnection();

  constructor(private readonly options: IndexedDbStoreOptions) {}

  open(schema: StoreSchema, events?: StoreOpenEvents): Promise<void> {
    const factory = this.options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    return this.conn.open(this.options.name, factory, schema, events);
  }

  close(): void {
    this.conn.close();
  }

  getRow(table: string, id: string): Promise<Row | null> {
    return this.conn.exclusive(async () => {
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      // A transaction over the one store the row is in, opened only when the chunk is not cached.
      const store = ctx.state.locate(id)?.kind === 'override' ? 'overrides' : 'chunks';
      return readRow(() => this.conn.database().transaction([store]), ctx, id);
    });
  }

  queryRows(table: string, query: RowQuery): Promise<Row[]> {
    return this.conn.exclusive(async () => {
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      return queryTable(this.conn.database().transaction(['chunks', 'overrides']), ctx, query);
    });
  }

  listIds(table: string): Promise<string[]> {
    return this.conn.exclusive(async () => (await this.conn.caches.table(this.conn.database(), table)).state.visibleIds());
  }

  tableStats(table: string): Promise<TableStats> {
    return this.conn.exclusive(async () => {
      const loaded = this.conn.caches.loaded(table);
      if (loaded) return { ...loaded.stats };
      const saved = await this.conn.database().get('stats', table);
      return { rows: saved?.rows ?? 0, bytes: saved?.bytes ?? 0 };
    });
  }

  /**
   * A 5,000-row page is tens of milliseconds of work on the main thread (keying, chunk records, the copies the
   * `put`s make): it runs in pieces of about `TASK_BUDGET_MS` with the browser's other tasks between them, so the
   * form stays responsive during a first sync. The write itself stays one transaction with the table's metadata.
   */
  applyPage(table: string, page: AppliedPage, meta: TableMeta): Promise<void> {
    return this.conn.exclusive(async () => {
      checkMeta(table, meta);
      const budget = new TaskBudget();
      // Whatever ran before (the page's JSON) gets its own task.
      if (page.rows.length >= YIELD_BEFORE_ROWS) await budget.yieldNow();
      const rows = keyById(table, this.conn.caches.schema(table).primaryId, page.rows);
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      const pending = (await this.conn.caches.outboxIndex(this.conn.database())).rowIds(table);
      for (const id of pending) rows.delete(id);
      const deleted = page.deletedIds.filter((id) => !pending.has(id));
      const prepared = await prepareChunks(ctx, rows, page.generation, budget);
      await budget.pause();
      await this.conn.write(['chunks', 'dirs', 'overrides', 'meta', 'stats'], async (tx) => {
        await writePage(tx, ctx, rows, prepared, deleted, page.generation, budget);
        issue(tx.objectStore('meta').put(meta));
        saveStats(tx, ctx);
      });
    });
  }

  removeStale(table: string, generation: number, meta: TableMeta): Promise<number> {
    return this.conn.exclusive(async () => {
      checkMeta(table, meta);
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      const pending = (await this.conn.caches.outboxIndex(this.conn.database())).rowIds(table);
      return this.conn.write(['chunks', 'dirs', 'overrides', 'meta', 'stats'], async (tx) => {
        const removed = await removeStaleRows(tx, ctx, generation, pending);
        issue(tx.objectStore('meta').put(meta));
        saveStats(tx, ctx);
        return removed;
      });
    });
  }

  writeLocal(write: LocalWrite): Promise<OutboxEntry> {
    return this.conn.exclusive(async () => {
      const ctx = await this.conn.caches.table(this.conn.database(), write.table);
      const outbox = await this.conn.caches.outboxIndex(this.conn.database());
      const entry = await this.conn.write(['overrides', 'outbox', 'stats'], async (tx) => {
        // The key generator fills in `seq`; the typed store cannot express a value without its key.
        const seq = await tx.objectStore('outbox').add(structuredClone(write.entry) as OutboxEntry);
        putRow(tx, ctx, write.rowId, write.row, null);
        saveStats(tx, ctx);
        return { ...structuredClone(write.entry), seq };
      });
      outbox.add(entry.table, entry.rowId);
      return entry;
    });
  }

  listOutbox(): Promise<OutboxEntry[]> {
    return this.conn.exclusive(() => this.conn.database().getAll('outbox'));
  }

  updateOutbox(entry: OutboxEntry): Promise<void> {
    return this.conn.exclusive(async () => {
      const outbox = await this.conn.caches.outboxIndex(this.conn.database());
      const previous = await this.conn.write(['outbox'], async (tx) => {
        const existing = await tx.objectStore('outbox').get(entry.seq);
        // An entry uploaded or discarded meanwhile must not come back.
        if (existing) issue(tx.objectStore('outbox').put(entry));
        return existing;
      });
      if (!previous) return;
      outbox.remove(previous.table, previous.rowId);
      outbox.add(entry.table, entry.rowId);
    });
  }

  completeOutbox(seq: number, etag?: string): Promise<void> {
    return this.completeOutboxMany([{ seq, etag }]);
  }

  /** A whole `$batch` of uploads settled in one transaction: per-upload transactions made big queues slow. */
  completeOutboxMany(completions: readonly { seq: number; etag?: string }[]): Promise<void> {
    return this.conn.exclusive(async () => {
      const db = this.conn.database();
      const found = await Promise.all(completions.map(async (c) => ({ ...c, entry: await db.get('outbox', c.seq) })));
      const done = found.flatMap((c) => (c.entry ? [{ seq: c.seq, etag: c.etag, entry: c.entry }] : []));
      if (done.length === 0) return;
      const outbox = await this.conn.caches.outboxIndex(db);
      const contexts = new Map<string, TableContext>();
      const generations = new Map<string, number>();
      for (const { entry } of done) {
        if (contexts.has(entry.table)) continue;
        contexts.set(entry.table, await this.conn.caches.table(db, entry.table));
        generations.set(entry.table, (await db.get('meta', entry.table))?.generation ?? 0);
      }
      // Changes of each row left queued once these are gone.
      const left = new Map<string, number>();
      for (const { entry } of done) {
        const key = `${entry.table}\u0000${entry.rowId}`;
        left.set(key, (left.get(key) ?? outbox.count(entry.table, entry.rowId)) - 1);
      }
      await this.conn.write(['chunks', 'overrides', 'outbox', 'stats'], async (tx) => {
        const store = tx.objectStore('outbox');
        for (const { seq, etag, entry } of done) {
          issue(store.delete(seq));
          const ctx = contexts.get(entry.table);
          if (!ctx) continue;
          // The row's last change is on the server: from now on it is a server row like any, which a full download
          // that does not bring it removes (`removeStale`), instead of a local row kept forever.
          const settled = left.get(`${entry.table}\u0000${entry.rowId}`) === 0 && stampOf(ctx, entry.rowId) === null;
          if (etag === undefined && !settled) continue;
          const row = await readRow(tx, ctx, entry.rowId);
          const generation = settled ? (generations.get(entry.table) ?? 0) : stampOf(ctx, entry.rowId);
          if (row) putRow(tx, ctx, entry.rowId, etag === undefined ? row : { ...row, [ETAG]: etag }, generation);
          // Most rows have one queued change: only look for later ones when the row has more (a scan of the
          // outbox per upload made a 10,000-change queue quadratic).
          if (outbox.count(entry.table, entry.rowId) > 1) {
            for (const later of await store.getAll(IDBKeyRange.lowerBound(seq, true))) {
              if (later.table === entry.table && later.rowId === entry.rowId) issue(store.put({ ...later, baseEtag: etag }));
            }
          }
        }
        for (const ctx of contexts.values()) saveStats(tx, ctx);
      });
      for (const { entry } of done) outbox.remove(entry.table, entry.rowId);
    });
  }

  discardOutbox(seq: number, row?: Row | null): Promise<void> {
    return this.conn.exclusive(async () => {
      const entry = await this.conn.database().get('outbox', seq);
      if (!entry) return;
      const ctx = await this.conn.caches.table(this.conn.database(), entry.table);
      const outbox = await this.conn.caches.outboxIndex(this.conn.database());
      await this.conn.write(['overrides', 'outbox', 'stats'], (tx) => {
        issue(tx.objectStore('outbox').delete(seq));
        if (row !== undefined) putRow(tx, ctx, entry.rowId, row, stampOf(ctx, entry.rowId));
        saveStats(tx, ctx);
      });
      outbox.remove(entry.table, entry.rowId);
    });
  }

  replaceRow(table: string, id: string, row: Row | null): Promise<void> {
    return this.conn.exclusive(async () => {
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      await this.conn.write(['overrides', 'stats'], (tx) => {
        putRow(tx, ctx, id, row, stampOf(ctx, id));
        saveStats(tx, ctx);
      });
    });
  }

  /**
   * Folds overrides back into chunks (see `compactTable`); not part of the port. Worth calling when the engine is
   * idle after deltas, since every override costs a record to read and to load with the directory.
   */
  compact(table: string): Promise<number> {
    return this.conn.exclusive(async () => {
      const ctx = await this.conn.caches.table(this.conn.database(), table);
      return this.conn.write(['chunks', 'dirs', 'overrides'], (tx) => compactTable(tx, ctx));
    });
  }

  async getMeta(table: string): Promise<TableMeta | null> {
    return (await this.conn.exclusive(() => this.conn.database().get('meta', table))) ?? null;
  }

  listMeta(): Promise<TableMeta[]> {
    return this.conn.exclusive(() => this.conn.database().getAll('meta'));
  }

  putMeta(meta: TableMeta): Promise<void> {
    return this.conn.exclusive(() => this.conn.write(['meta'], (tx) => issue(tx.objectStore('meta').put(meta))));
  }

  listErrors(): Promise<SyncErrorRecord[]> {
    return this.conn.exclusive(() => this.conn.database().getAll('errors'));
  }

  putError(error: SyncErrorRecord): Promise<void> {
    return this.conn.exclusive(() => this.conn.write(['errors'], (tx) => issue(tx.objectStore('errors').put(error))));
  }

  deleteError(id: string): Promise<void> {
    return this.conn.exclusive(() => this.conn.write(['errors'], (tx) => issue(tx.objectStore('errors').delete(id))));
  }

  async getValue<T>(key: string): Promise<T | undefined> {
    // The caller names the type it stored; IndexedDB keeps values, not their types.
    return (await this.conn.exclusive(() => this.conn.database().get('values', key))) as T | undefined;
  }

  setValue(key: string, value: unknown): Promise<void> {
    return this.conn.exclusive(() => this.conn.write(['values'], (tx) => issue(tx.objectStore('values').put(value, key))));
  }

  takeDamage(): StoreDamage[] {
    return this.conn.caches.damage.take();
  }

  onConnectionLost(listener: () => void): () => void {
    return this.conn.onLost(listener);
  }

  /** Another tab wrote the shared database: cached directories, chunks and the outbox index are rebuilt on use. */
  invalidate(): Promise<void> {
    return this.conn.exclusive(() => {
      this.conn.caches.drop();
      return Promise.resolve();
    });
  }

  clear(options: ClearOptions = {}): Promise<void> {
    return this.conn.exclusive(async () => {
      await this.conn.write(ALL_STORES, async (tx) => {
        const unconfirmed = unconfirmedChanges(await tx.objectStore('outbox').getAllKeys(), options.discarding);
        if (unconfirmed > 0) throw queueChanged(unconfirmed);
        const values = tx.objectStore('values');
        // The schema record says which release wrote the layout; a reset keeps the layout, so the record too.
        const kept = await Promise.all([SCHEMA_KEY, ...(options.keepValues ?? [])].map(async (key) => [key, await values.get(key)] as const));
        for (const name of ALL_STORES) issue(tx.objectStore(name).clear());
        for (const [key, value] of kept) if (value !== undefined) issue(values.put(value, key));
      });
      this.conn.caches.drop();
    });
  }
}
