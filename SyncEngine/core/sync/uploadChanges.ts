import { AbortedError, ConflictError, type SyncEngineError, toSyncError } from '../../contracts/errors';
import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource, UploadRequest, UploadResult } from '../../contracts/RemoteSource';
import { ETAG, rowEtag, type OutboxEntry, type Row, type SyncErrorRecord } from '../../contracts/rows';
import type { OutboxLedger } from '../outbox/OutboxLedger';
import { backoffDelay } from '../util/backoff';
import { changeErrorRecord, conflictRecord } from './errorRecords';
import { serverShows } from './serverShows';

export interface UploadContext {
  remote: RemoteSource;
  store: RecordStore;
  ledger: OutboxLedger;
  host: HostEnvironment;
  tables: ReadonlyMap<string, ProfileTable>;
  conflictDetection: boolean;
  /** Transient failures of one change before it is quarantined so the rest of the queue keeps flowing. */
  maxAttempts: number;
  /** Changes per `$batch` (one per row). */
  batchSize: number;
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
  /** A change failed for good or conflicted: the engine records it in the sync error list. */
  onError(record: SyncErrorRecord): Promise<void>;
  /** A change uploaded: errors that held it are resolved. */
  onUploaded(entry: OutboxEntry): Promise<void>;
  /** A change the server did not take this time (rejected, conflicting, or failing and to be retried): telemetry. */
  onFailure?(entry: OutboxEntry, error: SyncEngineError): void;
  /** Only changes this accepts upload (the rest are someone else's to carry); all when absent. */
  accept?: (entry: OutboxEntry) => boolean;
}

/** Failures that concern the connection or the whole service, not one change: the upload phase stops. */
const GLOBAL_CODES = new Set(['network', 'unavailable', 'server-busy', 'aborted', 'auth', 'quota']);
/** Failures after which the request may or may not have been applied. */
const UNKNOWN_OUTCOME = new Set(['network', 'unavailable', 'aborted', 'malformed-response']);

/**
 * Uploads every ready change, oldest first, at most one change per row in flight. Answers how many uploaded;
 * throws the first global failure after recording what it did to each change.
 */
export async function uploadChanges(ctx: UploadContext): Promise<number> {
  let done = 0;
  const ready = (limit: number): OutboxEntry[] => {
    const { accept } = ctx;
    return accept ? ctx.ledger.ready(ctx.host.now(), Number.MAX_SAFE_INTEGER).filter((e) => accept(e)).slice(0, limit) : ctx.ledger.ready(ctx.host.now(), limit);
  };
  const total = (): number => done + ready(Number.MAX_SAFE_INTEGER).length;
  ctx.onProgress(0, total());
  for (;;) {
    if (ctx.signal.aborted) throw new AbortedError('The upload was cancelled.');
    const batch = ready(ctx.batchSize);
    if (batch.length === 0) return done;
    const results = await send(ctx, batch);
    let globalError: SyncEngineError | undefined;
    const uploaded: { entry: OutboxEntry; etag?: string }[] = [];
    for (let i = 0; i < batch.length; i++) {
      const result = results[i] ?? { kind: 'failed', error: toSyncError(new Error('No result for this change')) };
      if (result.kind === 'ok') uploaded.push({ entry: batch[i], etag: result.etag });
    }
    done += await completeAll(ctx, uploaded);
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i];
      const result = results[i] ?? { kind: 'failed', error: toSyncError(new Error('No result for this change')) };
      if (result.kind === 'ok') continue;
      const settled = await settle(ctx, entry, result);
      if (settled.state === 'uploaded') done++;
      if (settled.stop) globalError ??= settled.stop;
    }
    ctx.onProgress(done, total());
    if (globalError) throw globalError;
  }
}

/** Settles uploaded changes: one store transaction for the lot where the store can, then the in-memory queue. */
async function completeAll(ctx: UploadContext, uploaded: readonly { entry: OutboxEntry; etag?: string }[]): Promise<number> {
  if (uploaded.length === 0) return 0;
  const completions = uploaded.map(({ entry, etag }) => ({ seq: entry.seq, etag }));
  if (ctx.store.completeOutboxMany) await ctx.store.completeOutboxMany(completions);
  else for (const c of completions) await ctx.store.completeOutbox(c.seq, c.etag);
  for (const { entry, etag } of uploaded) {
    ctx.ledger.remove(entry.seq);
    // The store moved the row's later changes onto the new etag; the in-memory copies must follow, or the next
    // change of the row would conflict with this one.
    if (etag !== undefined) {
      for (const later of ctx.ledger.forRow(entry.table, entry.rowId)) ctx.ledger.update({ ...later, baseEtag: etag });
    }
    await ctx.onUploaded(entry);
  }
  return uploaded.length;
}

async function send(ctx: UploadContext, batch: OutboxEntry[]): Promise<UploadResult[]> {
  const requests = batch.map((entry) => toRequest(ctx, entry));
  try {
    if (ctx.remote.uploadBatch && requests.length > 1) return await ctx.remote.uploadBatch(requests, ctx.signal);
    const results: UploadResult[] = [];
    for (const request of requests) {
      const result = await ctx.remote.upload(request, ctx.signal);
      results.push(result);
      if (result.kind === 'failed' && GLOBAL_CODES.has(result.error.code)) break;
    }
    return results;
  } catch (error) {
    // The request as a whole failed: every change in it is still pending, none was attempted for sure.
    const failure = toSyncError(error);
    return batch.map(() => ({ kind: 'failed', error: failure }));
  }
}

function toRequest(ctx: UploadContext, entry: OutboxEntry): UploadRequest {
  const table = ctx.tables.get(entry.table);
  const useIfMatch = ctx.conflictDetection && entry.op !== 'create' && entry.baseEtag !== undefined;
  return {
    entry,
    entitySet: table?.entitySet ?? entry.table,
    primaryId: table?.primaryId ?? `${entry.table}id`,
    ifMatch: useIfMatch ? entry.baseEtag : undefined,
  };
}

/** What became of one change; `stop` when its failure concerns the connection or the service, not the change. */
interface Settled {
  state: 'uploaded' | 'held' | 'retry';
  stop?: SyncEngineError;
}

async function settle(ctx: UploadContext, entry: OutboxEntry, result: UploadResult): Promise<Settled> {
  if (result.kind === 'ok') {
    await completeAll(ctx, [{ entry, etag: result.etag }]);
    return { state: 'uploaded' };
  }
  if (result.kind === 'conflict') {
    const table = ctx.tables.get(entry.table);
    // The server answers the whole row; the device keeps (and the user compares) the profile's columns only.
    const serverRow = result.serverRow && table ? onlyColumns(result.serverRow, table.columns) : result.serverRow;
    if (entry.uncertain === true && alreadyApplied(entry, serverRow, table?.primaryId)) {
      // An earlier attempt landed but its answer was lost: the server holds exactly this change.
      return settle(ctx, entry, { kind: 'ok', etag: serverRow ? rowEtag(serverRow) : undefined });
    }
    await serverWins(ctx, entry, serverRow);
    ctx.onFailure?.(entry, new ConflictError('The row changed on the server.'));
    return { state: 'held' };
  }
  if (entry.op === 'create' && result.error.code === 'already-exists') return duplicateCreate(ctx, entry, result.error);
  return failed(ctx, entry, result.error);
}

/**
 * The server refused a create as a duplicate. It is this change's own earlier attempt (its answer lost, or the page
 * closed before it came) only when the row with this id shows this change's values; otherwise the id or an alternate
 * key belongs to someone else's row, and taking it for ours would silently swap the user's row for theirs. Then it is
 * a sync error ("record already exists") and the user's values stay on the device for Retry or Discard.
 */
async function duplicateCreate(ctx: UploadContext, entry: OutboxEntry, error: SyncEngineError): Promise<Settled> {
  const table = ctx.tables.get(entry.table);
  let serverRow: Row | null = null;
  if (table) {
    try {
      serverRow = await ctx.remote.retrieveRecord(table, entry.rowId, undefined, ctx.signal);
    } catch (readError) {
      // Whose row it is cannot be told now: after a passing failure the create is looked at again later; after a
      // lasting one it stays unproven, so the duplicate stands.
      const failure = toSyncError(readError);
      return failed(ctx, entry, failure.transient ? failure : error);
    }
  }
  if (serverRow && serverShows(serverRow, entry.data ?? {}, table?.primaryId) !== false) {
    return settle(ctx, entry, { kind: 'ok', etag: rowEtag(serverRow) });
  }
  return failed(ctx, entry, error);
}

/** Conflict detection on: the server version replaces the device's, and the conflict keeps both. */
async function serverWins(ctx: UploadContext, entry: OutboxEntry, serverRow: Row | null): Promise<void> {
  const deviceRow = await ctx.store.getRow(entry.table, entry.rowId);
  // Later edits of the same row were made on top of the version the server overwrote: they go with it.
  for (const sibling of ctx.ledger.forRow(entry.table, entry.rowId)) {
    if (sibling.op === 'create' || sibling.op === 'update' || sibling.op === 'delete') {
      await ctx.store.discardOutbox(sibling.seq, serverRow);
      ctx.ledger.remove(sibling.seq);
    }
  }
  await ctx.onError(conflictRecord(ctx.host.newId(), entry, deviceRow, serverRow, ctx.host.now()));
}

/** The profile's columns of the row, with their annotations (formatted values the conflict comparison shows). */
function onlyColumns(row: Row, columns: readonly string[]): Row {
  const wanted = new Set(columns);
  const kept: Row = { [ETAG]: row[ETAG] };
  for (const [key, value] of Object.entries(row)) {
    const at = key.indexOf('@');
    if (wanted.has(at > 0 ? key.slice(0, at) : key)) kept[key] = value;
  }
  return kept;
}

/**
 * The server row already has every value this update sets. Only asked after a lost answer; a coinciding edit by
 * someone else is then taken for ours (documented limit).
 */
function alreadyApplied(entry: OutboxEntry, serverRow: Row | null, primaryId: string | undefined): boolean {
  if (entry.op === 'delete') return serverRow === null;
  if (entry.op !== 'update' || !serverRow || !entry.data) return false;
  return serverShows(serverRow, entry.data, primaryId) === true;
}

async function failed(ctx: UploadContext, entry: OutboxEntry, error: SyncEngineError): Promise<Settled> {
  // The connection or the service failed, not this change: it keeps its place and its attempt count; the
  // scheduler backs off the whole pass (honouring Retry-After). When the answer was lost, the change may have
  // landed: a later 412 is then checked against the server row before it is called a conflict.
  if (GLOBAL_CODES.has(error.code)) {
    if (UNKNOWN_OUTCOME.has(error.code) && entry.uncertain !== true) await persist(ctx, { ...entry, uncertain: true });
    return { state: 'retry', stop: error };
  }
  ctx.onFailure?.(entry, error);
  const attempts = entry.attempts + 1;
  const base = { ...entry, attempts, lastErrorCode: error.code, lastErrorMessage: error.message, uncertain: entry.uncertain === true || UNKNOWN_OUTCOME.has(error.code) };
  if (error.transient && attempts < ctx.maxAttempts) {
    const delay = backoffDelay(attempts, ctx.host.random(), error.retryAfterMs);
    await persist(ctx, { ...base, notBefore: ctx.host.now() + delay });
    return { state: 'retry' };
  }
  const held: OutboxEntry = { ...base, state: error.transient ? 'quarantined' : 'failed', notBefore: undefined };
  await persist(ctx, held);
  await ctx.onError(changeErrorRecord(ctx.host.newId(), held, error, ctx.host.now()));
  return { state: 'held' };
}

async function persist(ctx: UploadContext, entry: OutboxEntry): Promise<void> {
  await ctx.store.updateOutbox(entry);
  ctx.ledger.update(entry);
}
