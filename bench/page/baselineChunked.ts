import { forEachPage } from './fetchPages';
import { deleteDatabase, withPeakHeap } from './measure';
import type { EmulatorTarget, SyncMeasurement } from './types';

const CHUNKED_DB = 'bench:raw-chunked';
const CHUNK_ROWS = 500;

function openChunked(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(CHUNKED_DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('chunks', { keyPath: ['table', 'chunkId'] });
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
}

function commit(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = tx.onabort = () => {
      reject(tx.error ?? new Error('transaction failed'));
    };
  });
}

/**
 * Baseline (b): the floor of the engine's layout — 500 rows per record in plain IndexedDB, one transaction per
 * page, no directory, no metadata, no indexes. The engine should reach a good share of it.
 */
export async function chunkedInitialSync(target: EmulatorTarget): Promise<SyncMeasurement> {
  await deleteDatabase(CHUNKED_DB);
  const db = await openChunked();
  let chunkId = 0;
  const start = performance.now();
  const { result: rows, peakHeapBytes } = await withPeakHeap(() =>
    forEachPage(target, async (table, page) => {
      const tx = db.transaction('chunks', 'readwrite');
      const store = tx.objectStore('chunks');
      for (let at = 0; at < page.length; at += CHUNK_ROWS) {
        store.put({ table: table.logicalName, chunkId: chunkId++, rows: page.slice(at, at + CHUNK_ROWS) });
      }
      await commit(tx);
    }),
  );
  const ms = performance.now() - start;
  db.close();
  await deleteDatabase(CHUNKED_DB);
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes };
}

/** For scale: the same download with no writes at all (HTTP, JSON.parse, the parser). */
export async function fetchOnly(target: EmulatorTarget): Promise<SyncMeasurement> {
  const start = performance.now();
  const { result: rows, peakHeapBytes } = await withPeakHeap(() => forEachPage(target, () => Promise.resolve()));
  const ms = performance.now() - start;
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes };
}
