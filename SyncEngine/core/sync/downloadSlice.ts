import { toSyncError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import type { TableMeta } from '../../contracts/RecordStore';
import type { FetchXmlPageRequest } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import { condition, idsOnly, withCondition } from '../fetchxml/editFetchXml';
import { asked, inFlight, type DownloadContext, type DownloadResult } from './downloadTable';

/**
 * How far before the last download's start a delta asks for changed rows. Dataverse stamps `modifiedon` when a
 * write commits, so a row written while the last download ran may carry a time just before its first answer; the
 * margin takes those again (a few rows, read twice) rather than miss one.
 */
export const WATERMARK_MARGIN_MS = 2 * 60_000;
/** Ids per `in` condition when rows that entered the slice are read by id: a URL well inside 32,768 characters. */
const IDS_PER_READ = 250;

export interface SliceResult extends DownloadResult {
  /** Bytes of the ids-only check of the slice, reported apart from the rows. */
  idsBytes: number;
}

/**
 * Keeps a table's device copy equal to its slice on the server, where `slice` is the FetchXML that selects it
 * (profile filters and related rows rendered for the server). What is fetched when, and why nothing is missed:
 *
 * - **First (or forced) download**: the slice itself, paged by cookie; rows of earlier generations that it did
 *   not bring are removed at the end (rows with queued changes stay until they upload). The watermark is the
 *   server's time at the first answer, less `WATERMARK_MARGIN_MS`.
 * - **Delta**, three reads:
 *   1. *Changed rows inside the slice*: the slice with `modifiedon ge watermark`. A row changed since the last
 *      sync that still belongs to the slice comes here, whatever changed (its own columns, its owner).
 *   2. *The slice's ids* (primary key only, each once). It is the server's answer to "which rows belong now", so
 *      device ids not in it left the slice (deleted, owner changed, filter no longer matches, a parent left —
 *      the server evaluates the link-entities), and are removed.
 *   3. *Rows that entered without changing* (a parent arrived, a view's date window moved): ids in (2) neither on
 *      the device nor read in (1), read by id through the slice query.
 *   After the three, the device holds exactly the rows of (2), each at least as new as the watermark allows.
 *   Bytes of (1) and (3) follow the changes; (2) follows the slice's size, never the org's, and is reported as
 *   `idsBytes`.
 * Queued changes are never lost: the store keeps a row with outbox entries whatever a page says, so a change to a
 * row that left the slice still uploads, and the next delta removes the row.
 */
export async function downloadSlice(ctx: DownloadContext, table: ProfileTable, slice: string, forceFull: boolean): Promise<SliceResult> {
  const stored = await ctx.store.getMeta(table.logicalName);
  const meta: TableMeta = stored ?? { table: table.logicalName, generation: 0, initialComplete: false };
  const full = forceFull || !meta.initialComplete || meta.watermark === undefined || meta.fullDownloadInProgress === true;
  return full ? fullSlice(ctx, table, slice, meta, forceFull) : deltaSlice(ctx, table, slice, meta);
}

async function fullSlice(ctx: DownloadContext, table: ProfileTable, slice: string, stored: TableMeta, forceFull: boolean): Promise<SliceResult> {
  const resuming = stored.fullDownloadInProgress === true && !forceFull;
  let meta: TableMeta = resuming ? stored : { ...stored, generation: stored.generation + 1, fullDownloadInProgress: true, resumeCursor: undefined, rowsInProgress: 0 };
  const mode = stored.initialComplete ? 'FORCED_SYNC' : 'FIRST_SYNC';
  const result: SliceResult = { mode, rows: 0, removed: 0, bytes: 0, idsBytes: 0 };
  let cursor = meta.resumeCursor;
  let started = meta.watermark !== undefined && resuming ? meta.watermark + WATERMARK_MARGIN_MS : undefined;
  // A download from its start asks the server to count the slice with its first page (up to 5,000 rows).
  const request = (at: FetchXmlPageRequest['cursor']): ReturnType<typeof fetchPage> =>
    inFlight(fetchPage(ctx, { table, fetchXml: slice, cursor: at, pageSize: ctx.pageSize, signal: ctx.signal, ...(at === undefined ? { countTotal: true } : {}) }));
  let next: ReturnType<typeof fetchPage> | undefined;
  let expected: number | undefined;
  for (;;) {
    const page = await (next ?? request(cursor));
    // The next page is on its way while this one is written (`DownloadContext.lookahead`).
    next = page.next && ctx.lookahead === true ? request(page.next) : undefined;
    started ??= page.serverTime ?? ctx.host.now();
    result.rows += page.rows.length;
    result.bytes += page.bytes;
    meta = { ...meta, resumeCursor: page.next, watermark: started - WATERMARK_MARGIN_MS, rowsInProgress: (meta.rowsInProgress ?? 0) + page.rows.length };
    await ctx.store.applyPage(table.logicalName, { rows: page.rows, deletedIds: [], generation: meta.generation }, meta);
    expected ??= page.totalCount;
    await ctx.onPage({ table: table.logicalName, mode, rows: result.rows, bytes: result.bytes, ...(expected === undefined ? {} : { expected }) });
    if (!page.next) break;
    cursor = page.next;
  }
  const finished: TableMeta = {
    table: table.logicalName,
    generation: meta.generation,
    initialComplete: true,
    watermark: meta.watermark,
    lastSyncedAt: ctx.host.now(),
    shape: meta.shape,
    ...(meta.changeTrackingOff === true ? { changeTrackingOff: true } : {}),
  };
  result.removed = await ctx.store.removeStale(table.logicalName, meta.generation, finished);
  return result;
}

async function deltaSlice(ctx: DownloadContext, table: ProfileTable, slice: string, meta: TableMeta): Promise<SliceResult> {
  const result: SliceResult = { mode: 'DELTA_SYNC', rows: 0, removed: 0, bytes: 0, idsBytes: 0 };
  const since = new Date(meta.watermark ?? 0).toISOString();
  const changed = await readAll(ctx, table, withCondition(slice, condition('modifiedon', 'ge', [since])), result, 'bytes');
  const started = changed.serverTime ?? ctx.host.now();
  const current = await readAll(ctx, table, idsOnly(slice, table.primaryId), result, 'idsBytes');
  const inSlice = new Set(current.rows.map((row) => idOf(row, table)));
  const changedIds = new Set(changed.rows.map((row) => idOf(row, table)));
  // Keys compare without case, as Dataverse compares GUIDs; removals name the ids as the device holds them.
  const onDevice = new Map((await ctx.store.listIds(table.logicalName)).map((id) => [id.toLowerCase(), id]));
  const left = [...onDevice].filter(([key]) => !inSlice.has(key)).map(([, id]) => id);
  const entered = [...inSlice].filter((id) => !onDevice.has(id) && !changedIds.has(id));
  const arrived: Row[] = [];
  for (let start = 0; start < entered.length; start += IDS_PER_READ) {
    const ids = entered.slice(start, start + IDS_PER_READ);
    arrived.push(...(await readAll(ctx, table, withCondition(slice, condition(table.primaryId, 'in', ids)), result, 'bytes')).rows);
  }
  const rows = [...changed.rows, ...arrived];
  const finished: TableMeta = { ...meta, watermark: started - WATERMARK_MARGIN_MS, lastSyncedAt: ctx.host.now(), resumeCursor: undefined };
  await ctx.store.applyPage(table.logicalName, { rows, deletedIds: left, generation: meta.generation }, finished);
  result.rows = rows.length;
  result.removed = left.length;
  await ctx.onPage({ table: table.logicalName, mode: 'DELTA_SYNC', rows: result.rows, bytes: result.bytes });
  return result;
}

/** Every page of a query; the bytes go to the result's `counter`. */
async function readAll(ctx: DownloadContext, table: ProfileTable, fetchXml: string, result: SliceResult, counter: 'bytes' | 'idsBytes'): Promise<{ rows: Row[]; serverTime?: number }> {
  const rows: Row[] = [];
  let cursor: FetchXmlPageRequest['cursor'];
  let serverTime: number | undefined;
  for (;;) {
    const page = await fetchPage(ctx, { table, fetchXml, cursor, pageSize: ctx.pageSize, signal: ctx.signal });
    serverTime ??= page.serverTime;
    rows.push(...page.rows);
    result[counter] += page.bytes;
    if (!page.next) return { rows, serverTime };
    cursor = page.next;
  }
}

async function fetchPage(ctx: DownloadContext, request: FetchXmlPageRequest): ReturnType<NonNullable<DownloadContext['remote']['fetchXmlPage']>> {
  const read = ctx.remote.fetchXmlPage?.bind(ctx.remote);
  if (!read) throw toSyncError(new TypeError('This service cannot be asked for a FetchXML slice.'));
  return asked(ctx, () => read(request));
}

function idOf(row: Row, table: ProfileTable): string {
  const id = row[table.primaryId];
  return typeof id === 'string' ? id.toLowerCase() : String(id);
}
