import type {
  ClearOptions,
  AppliedPage,
  LocalWrite,
  RecordStore,
  RowQuery,
  StoreSchema,
  TableMeta,
  TableStats,
} from '../../contracts/RecordStore';
import type { OutboxEntry, Row, SyncErrorRecord } from '../../contracts/rows';
import { ConfigError } from '../../contracts/errors';
import type { XrmOfflineWebApi } from './xrmOfflineApi';
import { hostError, isNotFound, odataLiteral, optionsOf, writableColumns } from './xrmOfflineApi';

export interface XrmOfflineStoreOptions {
  /** From `detectOfflineWebApi(Xrm)`. */
  offline: XrmOfflineWebApi;
  /** Holds the outbox, metadata, sync errors and values; its row tables stay empty. */
  ledger: RecordStore;
  /** Page size for reads through the host; the host caps it anyway. */
  pageSize?: number;
}

/**
 * `RecordStore` for the mobile player, where the host downloads rows into its own offline database. Rows are
 * read from and written to `Xrm.WebApi.offline`; everything else lives in `ledger`. Downloads are the host's,
 * so `applyPage` and `removeStale` only record metadata.
 *
 * The two halves cannot share a transaction: `writeLocal` queues the outbox entry first and withdraws it when
 * the host refuses the row change, so an entry never describes a change the device does not have. A crash
 * between the two leaves an entry whose change is missing, which uploads as a no-op update or a conflict.
 */
export class XrmOfflineStore implements RecordStore {
  /** The mobile player uploads what is written through `Xrm.WebApi.offline` on its own sync; so must no one else. */
  readonly hostSynced = true;
  private primaryIds = new Map<string, string>();

  constructor(private readonly options: XrmOfflineStoreOptions) {}

  async open(schema: StoreSchema): Promise<void> {
    this.primaryIds = new Map(schema.tables.map((t) => [t.name, t.primaryId]));
    await this.options.ledger.open(schema);
  }

  close(): void {
    this.options.ledger.close();
  }

  async getRow(table: string, id: string): Promise<Row | null> {
    if (!this.available(table)) return null;
    try {
      return await this.options.offline.retrieveRecord(table, id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw hostError(error);
    }
  }

  /** `equals` goes to the host as `$filter` (its offline index); the result is checked again here. */
  async queryRows(table: string, query: RowQuery): Promise<Row[]> {
    const limit = query.limit ?? Infinity;
    const found: Row[] = [];
    if (limit <= 0 || !this.available(table)) return found;
    const { equals, indexed, where } = query;
    const filter = equals ? `?$filter=${equals.column} eq ${odataLiteral(equals.value)}` : '';
    await this.eachPage(table, filter, (rows) => {
      for (const row of rows) {
        if (equals && (row[equals.column] ?? null) !== equals.value) continue;
        if (indexed && !indexed.matches(row[indexed.column] ?? null)) continue;
        if (where && !where(row)) continue;
        found.push(row);
        if (found.length >= limit) return false;
      }
      return true;
    });
    return found;
  }

  /** The host's rows of the table, paged through as ids only. */
  async listIds(table: string): Promise<string[]> {
    const ids: string[] = [];
    if (!this.available(table)) return ids;
    const primaryId = this.primaryId(table);
    await this.eachPage(table, `?$select=${primaryId}`, (rows) => {
      for (const row of rows) if (typeof row[primaryId] === 'string') ids.push(row[primaryId]);
      return true;
    });
    return ids;
  }

  /** The host keeps no counts it shares, so this pages through ids only; bytes are the ids' share. */
  async tableStats(table: string): Promise<TableStats> {
    const stats = { rows: 0, bytes: 0 };
    if (!this.available(table)) return stats;
    await this.eachPage(table, `?$select=${this.primaryId(table)}`, (rows) => {
      stats.rows += rows.length;
      for (const row of rows) stats.bytes += JSON.stringify(row).length;
      return true;
    });
    return stats;
  }

  async applyPage(table: string, _page: AppliedPage, meta: TableMeta): Promise<void> {
    this.primaryId(table);
    checkMeta(table, meta);
    await this.options.ledger.putMeta(meta);
  }

  async removeStale(table: string, _generation: number, meta: TableMeta): Promise<number> {
    this.primaryId(table);
    checkMeta(table, meta);
    await this.options.ledger.putMeta(meta);
    return 0;
  }

  async writeLocal(write: LocalWrite): Promise<OutboxEntry> {
    const entry = await this.options.ledger.writeLocal({ ...write, row: null });
    try {
      await this.writeToHost(write);
    } catch (error) {
      await this.options.ledger.discardOutbox(entry.seq);
      throw hostError(error);
    }
    return entry;
  }

  listOutbox(): Promise<OutboxEntry[]> {
    return this.options.ledger.listOutbox();
  }

  updateOutbox(entry: OutboxEntry): Promise<void> {
    return this.options.ledger.updateOutbox(entry);
  }

  /** The host refreshes its copy's etag on its own sync; later entries still need the new base. */
  completeOutbox(seq: number, etag?: string): Promise<void> {
    return this.options.ledger.completeOutbox(seq, etag);
  }

  async discardOutbox(seq: number, row?: Row | null): Promise<void> {
    const entry = (await this.options.ledger.listOutbox()).find((e) => e.seq === seq);
    if (!entry) return;
    if (row !== undefined) await this.replaceRow(entry.table, entry.rowId, row);
    await this.options.ledger.discardOutbox(seq);
  }

  /** Lookups are not written back (see `writableColumns`); the host's next sync brings them. */
  async replaceRow(table: string, id: string, row: Row | null): Promise<void> {
    const { offline } = this.options;
    try {
      if (row === null) {
        await offline.deleteRecord(table, id).catch(ignoreNotFound);
        return;
      }
      const data = writableColumns(row);
      await offline.updateRecord(table, id, data).catch(async (error: unknown) => {
        if (!isNotFound(error)) throw error;
        await offline.createRecord(table, { ...data, [this.primaryId(table)]: id });
      });
    } catch (error) {
      throw hostError(error);
    }
  }

  getMeta(table: string): Promise<TableMeta | null> {
    return this.options.ledger.getMeta(table);
  }

  listMeta(): Promise<TableMeta[]> {
    return this.options.ledger.listMeta();
  }

  putMeta(meta: TableMeta): Promise<void> {
    return this.options.ledger.putMeta(meta);
  }

  listErrors(): Promise<SyncErrorRecord[]> {
    return this.options.ledger.listErrors();
  }

  putError(error: SyncErrorRecord): Promise<void> {
    return this.options.ledger.putError(error);
  }

  deleteError(id: string): Promise<void> {
    return this.options.ledger.deleteError(id);
  }

  getValue<T>(key: string): Promise<T | undefined> {
    return this.options.ledger.getValue<T>(key);
  }

  setValue(key: string, value: unknown): Promise<void> {
    return this.options.ledger.setValue(key, value);
  }

  /** Rows belong to the host, which resets them itself (reconfigure); the engine's ledger goes. */
  clear(options?: ClearOptions): Promise<void> {
    return this.options.ledger.clear(options);
  }

  /** The engine's ledger is the database that can be evicted; the host's rows are the host's to keep. */
  onConnectionLost(listener: () => void): () => void {
    return this.options.ledger.onConnectionLost?.(listener) ?? (() => undefined);
  }

  /** Files and images are not host writes: they travel in the outbox entry only. */
  private async writeToHost(write: LocalWrite): Promise<void> {
    const { offline } = this.options;
    const data = write.entry.data ?? {};
    if (write.entry.op === 'create') await offline.createRecord(write.table, { ...data, [this.primaryId(write.table)]: write.rowId });
    else if (write.entry.op === 'update') await offline.updateRecord(write.table, write.rowId, data);
    else if (write.entry.op === 'delete') await offline.deleteRecord(write.table, write.rowId).catch(ignoreNotFound);
  }

  /** Calls `visit` with each page until it answers false or the pages run out. */
  private async eachPage(table: string, options: string, visit: (rows: Row[]) => boolean): Promise<void> {
    let next: string | undefined = options;
    while (next !== undefined) {
      let page: { entities: Row[]; nextLink?: string };
      try {
        page = await this.options.offline.retrieveMultipleRecords(table, next, this.options.pageSize ?? 500);
      } catch (error) {
        throw hostError(error);
      }
      if (!visit(page.entities)) return;
      const following = page.nextLink === undefined ? '' : optionsOf(page.nextLink);
      // A link that leads nowhere new would loop forever on the same page.
      next = following && following !== next ? following : undefined;
    }
  }

  private available(table: string): boolean {
    return this.primaryIds.has(table) && this.options.offline.isAvailableOffline(table);
  }

  private primaryId(table: string): string {
    const primaryId = this.primaryIds.get(table);
    if (!primaryId) throw new ConfigError(`Table ${table} is not in the store schema.`);
    return primaryId;
  }
}

function checkMeta(table: string, meta: TableMeta): void {
  if (meta.table !== table) throw new ConfigError(`Metadata of ${meta.table} passed for table ${table}.`);
}

function ignoreNotFound(error: unknown): { id: string } {
  if (isNotFound(error)) return { id: '' };
  throw error;
}
