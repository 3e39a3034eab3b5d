import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import type { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { FetchXmlPage, FetchXmlPageRequest, PageRequest, RemotePage, RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import { closeEngine, engineFor, openEngine } from './engineStack';
import { deleteDatabase, settle } from './measure';
import { SLICE_PROFILE } from './sliceProfile';
import type { EmulatorTarget } from './types';

/** What the engine received, as its remote handed it over: rows read, and the ids-only check of the slice apart. */
export interface Transfer {
  requests: number;
  rows: number;
  bytes: number;
  idsRequests: number;
  idsRows: number;
  idsBytes: number;
  /** Rows and bytes of row reads per table (ids-only reads not included). */
  byTable: Record<string, { rows: number; bytes: number }>;
}

export interface SliceSync {
  ms: number;
  transfer: Transfer;
  keptRows: number;
  keptBytes: number;
  /** Per table, as the device holds it: rows and bytes, and every id (lower case, sorted). */
  tables: Record<string, { rows: number; bytes: number; ids: string[] }>;
}

function emptyTransfer(): Transfer {
  return { requests: 0, rows: 0, bytes: 0, idsRequests: 0, idsRows: 0, idsBytes: 0, byTable: {} };
}

/** `idsOnly` asks for one attribute, the primary key, each row once (`editFetchXml.ts`): the slice check. */
function isIdsOnly(fetchXml: string): boolean {
  return /distinct="true"/.test(fetchXml) && (fetchXml.match(/<attribute /g) ?? []).length === 1;
}

/** Counts every page the engine reads through `remote`; the counters are reset before each measured sync. */
class CountingRemote {
  transfer = emptyTransfer();

  wrap(remote: WebApiRemote): RemoteSource {
    const count = (table: string, rows: number, bytes: number, idsOnly: boolean): void => {
      const t = this.transfer;
      if (idsOnly) {
        t.idsRequests += 1;
        t.idsRows += rows;
        t.idsBytes += bytes;
        return;
      }
      t.requests += 1;
      t.rows += rows;
      t.bytes += bytes;
      const entry = (t.byTable[table] ??= { rows: 0, bytes: 0 });
      entry.rows += rows;
      entry.bytes += bytes;
    };
    return new Proxy(remote, {
      get(target, property, receiver) {
        if (property === 'fetchPage') {
          return async (request: PageRequest): Promise<RemotePage> => {
            const page = await target.fetchPage(request);
            count(request.table.logicalName, page.rows.length, page.bytes, false);
            return page;
          };
        }
        if (property === 'fetchXmlPage') {
          return async (request: FetchXmlPageRequest): Promise<FetchXmlPage> => {
            const page = await target.fetchXmlPage(request);
            count(request.table.logicalName, page.rows.length, page.bytes, isIdsOnly(request.fetchXml));
            return page;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

const counters = new Map<string, CountingRemote>();
const stores = new Map<string, IndexedDbStore>();

async function deviceTables(key: string): Promise<SliceSync['tables']> {
  const engine = engineFor(key);
  const store = stores.get(key);
  if (!store) throw new Error(`No store for ${key}`);
  const tables: SliceSync['tables'] = {};
  for (const status of engine.getStatus().tables) {
    if (status.state === 'error') throw new Error(`Slice benchmark: table ${status.table} ended in error ${status.errorCode ?? '?'}`);
    const ids = (await store.listIds(status.table)).map((id) => id.toLowerCase()).sort();
    tables[status.table] = { rows: status.rows, bytes: status.bytes, ids };
  }
  return tables;
}

async function timedSync(key: string): Promise<SliceSync> {
  const counter = counters.get(key);
  if (!counter) throw new Error(`No engine ${key}`);
  await settle();
  counter.transfer = emptyTransfer();
  const start = performance.now();
  await engineFor(key).syncNow();
  const ms = performance.now() - start;
  const tables = await deviceTables(key);
  const kept = Object.values(tables);
  return {
    ms,
    transfer: counter.transfer,
    keptRows: kept.reduce((sum, t) => sum + t.rows, 0),
    keptBytes: kept.reduce((sum, t) => sum + t.bytes, 0),
    tables,
  };
}

/**
 * First sync of the Field Service chain profile on an empty device: the server's slices (`serverSlices`, the
 * default) or the whole tables filtered on the device. Timed from `syncNow()` to its end; counts what came down.
 */
export async function sliceFirstSync(key: string, target: EmulatorTarget, serverSlices: boolean): Promise<SliceSync> {
  await deleteDatabase(`bench:${key}`);
  const counter = new CountingRemote();
  const store = new IndexedDbStore({ name: `bench:${key}` });
  counters.set(key, counter);
  stores.set(key, store);
  await openEngine(key, target, { profile: SLICE_PROFILE, options: { serverSlices }, store, wrapRemote: (remote) => counter.wrap(remote) });
  return timedSync(key);
}

/** One `syncNow()` after the runner changed rows on the server: what the delta transferred and what the device holds after. */
export function sliceDelta(key: string): Promise<SliceSync> {
  return timedSync(key);
}

/** Values of `column` on the device for the given rows (null where the row is missing), to check edits arrived. */
export async function sliceValues(key: string, table: string, column: string, ids: string[]): Promise<(unknown)[]> {
  const engine = engineFor(key);
  const values: unknown[] = [];
  for (const id of ids) {
    try {
      const row = await engine.offline.retrieveRecord(table, id, `?$select=${column}`);
      values.push(row[column] ?? null);
    } catch {
      values.push(null);
    }
  }
  return values;
}

/** Closes the engine and deletes its database, so the next measurement does not share a disk with it. */
export async function dropSliceEngine(key: string): Promise<void> {
  await closeEngine(key);
  counters.delete(key);
  stores.delete(key);
  await deleteDatabase(`bench:${key}`);
}
