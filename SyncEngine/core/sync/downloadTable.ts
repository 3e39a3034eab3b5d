import { DeltaExpiredError, toSyncError } from '../../contracts/errors';
import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore, TableMeta } from '../../contracts/RecordStore';
import type { RemotePage, RemoteSource } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import type { DataSyncMode } from '../../contracts/telemetry';
import type { RowPredicate } from '../profile/rowFilter';

export interface DownloadContext {
  remote: RemoteSource;
  store: RecordStore;
  host: HostEnvironment;
  pageSize: number;
  signal: AbortSignal;
  /** `expected`: rows this download brings in all, when the server counted them (a slice's first page). */
  onPage(progress: { table: string; mode: DataSyncMode; rows: number; bytes: number; expected?: number }): Promise<void>;
  /**
   * Ask for the next page while the current one is written (`EngineOptions.pageLookahead`): on a link where the
   * server takes most of a second per page, the write no longer adds to it. Off: one page at a time.
   */
  lookahead?: boolean;
  /**
   * Resolves when a request may go out (the server's Retry-After for the pass has run out; `BusyGate`); nothing
   * when it may go now, so the request leaves in the same turn.
   */
  gate?: () => Promise<void> | undefined;
}

/**
 * Starts a request whose answer may be awaited later, or never (the page before it failed to apply): its failure
 * is then nobody's, and must not surface as an unhandled rejection.
 */
export function inFlight<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}

/** Makes a request once the pass's gate lets it go out. */
export async function asked<T>(ctx: DownloadContext, call: () => Promise<T>): Promise<T> {
  const wait = ctx.gate?.();
  if (wait) await wait;
  return call();
}

export interface DownloadResult {
  mode: DataSyncMode;
  /** Rows written (new or changed). */
  rows: number;
  /** Rows removed: server deletes, rows that left the filter, and stale rows after a full download. */
  removed: number;
  bytes: number;
  /**
   * A full download that asked for change tracking ended without a delta link: the server ignored
   * `odata.track-changes` (the table's "Track changes" is off, said the quiet way).
   */
  untracked?: boolean;
}

/**
 * Downloads one table: a full download with change tracking the first time (or when forced, or when the delta
 * link expired), a delta otherwise. Each page lands in one store transaction together with the resume point,
 * so a crash resumes from the last applied page. `track: false` (the table's change tracking is off): a full
 * download by plain query, every time.
 */
export async function downloadTable(
  ctx: DownloadContext,
  table: ProfileTable,
  predicate: RowPredicate | null,
  forceFull: boolean,
  track = true,
): Promise<DownloadResult> {
  const stored = await ctx.store.getMeta(table.logicalName);
  let meta: TableMeta = stored ?? { table: table.logicalName, generation: 0, initialComplete: false };
  const resuming = meta.resumeLink !== undefined || meta.fullDownloadInProgress === true;
  let full = isFull(meta, forceFull || !track);
  const mode = downloadMode(meta, forceFull);
  if (full && !(resuming && meta.fullDownloadInProgress)) meta = startFull(meta);
  let link = resuming ? meta.resumeLink : full ? undefined : meta.deltaLink;
  const result: DownloadResult = { mode, rows: 0, removed: 0, bytes: 0 };

  const request = (at: string | undefined): Promise<RemotePage> =>
    inFlight(asked(ctx, () => ctx.remote.fetchPage({ table, link: at, pageSize: ctx.pageSize, signal: ctx.signal, ...(track ? {} : { track }) })));
  let next: Promise<RemotePage> | undefined;
  for (;;) {
    let page: RemotePage;
    try {
      page = await (next ?? request(link));
    } catch (error) {
      next = undefined;
      if (error instanceof DeltaExpiredError && !full) {
        // The server forgot our place: download this table again in full; other tables are unaffected.
        full = true;
        meta = startFull(meta);
        link = undefined;
        continue;
      }
      throw toSyncError(error);
    }
    const { keep, drop } = partition(page.rows, table, predicate);
    const deletedIds = [...page.deletedIds, ...drop];
    result.rows += keep.length;
    result.removed += deletedIds.length;
    result.bytes += page.bytes;
    const progress = (meta.rowsInProgress ?? 0) + keep.length;
    next = undefined;
    if (page.nextLink) {
      // The next page is on its way while this one is written; a crash still resumes from this one's next link.
      if (ctx.lookahead === true) next = request(page.nextLink);
      meta = { ...meta, resumeLink: page.nextLink, rowsInProgress: progress };
      await ctx.store.applyPage(table.logicalName, { rows: keep, deletedIds, generation: meta.generation }, meta);
      await ctx.onPage({ table: table.logicalName, mode, rows: result.rows, bytes: result.bytes });
      link = page.nextLink;
      continue;
    }
    const finished = finish(meta, page.deltaLink, ctx.host.now());
    if (full && track && page.deltaLink === undefined) result.untracked = true;
    if (full) {
      await ctx.store.applyPage(table.logicalName, { rows: keep, deletedIds, generation: meta.generation }, { ...meta, resumeLink: undefined });
      result.removed += await ctx.store.removeStale(table.logicalName, meta.generation, finished);
    } else {
      await ctx.store.applyPage(table.logicalName, { rows: keep, deletedIds, generation: meta.generation }, finished);
    }
    await ctx.onPage({ table: table.logicalName, mode, rows: result.rows, bytes: result.bytes });
    return result;
  }
}

/** How a table's download will run, known before its first request (so the status can say so at once). */
export function downloadMode(meta: TableMeta | undefined, forceFull: boolean): DataSyncMode {
  // A full download of a table already on the device (refresh, or a dropped delta link) is a forced sync.
  if (!meta?.initialComplete) return 'FIRST_SYNC';
  // A sliced table goes on from its watermark (downloadSlice), a whole one from its delta link.
  const goesOn = meta.deltaLink !== undefined || meta.watermark !== undefined;
  return forceFull || !goesOn || meta.fullDownloadInProgress === true ? 'FORCED_SYNC' : 'DELTA_SYNC';
}

function isFull(meta: TableMeta, forceFull: boolean): boolean {
  return forceFull || !meta.initialComplete || !meta.deltaLink || meta.fullDownloadInProgress === true;
}

function startFull(meta: TableMeta): TableMeta {
  return { ...meta, generation: meta.generation + 1, fullDownloadInProgress: true, resumeLink: undefined, rowsInProgress: 0 };
}

function finish(meta: TableMeta, deltaLink: string | undefined, now: number): TableMeta {
  return {
    table: meta.table,
    generation: meta.generation,
    initialComplete: true,
    deltaLink,
    lastSyncedAt: now,
    shape: meta.shape,
    // Tracking that answered a delta link is on again; until then the table stays on its query path.
    ...(meta.changeTrackingOff === true && deltaLink === undefined ? { changeTrackingOff: true } : {}),
  };
}

function partition(rows: Row[], table: ProfileTable, predicate: RowPredicate | null): { keep: Row[]; drop: string[] } {
  if (!predicate) return { keep: rows, drop: [] };
  const keep: Row[] = [];
  const drop: string[] = [];
  for (const row of rows) {
    if (predicate(row)) keep.push(row);
    else {
      const id = row[table.primaryId];
      if (typeof id === 'string') drop.push(id);
    }
  }
  return { keep, drop };
}
