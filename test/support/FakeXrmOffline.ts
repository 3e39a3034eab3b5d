import type { XrmOfflineWebApi } from '../../SyncEngine/adapters/xrm/xrmOfflineApi';
import type { Row } from '../../SyncEngine/contracts/rows';

/** Xrm rejects with `{ errorCode, message }`; an Error carrying both keeps the linter's promise rules happy. */
export function xrmError(errorCode: number, message: string): Error & { errorCode: number } {
  return Object.assign(new Error(message), { errorCode });
}

export const NOT_FOUND = xrmError(-2147220969, 'Does Not Exist');

/** A write the mobile player queued in its offline database, to upload on its own next sync. */
export interface HostWrite {
  op: 'create' | 'update' | 'delete';
  table: string;
  id: string;
  data: Row;
}

/**
 * The mobile player's offline database as far as `XrmOfflineStore` uses it: rows per table, OData-ish paging with
 * `eq` filters, and the queue of writes made through it, which the host (not the engine) uploads.
 */
export class FakeXrmOffline implements XrmOfflineWebApi {
  readonly rows = new Map<string, Map<string, Row>>();
  /** Writes waiting for the host's sync, oldest first. */
  readonly queue: HostWrite[] = [];
  refuse: Error | undefined;
  readonly queries: string[] = [];

  /** `tables`: logical name → primary id column, for the tables in the user's mobile offline profile. */
  constructor(private readonly tables: Readonly<Record<string, string>>, private readonly offlineTables = new Set(Object.keys(tables))) {
    for (const table of Object.keys(tables)) this.rows.set(table, new Map());
  }

  /** Rows the host downloaded. */
  seed(table: string, rows: readonly Row[]): void {
    for (const row of rows) this.table(table).set(String(row[this.primaryId(table)]), structuredClone(row));
  }

  /**
   * The host's own download: server rows replace its copies and deleted ids go, except rows with a local change
   * still waiting (`keep`, by default the ids in its own queue) — the device's change wins until it is uploaded.
   */
  download(table: string, page: { rows: readonly Row[]; deletedIds: readonly string[] }, keep: ReadonlySet<string> = this.queuedIds(table)): void {
    const rows = this.table(table);
    for (const row of page.rows) {
      const id = String(row[this.primaryId(table)]);
      if (!keep.has(id)) rows.set(id, structuredClone(row));
    }
    for (const id of page.deletedIds) if (!keep.has(id)) rows.delete(id);
  }

  isAvailableOffline(table: string): boolean {
    return this.offlineTables.has(table);
  }

  retrieveRecord(table: string, id: string): Promise<Row> {
    const row = this.table(table).get(id);
    return row ? Promise.resolve(structuredClone(row)) : Promise.reject(NOT_FOUND);
  }

  retrieveMultipleRecords(table: string, options = '', pageSize = 5000): Promise<{ entities: Row[]; nextLink?: string }> {
    this.queries.push(options);
    const params = new URLSearchParams(options.replace(/^\?/, ''));
    const filter = /^(\S+) eq (.+)$/.exec(params.get('$filter') ?? '');
    const select = params.get('$select')?.split(',');
    const skip = Number(params.get('$skiptoken') ?? 0);
    const literal = filter ? parseLiteral(filter[2]) : undefined;
    const all = [...this.table(table).values()].filter((r) => !filter || (r[filter[1]] ?? null) === literal);
    const page = all.slice(skip, skip + pageSize).map((r) => structuredClone(select ? Object.fromEntries(select.map((c) => [c, r[c] ?? null])) : r));
    const rest = new URLSearchParams(params);
    rest.set('$skiptoken', String(skip + pageSize));
    return Promise.resolve({ entities: page, nextLink: skip + pageSize < all.length ? `https://org/api/data/v9.2/${table}s?${rest.toString()}` : undefined });
  }

  createRecord(table: string, data: Row): Promise<{ id: string }> {
    if (this.refuse) return Promise.reject(this.refuse);
    const id = String(data[this.primaryId(table)]);
    if (this.table(table).has(id)) return Promise.reject(xrmError(-2147220937, 'Cannot insert duplicate key.'));
    this.table(table).set(id, structuredClone(data));
    this.queue.push({ op: 'create', table, id, data: structuredClone(data) });
    return Promise.resolve({ id });
  }

  updateRecord(table: string, id: string, data: Row): Promise<{ id: string }> {
    if (this.refuse) return Promise.reject(this.refuse);
    const row = this.table(table).get(id);
    if (!row) return Promise.reject(NOT_FOUND);
    this.table(table).set(id, { ...row, ...structuredClone(data) });
    this.queue.push({ op: 'update', table, id, data: structuredClone(data) });
    return Promise.resolve({ id });
  }

  deleteRecord(table: string, id: string): Promise<{ id: string }> {
    if (this.refuse) return Promise.reject(this.refuse);
    if (!this.table(table).delete(id)) return Promise.reject(NOT_FOUND);
    this.queue.push({ op: 'delete', table, id, data: {} });
    return Promise.resolve({ id });
  }

  private queuedIds(table: string): Set<string> {
    return new Set(this.queue.filter((w) => w.table === table).map((w) => w.id));
  }

  private primaryId(table: string): string {
    const primaryId = this.tables[table];
    if (!primaryId) throw xrmError(-2147217150, `Entity '${table}' does not exist.`);
    return primaryId;
  }

  private table(table: string): Map<string, Row> {
    this.primaryId(table);
    return this.rows.get(table) ?? new Map<string, Row>();
  }
}

function parseLiteral(text: string): unknown {
  if (text === 'null') return null;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d/.test(text) && !text.includes('-', 1) ? Number(text) : text;
}
