import type { Row } from '../../contracts/rows';
import type { TaskBudget } from '../yieldToMain';
import type { ChunkRecord, DirRecord, OfflineWriteTx } from './dbSchema';
import { CHUNK_ROWS } from './dbSchema';
import type { TableContext } from './rowRecords';
import { chunkRecords, headerOf, overrideRecord } from './rowRecords';
import { readChunk } from './rowReads';
import { issue } from './transactions';

/**
 * Pages smaller than this are written as overrides: a delta of a few rows costs a few records either way,
 * and overrides keep chunks from filling up with superseded copies.
 */
const MIN_CHUNKED_PAGE = 50;

/**
 * Makes `row` the visible version of `id` (`null`: no visible row). A delete only needs a tombstone when a chunk
 * still holds a copy the tombstone must hide.
 */
export function putRow(tx: OfflineWriteTx, ctx: TableContext, id: string, row: Row | null, generation: number | null): void {
  const overrides = tx.objectStore('overrides');
  if (row === null && !ctx.state.hasChunkCopy(id)) {
    if (ctx.state.overrides.has(id)) {
      issue(overrides.delete([ctx.table, id]));
      ctx.state.deleteOverride(id);
    }
    return;
  }
  const record = overrideRecord(ctx, id, row, generation);
  issue(overrides.put(record));
  ctx.state.setOverride(id, headerOf(record));
}

/** The stamp a replaced row keeps: the generation that wrote the copy it replaces, `null` for local rows. */
export function stampOf(ctx: TableContext, id: string): number | null {
  const at = ctx.state.locate(id);
  if (!at) return null;
  return at.kind === 'override' ? at.header.generation : at.generation;
}

/** A big page's chunk records, built before its transaction opens (see `prepareChunks`). */
export type PreparedChunks = { chunk: ChunkRecord; dir: DirRecord }[];

/**
 * Builds the chunk records of a page big enough to be written as chunks (`undefined` for a small page), with
 * the chunk ids the table hands out next. Runs outside the transaction, so it may yield between chunks: the
 * store runs one operation at a time, so nothing takes those ids meanwhile.
 */
export async function prepareChunks(ctx: TableContext, rows: Map<string, Row>, generation: number, budget: TaskBudget): Promise<PreparedChunks | undefined> {
  if (rows.size < MIN_CHUNKED_PAGE) return undefined;
  const entries = [...rows];
  const prepared: PreparedChunks = [];
  for (let start = 0; start < entries.length; start += CHUNK_ROWS) {
    await budget.pause();
    prepared.push(chunkRecords(ctx, ctx.state.nextChunkId + prepared.length, generation, entries.slice(start, start + CHUNK_ROWS)));
  }
  return prepared;
}

/**
 * Writes an already filtered page: big pages as the chunks `prepareChunks` built (dropping overrides they
 * supersede), small as overrides. Each chunk's `put` copies its rows on the calling thread, so a 5,000-row page
 * put at once was one long task: once `budget` is spent the write waits for the chunk before the last one put
 * (so one stays queued and the database never waits on us), and the browser runs other tasks in between. The transaction stays active
 * because it resumes from a request's success; it stays one transaction, so the page commits whole or not at all.
 */
export async function writePage(
  tx: OfflineWriteTx,
  ctx: TableContext,
  rows: Map<string, Row>,
  prepared: PreparedChunks | undefined,
  deletedIds: string[],
  generation: number,
  budget: TaskBudget,
): Promise<void> {
  if (prepared) {
    for (const id of rows.keys()) {
      if (!ctx.state.overrides.has(id)) continue;
      issue(tx.objectStore('overrides').delete([ctx.table, id]));
      ctx.state.deleteOverride(id);
    }
    let previous: Promise<unknown> | undefined;
    for (const { chunk, dir } of prepared) {
      const put = tx.objectStore('chunks').put(chunk);
      issue(put);
      issue(tx.objectStore('dirs').put(dir));
      ctx.state.addChunk(dir);
      if (previous && budget.due()) {
        await previous;
        budget.restart();
      }
      previous = put;
    }
  } else {
    for (const [id, row] of rows) putRow(tx, ctx, id, row, generation);
  }
  for (const id of deletedIds) putRow(tx, ctx, id, null, generation);
}

/**
 * Drops whole chunks of older generations and overrides of older generations, except rows with outbox entries:
 * a live row of a dropped chunk that has one moves to an override first. Answers how many visible rows went.
 */
export async function removeStaleRows(tx: OfflineWriteTx, ctx: TableContext, generation: number, pending: Set<string>): Promise<number> {
  const { state } = ctx;
  const stale = [...state.chunks.values()].filter((c) => c.generation < generation);
  const before = state.stats.rows;
  for (const record of stale) {
    const rescued = state.liveSlots(record.chunkId).filter((slot) => pending.has(record.ids[slot]));
    if (rescued.length > 0) {
      const rows = await readChunk(tx, ctx, record.chunkId);
      for (const slot of rescued) putRow(tx, ctx, record.ids[slot], rows.row(slot) ?? null, record.generation);
    }
    issue(tx.objectStore('chunks').delete([ctx.table, record.chunkId]));
    issue(tx.objectStore('dirs').delete([ctx.table, record.chunkId]));
    ctx.cache.delete(ctx.table, record.chunkId);
  }
  state.removeChunks(stale.map((c) => c.chunkId));
  for (const [id, header] of [...state.overrides]) {
    const old = header.generation !== null && header.generation < generation && !pending.has(id);
    // A tombstone whose chunk copy is gone hides nothing; one that still hides a copy must stay.
    const orphan = header.deleted && !state.hasChunkCopy(id);
    if ((old && !header.deleted) || orphan) {
      issue(tx.objectStore('overrides').delete([ctx.table, id]));
      state.deleteOverride(id);
    }
  }
  return before - state.stats.rows;
}

export function saveStats(tx: OfflineWriteTx, ctx: TableContext): void {
  issue(tx.objectStore('stats').put({ table: ctx.table, ...ctx.state.stats }));
}
