import type { Row } from '../../SyncEngine/contracts/rows';
import { openIndexedDexie } from './baselineDexie';
import { deleteDatabase, seededRandom, settle, timeRuns } from './measure';
import type { TimingSummary } from './types';

/**
 * A diagnostic, not a target: what one random-id read costs when a chunk must be read whole — 500 rows as objects
 * (the engine's layout now), 100 rows as objects, or 500 rows as one JSON string each (structured clone copies a
 * string without walking it; only the wanted row is parsed) — and what writing each layout costs.
 */
export interface LayoutProbe {
  read: TimingSummary;
  writeRowsPerSecond: number;
}

export interface ChunkProbe {
  rows: number;
  objects500: LayoutProbe;
  objects100: LayoutProbe;
  strings500: LayoutProbe;
}

const PROBE_DB = 'bench:probe';
const PROBE_ROWS = 20_000;
const LAYOUTS = { objects500: 500, objects100: 100, strings500: 500 } as const;
type Layout = keyof typeof LAYOUTS;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => {
      resolve(r.result);
    };
    r.onerror = () => {
      reject(r.error ?? new Error('request failed'));
    };
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = tx.onabort = () => {
      reject(tx.error ?? new Error('transaction failed'));
    };
  });
}

async function openProbe(): Promise<IDBDatabase> {
  await deleteDatabase(PROBE_DB);
  const open = indexedDB.open(PROBE_DB, 1);
  open.onupgradeneeded = () => {
    for (const layout of Object.keys(LAYOUTS)) open.result.createObjectStore(layout);
  };
  return request(open);
}

/** Writes the rows as chunks of the layout, a 5,000-row page per transaction; answers rows/s. */
async function writeLayout(db: IDBDatabase, layout: Layout, rows: Row[]): Promise<number> {
  const size = LAYOUTS[layout];
  const start = performance.now();
  for (let page = 0; page < rows.length; page += 5000) {
    const tx = db.transaction(layout, 'readwrite');
    for (let at = page; at < Math.min(rows.length, page + 5000); at += size) {
      const chunk = rows.slice(at, at + size);
      tx.objectStore(layout).put(layout === 'strings500' ? chunk.map((r) => JSON.stringify(r)) : chunk, at / size);
    }
    await done(tx);
  }
  return (rows.length / (performance.now() - start)) * 1000;
}

/** Reads the chunk holding each picked row and decodes just that row. */
async function readLayout(db: IDBDatabase, layout: Layout, picks: readonly number[]): Promise<TimingSummary> {
  const size = LAYOUTS[layout];
  await settle();
  return timeRuns(picks.length, async (run) => {
    const index = picks[run];
    const chunk = await request(db.transaction(layout).objectStore(layout).get(Math.floor(index / size)) as IDBRequest<unknown[]>);
    const entry = chunk[index % size];
    const row = layout === 'strings500' ? (JSON.parse(entry as string) as Row | null) : (entry as Row | undefined);
    if (!row) throw new Error('missing row');
  });
}

export async function probeChunkReads(): Promise<ChunkProbe> {
  const dexie = await openIndexedDexie();
  const rows = await dexie.table<Row, string>('msdyn_workorder').limit(PROBE_ROWS).toArray();
  const db = await openProbe();
  const random = seededRandom(3);
  const picks = Array.from({ length: 100 }, () => Math.floor(random() * rows.length));
  const probe = async (layout: Layout): Promise<LayoutProbe> => {
    const writeRowsPerSecond = await writeLayout(db, layout, rows);
    return { read: await readLayout(db, layout, picks), writeRowsPerSecond };
  };
  const result = { rows: rows.length, objects500: await probe('objects500'), objects100: await probe('objects100'), strings500: await probe('strings500') };
  db.close();
  await deleteDatabase(PROBE_DB);
  return result;
}
