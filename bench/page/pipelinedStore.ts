import { IndexedDbStore } from '../../SyncEngine/adapters/indexeddb/IndexedDbStore';
import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { RemotePage } from '../../SyncEngine/contracts/RemoteSource';
import { BENCH_PROFILE, PAGE_SIZE } from './benchProfile';
import { deleteDatabase, withPeakHeap } from './measure';
import type { EmulatorTarget, SyncMeasurement } from './types';

const DB = 'bench:pipelined';

/**
 * An experiment, not a target: the engine's own store and remote, driven the way `downloadTable` would be with a
 * one-page lookahead — page N+1 is requested before page N is applied, so the network and IndexedDB overlap.
 * Same transactions, same resume metadata per page; only the ordering differs. Shows what that change would buy.
 */
export async function pipelinedStoreSync(target: EmulatorTarget): Promise<SyncMeasurement> {
  await deleteDatabase(DB);
  const store = new IndexedDbStore({ name: DB });
  await store.open({
    tables: BENCH_PROFILE.tables.map((t) => ({
      name: t.logicalName,
      primaryId: t.primaryId,
      indexedColumns: t.columns.filter((c) => c === 'statecode' || c === 'modifiedon' || /^_.+_value$/.test(c)),
    })),
  });
  const remote = new WebApiRemote({ baseUrl: target.baseUrl, timeoutMs: 60_000 });
  const start = performance.now();
  const { result: rows, peakHeapBytes } = await withPeakHeap(async () => {
    let total = 0;
    for (const table of BENCH_PROFILE.tables) {
      const meta = { table: table.logicalName, generation: 1, initialComplete: false, fullDownloadInProgress: true };
      let next: Promise<RemotePage> | undefined = remote.fetchPage({ table, pageSize: PAGE_SIZE });
      while (next) {
        const page: RemotePage = await next;
        next = page.nextLink === undefined ? undefined : remote.fetchPage({ table, link: page.nextLink, pageSize: PAGE_SIZE });
        await store.applyPage(table.logicalName, { rows: page.rows, deletedIds: page.deletedIds, generation: 1 }, { ...meta, resumeLink: page.nextLink });
        total += page.rows.length;
      }
    }
    return total;
  });
  const ms = performance.now() - start;
  store.close();
  await deleteDatabase(DB);
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes };
}
