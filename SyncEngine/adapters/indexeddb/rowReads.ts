import type { RowQuery } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import { ChunkRows } from './ChunkRows';
import type { OfflineTx } from './dbSchema';
import { tableRange } from './dbSchema';
import type { TableContext } from './rowRecords';

/** A transaction, or how to open one when a read needs the database (a cached chunk needs none). */
export type TxSource = OfflineTx | (() => OfflineTx);

function txOf(source: TxSource): OfflineTx {
  return typeof source === 'function' ? source() : source;
}

/** The visible version of a row (override, else chunk copy) as a fresh object the caller owns. */
export async function readRow(source: TxSource, ctx: TableContext, id: string): Promise<Row | null> {
  const at = ctx.state.locate(id);
  if (!at) return null;
  if (at.kind === 'override') {
    if (at.header.deleted) return null;
    const record = await txOf(source).objectStore('overrides').get([ctx.table, id]);
    return record?.row ?? null;
  }
  const rows = await readChunk(source, ctx, at.chunkId);
  return rows.row(at.slot) ?? null;
}

export async function readChunk(source: TxSource, ctx: TableContext, chunkId: number): Promise<ChunkRows> {
  const cached = ctx.cache.get(ctx.table, chunkId);
  if (cached) return cached;
  const record = await txOf(source).objectStore('chunks').get([ctx.table, chunkId]);
  const rows = ChunkRows.of(record, (slot, detail) => {
    ctx.damage.note(ctx.table, `chunk:${chunkId}:${slot}`, detail);
  });
  ctx.cache.set(ctx.table, chunkId, rows);
  return rows;
}

/**
 * Answers a query through the column's index when there is one (reading only the chunks that hold matches),
 * otherwise by scanning overrides and then the live slots of every chunk, stopping at `limit`.
 */
export async function queryTable(tx: OfflineTx, ctx: TableContext, query: RowQuery): Promise<Row[]> {
  const limit = query.limit ?? Infinity;
  const found: Row[] = [];
  // Every row read here is a fresh copy (`readRow`, `ChunkRows.row`, the overrides' getAll): found rows are handed out as they are.
  const accept = (row: Row): boolean => {
    if (query.equals && (row[query.equals.column] ?? null) !== query.equals.value) return false;
    if (query.indexed && !query.indexed.matches(row[query.indexed.column] ?? null)) return false;
    if (query.where && !query.where(row)) return false;
    found.push(row);
    return found.length >= limit;
  };
  if (limit <= 0) return found;
  const { indexed } = query;
  const candidates =
    (query.equals && ctx.state.lookup(query.equals.column, query.equals.value)) ??
    (indexed && ctx.state.matching(indexed.column, (value) => indexed.matches(value)));
  if (candidates && limit !== Infinity) {
    // A page of a view: the first matches in index order, a chunk at a time through the cache.
    for (const id of candidates) {
      const row = await readRow(tx, ctx, id);
      if (row && accept(row)) break;
    }
    return found;
  }
  if (candidates) {
    const { overrides, chunks } = groupByChunk(ctx, candidates);
    for (const id of overrides) {
      const row = await readRow(tx, ctx, id);
      if (row && accept(row)) return found;
    }
    await eachChunk(tx, ctx, [...chunks.keys()], (chunkId, rows) => (chunks.get(chunkId) ?? []).some((slot) => visitSlot(rows, slot, accept)));
    return found;
  }
  const overrides = await tx.objectStore('overrides').getAll(tableRange(ctx.table));
  for (const { row } of overrides) if (row && accept(row)) return found;
  const live = [...ctx.state.chunks.keys()].map((chunkId) => ({ chunkId, slots: ctx.state.liveSlots(chunkId) })).filter((chunk) => chunk.slots.length > 0);
  const slotsOf = new Map(live.map((chunk) => [chunk.chunkId, chunk.slots]));
  await eachChunk(tx, ctx, [...slotsOf.keys()], (chunkId, rows) => (slotsOf.get(chunkId) ?? []).some((slot) => visitSlot(rows, slot, accept)));
  return found;
}

/** Candidate ids split into those with an override and, per chunk, the slots of those whose copy is there. */
function groupByChunk(ctx: TableContext, ids: readonly string[]): { overrides: string[]; chunks: Map<number, number[]> } {
  const overrides: string[] = [];
  const chunks = new Map<number, number[]>();
  for (const id of ids) {
    const at = ctx.state.locate(id);
    if (!at) continue;
    if (at.kind === 'override') {
      overrides.push(id);
      continue;
    }
    const slots = chunks.get(at.chunkId);
    if (slots) slots.push(at.slot);
    else chunks.set(at.chunkId, [at.slot]);
  }
  return { overrides, chunks };
}

/** How many chunk reads are in flight at once: IndexedDB answers them while the page decodes the previous ones. */
const READ_AHEAD = 8;

/**
 * Visits chunks in order, reading up to `READ_AHEAD` of them at once, until `visit` answers true. Waiting on
 * IndexedDB, not decoding, is most of a chunk read, so overlapping the reads is most of the gain.
 */
async function eachChunk(tx: OfflineTx, ctx: TableContext, chunkIds: readonly number[], visit: (chunkId: number, rows: ChunkRows) => boolean): Promise<void> {
  // The window grows from one chunk, so a query that stops early (a limit) reads at most twice what it needs.
  for (let start = 0, window = 1; start < chunkIds.length; start += window, window = Math.min(window * 2, READ_AHEAD)) {
    const batch = chunkIds.slice(start, start + window);
    const read = await Promise.all(batch.map((chunkId) => readChunk(tx, ctx, chunkId)));
    for (const [index, chunkId] of batch.entries()) if (visit(chunkId, read[index])) return;
  }
}

/** Hands the row in `slot` to `accept`; an empty slot (a chunk that lost it) is skipped. */
function visitSlot(rows: ChunkRows, slot: number, accept: (row: Row) => boolean): boolean {
  const row = rows.row(slot);
  return row !== undefined && accept(row);
}
