import type { RowQuery } from '../../contracts/RecordStore';
import type { Row } from '../../contracts/rows';
import type { OfflineTx } from './dbSchema';
import { tableRange } from './dbSchema';
import type { TableContext } from './rowRecords';

/** The visible version of a row (override, else chunk copy), not cloned: callers clone what they hand out. */
export async function readRow(tx: OfflineTx, ctx: TableContext, id: string): Promise<Row | null> {
  const at = ctx.state.locate(id);
  if (!at) return null;
  if (at.kind === 'override') {
    if (at.header.deleted) return null;
    const record = await tx.objectStore('overrides').get([ctx.table, id]);
    return record?.row ?? null;
  }
  const rows = await readChunk(tx, ctx, at.chunkId);
  return rows[at.slot] ?? null;
}

export async function readChunk(tx: OfflineTx, ctx: TableContext, chunkId: number): Promise<Row[]> {
  const cached = ctx.cache.get(ctx.table, chunkId);
  if (cached) return cached;
  const record = await tx.objectStore('chunks').get([ctx.table, chunkId]);
  const rows = record?.rows ?? [];
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
  const accept = (row: Row): boolean => {
    if (query.equals && (row[query.equals.column] ?? null) !== query.equals.value) return false;
    if (query.where && !query.where(row)) return false;
    found.push(structuredClone(row));
    return found.length >= limit;
  };
  if (limit <= 0) return found;
  const candidates = query.equals && ctx.state.lookup(query.equals.column, query.equals.value);
  if (candidates) {
    for (const id of candidates) {
      const row = await readRow(tx, ctx, id);
      if (row && accept(row)) break;
    }
    return found;
  }
  const overrides = await tx.objectStore('overrides').getAll(tableRange(ctx.table));
  for (const { row } of overrides) if (row && accept(row)) return found;
  for (const chunkId of ctx.state.chunks.keys()) {
    const slots = ctx.state.liveSlots(chunkId);
    if (slots.length === 0) continue;
    const rows = await readChunk(tx, ctx, chunkId);
    for (const slot of slots) if (accept(rows[slot])) return found;
  }
  return found;
}
