import Dexie from 'dexie';
import type { Row } from '../../SyncEngine/contracts/rows';
import { BENCH_PROFILE } from './benchProfile';
import { forEachPage } from './fetchPages';
import { deleteDatabase, withPeakHeap } from './measure';
import type { EmulatorTarget, SyncMeasurement } from './types';

export const DEXIE_DB = 'bench:dexie';

/** Columns the engine indexes (statecode, modifiedon, lookups): the per-row store gets the same ones for reads. */
function indexedColumns(columns: readonly string[]): string[] {
  return columns.filter((c) => c === 'statecode' || c === 'modifiedon' || /^_.+_value$/.test(c));
}

/**
 * The Dexie schema: one store per table keyed by its primary id. Version 1 has no secondary indexes (the
 * strictest write baseline: every index costs IndexedDB another key per row); version 2 adds the engine's.
 */
function schema(withIndexes: boolean): Record<string, string> {
  return Object.fromEntries(
    BENCH_PROFILE.tables.map((t) => [t.logicalName, [t.primaryId, ...(withIndexes ? indexedColumns(t.columns) : [])].join(',')]),
  );
}

/** Baseline (a): one IndexedDB record per row, written with Dexie `bulkPut`, one transaction per 5,000-row page. */
export async function dexieInitialSync(target: EmulatorTarget): Promise<SyncMeasurement> {
  await deleteDatabase(DEXIE_DB);
  const db = new Dexie(DEXIE_DB);
  db.version(1).stores(schema(false));
  await db.open();
  const start = performance.now();
  const { result: rows, peakHeapBytes } = await withPeakHeap(() =>
    forEachPage(target, async (table, page) => {
      await db.table<Row, string>(table.logicalName).bulkPut(page);
    }),
  );
  const ms = performance.now() - start;
  db.close();
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes };
}

let indexed: Dexie | undefined;

/** The per-row store with the engine's secondary indexes, built (untimed) by upgrading the baseline's database. */
export async function openIndexedDexie(): Promise<Dexie> {
  if (indexed) return indexed;
  const db = new Dexie(DEXIE_DB);
  db.version(1).stores(schema(false));
  db.version(2).stores(schema(true));
  await db.open();
  indexed = db;
  return db;
}
