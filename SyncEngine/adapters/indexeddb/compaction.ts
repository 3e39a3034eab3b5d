import type { Row } from '../../contracts/rows';
import type { DirRecord, OfflineWriteTx } from './dbSchema';
import { CHUNK_ROWS } from './dbSchema';
import type { TableContext } from './rowRecords';
import { chunkRecords } from './rowRecords';
import { readChunk } from './rowReads';
import { issue } from './transactions';

/** New rows of one generation are worth their own chunks from this many on; fewer stay overrides. */
const MIN_NEW_CHUNK_ROWS = 50;

/**
 * Folds overrides back into chunks, the merge step of the log-structured layout. An override folds only into a
 * chunk of its own generation (a chunk has one stamp, which `removeStale` judges), so deltas applied during the
 * download that wrote a chunk fold, while local rows (never stale) and rows of other generations stay overrides.
 * Rewriting a chunk also drops its superseded and hidden copies. Answers how many overrides were folded.
 */
export async function compactTable(tx: OfflineWriteTx, ctx: TableContext): Promise<number> {
  const { state } = ctx;
  const intoChunk = new Map<number, string[]>();
  const fresh = new Map<number, string[]>();
  for (const [id, header] of state.overrides) {
    if (header.generation === null) continue;
    const copy = state.chunkCopy(id);
    if (copy?.generation === header.generation) push(intoChunk, copy.chunkId, id);
    else if (!copy && !header.deleted) push(fresh, header.generation, id);
  }
  const written: DirRecord[] = [];
  const removed: number[] = [];
  const folded: string[] = [];
  for (const [chunkId, ids] of intoChunk) {
    const record = state.chunks.get(chunkId);
    if (!record) continue;
    const rows = await readChunk(tx, ctx, chunkId);
    const entries: [string, Row][] = state.liveSlots(chunkId).flatMap((slot) => {
      const row = rows.row(slot);
      return row ? [[record.ids[slot], row] as [string, Row]] : [];
    });
    entries.push(...(await overrideRows(tx, ctx, ids)));
    ctx.cache.delete(ctx.table, chunkId);
    if (entries.length === 0) {
      issue(tx.objectStore('chunks').delete([ctx.table, chunkId]));
      issue(tx.objectStore('dirs').delete([ctx.table, chunkId]));
      removed.push(chunkId);
    } else {
      written.push(putChunk(tx, ctx, chunkId, record.generation, entries));
    }
    folded.push(...ids);
  }
  let nextChunkId = state.nextChunkId;
  for (const [generation, ids] of fresh) {
    if (ids.length < MIN_NEW_CHUNK_ROWS) continue;
    const entries = await overrideRows(tx, ctx, ids);
    for (let start = 0; start < entries.length; start += CHUNK_ROWS) {
      written.push(putChunk(tx, ctx, nextChunkId++, generation, entries.slice(start, start + CHUNK_ROWS)));
    }
    folded.push(...ids);
  }
  for (const id of folded) issue(tx.objectStore('overrides').delete([ctx.table, id]));
  state.replaceChunks(written, removed, folded);
  return folded.length;
}

/** The rows of the given overrides, tombstones left out: folding a tombstone just drops the copy it hid. */
async function overrideRows(tx: OfflineWriteTx, ctx: TableContext, ids: string[]): Promise<[string, Row][]> {
  const store = tx.objectStore('overrides');
  const records = await Promise.all(ids.map((id) => store.get([ctx.table, id])));
  return records.flatMap((record) => (record?.row ? [[record.id, record.row] as [string, Row]] : []));
}

function putChunk(tx: OfflineWriteTx, ctx: TableContext, chunkId: number, generation: number, entries: [string, Row][]): DirRecord {
  const { chunk, dir } = chunkRecords(ctx, chunkId, generation, entries);
  issue(tx.objectStore('chunks').put(chunk));
  issue(tx.objectStore('dirs').put(dir));
  return dir;
}

function push<K>(map: Map<K, string[]>, key: K, id: string): void {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}
