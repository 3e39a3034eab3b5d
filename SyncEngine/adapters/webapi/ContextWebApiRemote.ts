import { ConfigError, RecordNotFoundError, type SyncEngineError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import type { PageRequest, RemotePage, RemoteSource, UploadRequest, UploadResult } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import { clientApiError } from './clientApiErrors';
import { stopsThePass } from './httpErrors';
import { decodeLink, encodeLink, firstPageQuery, latestModifiedOn, queryOf } from './modifiedOnLink';
import { DEFAULT_TIMEOUT_MS } from './ODataHttp';
import { withDeadline } from './withDeadline';

/** The part of PCF `context.webAPI` / `Xrm.WebApi.online` this adapter uses. Tables are named by logical name. */
export interface ClientWebApi {
  createRecord(entityLogicalName: string, data: Record<string, unknown>): Promise<unknown>;
  updateRecord(entityLogicalName: string, id: string, data: Record<string, unknown>): Promise<unknown>;
  deleteRecord(entityLogicalName: string, id: string): Promise<unknown>;
  retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Record<string, unknown>>;
  retrieveMultipleRecords(
    entityLogicalName: string,
    options?: string,
    maxPageSize?: number,
  ): Promise<{ entities: Record<string, unknown>[]; nextLink?: string }>;
}

export interface ContextWebApiRemoteOptions {
  webAPI: ClientWebApi;
  /** Per call; the call itself cannot be cancelled, only waited for less. Default 30000. */
  timeoutMs?: number;
}

/**
 * `RemoteSource` over PCF `context.webAPI` (or `Xrm.WebApi.online`) for hosts where the control cannot call the
 * Web API with `fetch`. The client API offers neither change tracking nor request headers, which limits it:
 *
 * - **Downloads are incremental by `modifiedon`**: a full download orders by `modifiedon`, each delta asks for
 *   `modifiedon gt <latest seen>`. State lives in the opaque links. A row changed in the same second as the latest
 *   one seen, but committed after the page was read, waits for its next change.
 * - **No server deletes**: deleted rows are never reported (`deletedIds` is always empty); they leave the device
 *   only through a full re-download.
 * - **No conflict detection**: `If-Match` cannot be sent, so `ifMatch` is ignored and the device wins. Before an
 *   update the row's existence is checked, so an update of a row deleted on the server fails as "record not found"
 *   instead of re-creating it (the client API's PATCH would upsert); a deletion racing that check still wins.
 * - **No file columns**: file content needs a binary request; `fileAdd`/`fileRemove` fail with `ConfigError`.
 *   Images go as base64 in an update.
 * - **No `Retry-After`**: a throttled call answers `ServerBusyError` without `retryAfterMs`.
 * - **No `$batch`**: `uploadBatch` is absent, so the engine uploads one by one.
 */
export class ContextWebApiRemote implements RemoteSource {
  private readonly api: ClientWebApi;
  private readonly timeoutMs: number;

  constructor(options: ContextWebApiRemoteOptions) {
    this.api = options.webAPI;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async fetchPage(request: PageRequest): Promise<RemotePage> {
    const { table, pageSize, signal } = request;
    const state = request.link === undefined ? {} : decodeLink(request.link);
    const columns = withColumns(table, ['modifiedon']);
    const options = state.next ?? firstPageQuery(columns, state.since);
    const result = await this.call(this.api.retrieveMultipleRecords(table.logicalName, options, pageSize), signal);
    const max = latestModifiedOn(result.entities, state.max);
    const page: RemotePage = { rows: result.entities, deletedIds: [], bytes: byteLength(result.entities) };
    if (result.nextLink) page.nextLink = encodeLink({ next: queryOf(result.nextLink), since: state.since, max });
    else page.deltaLink = encodeLink({ since: max ?? state.since });
    return page;
  }

  /** Per-change failures answer `failed`; failures of the connection or session throw, as with the Web API. */
  async upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult> {
    try {
      await this.send(request, signal);
      return { kind: 'ok' };
    } catch (error) {
      const failure = clientApiError(error);
      if (stopsThePass(failure)) throw failure;
      const { op } = request.entry;
      // A delete of a row already gone. A create answered "already exists" goes to the engine, which reads the row.
      if (op === 'delete' && failure.code === 'record-not-found') return { kind: 'ok' };
      return { kind: 'failed', error: failure };
    }
  }

  async retrieveRecord(table: ProfileTable, id: string, select?: string[], signal?: AbortSignal): Promise<Row | null> {
    const options = select && select.length > 0 ? `?$select=${select.join(',')}` : undefined;
    try {
      return await this.call(this.api.retrieveRecord(table.logicalName, id, options), signal);
    } catch (error) {
      const failure = clientApiError(error);
      if (failure.code === 'record-not-found') return null;
      throw failure;
    }
  }

  /** `options` is a query string, or a `nextLink` from an earlier answer (its query is followed). */
  async retrieveMultiple(table: ProfileTable, options: string, signal?: AbortSignal): Promise<{ rows: Row[]; nextLink?: string }> {
    const query = /^https?:/i.test(options) ? queryOf(options) : options;
    const result = await this.call(this.api.retrieveMultipleRecords(table.logicalName, query), signal);
    return result.nextLink ? { rows: result.entities, nextLink: result.nextLink } : { rows: result.entities };
  }

  /** Reads one organisation id: every user may read the organisation table. */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.call(this.api.retrieveMultipleRecords('organization', '?$select=organizationid', 1), signal);
  }

  private async send(request: UploadRequest, signal?: AbortSignal): Promise<void> {
    const { entry, primaryId } = request;
    const { table, rowId } = entry;
    switch (entry.op) {
      case 'create':
        await this.call(this.api.createRecord(table, { ...entry.data, [primaryId]: rowId }), signal);
        return;
      case 'update':
        await this.updateExisting(request, withoutKeys(entry.data, primaryId), signal);
        return;
      case 'delete':
        await this.call(this.api.deleteRecord(table, rowId), signal);
        return;
      case 'imageAdd':
      case 'imageRemove': {
        const column = entry.attachment?.column;
        if (!column) throw new ConfigError(`The ${entry.op} change of ${rowId} names no column.`);
        const value = entry.op === 'imageAdd' ? (entry.attachment?.base64 ?? null) : null;
        await this.updateExisting(request, { [column]: value }, signal);
        return;
      }
      case 'fileAdd':
      case 'fileRemove':
        throw new ConfigError('File columns cannot be uploaded through the client API; use the Web API adapter.');
    }
  }

  /** The client API's update is an upsert; checking first keeps a row deleted on the server from coming back. */
  private async updateExisting(request: UploadRequest, data: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    const { table, rowId } = request.entry;
    try {
      await this.call(this.api.retrieveRecord(table, rowId, `?$select=${request.primaryId}`), signal);
    } catch (error) {
      const failure: SyncEngineError = clientApiError(error);
      if (failure.code === 'record-not-found') throw new RecordNotFoundError('The row no longer exists on the server.', { cause: error });
      throw failure;
    }
    await this.call(this.api.updateRecord(table, rowId, data), signal);
  }

  private call<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
    return withDeadline(work, this.timeoutMs, signal);
  }
}

function withColumns(table: ProfileTable, extra: string[]): string[] {
  const columns = [table.primaryId, ...table.columns, ...extra];
  return columns.filter((column, index) => columns.indexOf(column) === index);
}

function withoutKeys(data: Row | undefined, primaryId: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  Reflect.deleteProperty(copy, primaryId);
  Reflect.deleteProperty(copy, '@odata.etag');
  return copy;
}

/** Approximate wire size: the client API hides the response, so the parsed rows are measured. */
function byteLength(rows: Row[]): number {
  return new TextEncoder().encode(JSON.stringify(rows)).byteLength;
}
