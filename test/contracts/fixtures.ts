import type { AppliedPage, LocalWrite, RecordStore, StoreSchema, TableMeta } from '../../SyncEngine/contracts/RecordStore';
import type { NewOutboxEntry, Row } from '../../SyncEngine/contracts/rows';
import { ETAG } from '../../SyncEngine/contracts/rows';

/** What a store under contract can do beyond the port; tests needing a capability register only when it is given. */
export interface StoreCapabilities {
  /** Closes nothing itself: answers a new, unopened instance over the same persistent database. */
  reopen?: () => Promise<RecordStore>;
  /**
   * The host owns the rows (the mobile player under `XrmOfflineStore`) and downloads them itself. The suite then
   * plays the host: every `applyPage` first puts the page on the device through this hook, keeping the rows in
   * `keep` (those with outbox entries) as the host keeps rows with local changes. Promises only a store that
   * downloads can keep — removing stale rows, exact byte counts, validating pages, etags on completed rows — are
   * not asked of such a store; what it promises instead is tested in their place.
   */
  hostRows?: { download(table: string, page: AppliedPage, keep: ReadonlySet<string>): void };
}

/** The store of the running test, swapped by the suite's `beforeEach`. */
export interface ContractContext {
  store: RecordStore;
  capabilities: StoreCapabilities;
}

export const SCHEMA: StoreSchema = {
  tables: [
    { name: 'account', primaryId: 'accountid', indexedColumns: ['statecode', '_parentaccountid_value'] },
    { name: 'contact', primaryId: 'contactid', indexedColumns: [] },
  ],
};

export function account(id: string, extra: Row = {}): Row {
  return { [ETAG]: 'W/"1"', accountid: id, name: `Account ${id}`, statecode: 0, ...extra };
}

export function contact(id: string, extra: Row = {}): Row {
  return { [ETAG]: 'W/"1"', contactid: id, fullname: `Contact ${id}`, ...extra };
}

/** `count` accounts with ids `prefix-0` … ; statecode alternates so queries have something to split on. */
export function accounts(count: number, prefix = 'a'): Row[] {
  return Array.from({ length: count }, (_, i) => account(`${prefix}-${i}`, { statecode: i % 2 }));
}

export function meta(table: string, generation: number, extra: Partial<TableMeta> = {}): TableMeta {
  return { table, generation, initialComplete: false, ...extra };
}

export function entry(table: string, rowId: string, extra: Partial<NewOutboxEntry> = {}): NewOutboxEntry {
  return { table, rowId, op: 'update', data: { name: 'changed' }, createdAt: 1000, attempts: 0, state: 'pending', ...extra };
}

/** What a create sends: the new row's columns, without annotations such as its etag (the server gives one). */
export function columnsOf(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.includes('@')));
}

/** A local create as the engine writes it: the entry carries the new row's columns. */
export function localCreate(table: string, row: Row, extra: Partial<NewOutboxEntry> = {}): LocalWrite {
  const rowId = String(row[`${table}id`]);
  return { table, rowId, row, entry: entry(table, rowId, { op: 'create', data: columnsOf(row), ...extra }) };
}

/** A local update as the engine writes it: `before` (a row on the device) with `changes`, which the entry carries. */
export function localUpdate(table: string, before: Row, changes: Row, extra: Partial<NewOutboxEntry> = {}): LocalWrite {
  const rowId = String(before[`${table}id`]);
  return { table, rowId, row: { ...before, ...changes }, entry: entry(table, rowId, { data: changes, ...extra }) };
}

/** Applies a full page of `rows` to `table` as generation `generation`. */
export async function download(store: RecordStore, table: string, rows: Row[], generation = 1): Promise<void> {
  await store.applyPage(table, { rows, deletedIds: [], generation }, meta(table, generation));
}

export function ids(rows: Row[], primaryId = 'accountid'): string[] {
  return rows.map((r) => String(r[primaryId])).sort();
}
