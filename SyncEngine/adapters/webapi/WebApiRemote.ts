import { toSyncError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import type { FetchXmlPage, FetchXmlPageRequest, PageRequest, RemotePage, RemoteSource, UploadRequest, UploadResult } from '../../contracts/RemoteSource';
import { FETCHXML_PAGING_PREFER, nextCursor, totalCount, withPaging } from './fetchXmlPaging';
import type { TableDisplay } from '../../contracts/displayMetadata';
import type { Row } from '../../contracts/rows';
import { BatchUploader } from './BatchUploader';
import { malformed, stopsThePass } from './httpErrors';
import { sendQuery } from './longQuery';
import { ODataHttp, type ODataHttpOptions } from './ODataHttp';
import { parseCollection, parseEntity, readCollection, readPage } from './pageParser';
import { getJson } from './profileRecordsReader';
import { readTableDisplay } from './readDisplayMetadata';
import { entityUrl, interpretUpload, planUpload, type UploadOutcome } from './uploadPlan';

export type WebApiRemoteOptions = ODataHttpOptions;

/**
 * Single rows (a conflict's server side, the server copy a discard restores, online reads) come with formatted
 * values and lookup annotations, as `Xrm.WebApi` returns them: the user sees labels and names, not codes and ids.
 * Downloads do not ask for them (up to three annotations per lookup, one per choice or date, on every row kept on
 * the device); rows offline are formatted from the cached display metadata instead.
 */
const ROW_ANNOTATIONS =
  'odata.include-annotations="OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname,Microsoft.Dynamics.CRM.associatednavigationproperty"';

/** Dataverse caps `odata.maxpagesize` at 5000. */
const MAX_PAGE_SIZE = 5000;

/**
 * `RemoteSource` over the Dataverse Web API with `fetch`. Downloads use change tracking (`Prefer:
 * odata.track-changes`, then delta links); uploads use client-supplied ids, `If-Match` and `$batch`. No retries
 * here: every failure is reported once as a catalogued error (with `retryAfterMs` when the server sent one) and the
 * engine decides when to try again.
 */
export class WebApiRemote implements RemoteSource {
  private readonly http: ODataHttp;
  private readonly batch: BatchUploader;

  constructor(options: WebApiRemoteOptions) {
    this.http = new ODataHttp(options);
    this.batch = new BatchUploader(this.http, {
      uploadOne: (request, signal) => this.upload(request, signal),
      readConflictRow: (request, signal) => this.readConflictRow(request, signal),
    });
  }

  async fetchPage(request: PageRequest): Promise<RemotePage> {
    const { table, link, signal } = request;
    // Tracking is asked for on every page, not only the first: Dataverse documents it for the first request only,
    // but a server that reads a next link without it may answer a plain query page (no delta link at the end).
    const preferences = [...(request.track === false ? [] : ['odata.track-changes']), `odata.maxpagesize=${clampPageSize(request.pageSize)}`];
    const url = link ?? `${table.entitySet}?$select=${selectColumns(table).join(',')}`;
    const response = await this.http.send({
      method: 'GET',
      url,
      headers: { Prefer: preferences.join(',') },
      signal,
      delta: link !== undefined && isDeltaLink(link),
      table: table.logicalName,
    });
    if (!response.ok) throw response.error();
    return readPage(response);
  }

  /** A FetchXML page with the paging cookie Dataverse recommends; long queries travel inside `$batch`. */
  async fetchXmlPage(request: FetchXmlPageRequest): Promise<FetchXmlPage> {
    const cursor = request.cursor ?? { page: 1 };
    const query = withPaging(request.fetchXml, cursor, clampPageSize(request.pageSize), request.countTotal === true);
    const response = await sendQuery(this.http, `${request.table.entitySet}?fetchXml=${encodeURIComponent(query)}`, request.signal, {
      Prefer: FETCHXML_PAGING_PREFER,
    });
    if (!response.ok) throw response.error();
    // Slices come down in pages of up to 5,000 rows too: parsed between other tasks when big.
    const body = await readCollection(response);
    const next = nextCursor(body.annotations, cursor.page);
    const date = Date.parse(response.header('Date') ?? '');
    const total = request.countTotal === true ? totalCount(body.annotations) : undefined;
    return {
      rows: body.value,
      bytes: response.bytes,
      ...(next ? { next } : {}),
      ...(Number.isNaN(date) ? {} : { serverTime: date }),
      ...(total === undefined ? {} : { totalCount: total }),
    };
  }

  /** `RetrieveTotalRecordCount`: one request for every table's count (a snapshot of the last 24 hours). */
  async countRows(tables: readonly ProfileTable[], signal?: AbortSignal): Promise<ReadonlyMap<string, number>> {
    const names = JSON.stringify(tables.map((t) => t.logicalName)).replace(/"/g, "'");
    const response = await this.http.send({ method: 'GET', url: `RetrieveTotalRecordCount(EntityNames=@p1)?@p1=${encodeURIComponent(names)}`, signal });
    if (!response.ok) throw response.error();
    const collection = parseEntity(response).EntityRecordCountCollection as { Keys?: unknown; Values?: unknown } | undefined;
    const keys = collection?.Keys;
    const values = collection?.Values;
    if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length) throw malformed('RetrieveTotalRecordCount answer', response.status);
    const counts = new Map<string, number>();
    keys.forEach((key, index) => {
      const value: unknown = values[index];
      if (typeof key === 'string' && typeof value === 'number' && value >= 0) counts.set(key, value);
    });
    return counts;
  }

  /** Per-change failures answer `failed`; failures of the connection or session (network, 401, 429, 503) throw. */
  async upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult> {
    let outcome: UploadOutcome;
    try {
      const response = await this.http.send({ ...planUpload(request), signal });
      outcome = interpretUpload(request, response);
    } catch (error) {
      const failure = toSyncError(error);
      if (stopsThePass(failure)) throw failure;
      return { kind: 'failed', error: failure };
    }
    if (outcome.kind === 'failed' && stopsThePass(outcome.error)) throw outcome.error;
    if (outcome.kind !== 'conflict') return outcome;
    return { kind: 'conflict', serverRow: await this.readConflictRow(request, signal) };
  }

  /**
   * One `$batch` (continue-on-error, no changeset) per 1000 changes. File and image content goes in its own
   * requests, since a `$batch` part carries text. Results come back in request order.
   */
  uploadBatch(requests: UploadRequest[], signal?: AbortSignal): Promise<UploadResult[]> {
    return this.batch.upload(requests, signal);
  }

  retrieveRecord(table: ProfileTable, id: string, select?: string[], signal?: AbortSignal): Promise<Row | null> {
    return this.readRow(table.entitySet, id, select, signal);
  }

  /**
   * `options` is an OData query string (`?$select=…&$filter=…`, the `?` optional) or a `nextLink` from an earlier
   * answer, followed unchanged.
   */
  async retrieveMultiple(
    table: ProfileTable,
    options: string,
    signal?: AbortSignal,
  ): Promise<{ rows: Row[]; nextLink?: string }> {
    const url = /^https?:/i.test(options) ? options : `${table.entitySet}${queryString(options)}`;
    const response = await sendQuery(this.http, url, signal);
    if (!response.ok) throw response.error();
    const body = parseCollection(response);
    return body.nextLink === undefined ? { rows: body.value } : { rows: body.value, nextLink: body.nextLink };
  }

  /** `usersettingscollection(<userid>)?$select=uilanguageid`. */
  async userLanguage(userId: string, signal?: AbortSignal): Promise<number> {
    const body = await getJson(this.http, `usersettingscollection(${userId})?$select=uilanguageid`, signal);
    if (typeof body?.uilanguageid !== 'number') throw malformed('usersettings answer', 200);
    return body.uilanguageid;
  }

  /** Five small metadata requests per table, the tables at once (once per profile and language). */
  async fetchDisplayMetadata(tables: readonly ProfileTable[], language: number, signal?: AbortSignal): Promise<Record<string, TableDisplay>> {
    const found = await Promise.all(tables.map((table) => readTableDisplay(this.http, table, language, signal)));
    const byName: Record<string, TableDisplay> = {};
    for (const display of found) if (display) byName[display.logicalName] = display;
    return byName;
  }

  /** `GET WhoAmI`: cheap, needs no privilege, and a captive portal's HTML fails it as malformed. */
  async ping(signal?: AbortSignal): Promise<void> {
    const response = await this.http.send({ method: 'GET', url: 'WhoAmI', signal });
    if (!response.ok) throw response.error();
    parseEntity(response);
  }

  /** The server's side of a conflict; `null` when the row is gone or cannot be read for a reason of its own. */
  private async readConflictRow(request: UploadRequest, signal?: AbortSignal): Promise<Row | null> {
    try {
      return await this.readRow(request.entitySet, request.entry.rowId, undefined, signal);
    } catch (error) {
      const failure = toSyncError(error);
      if (stopsThePass(failure)) throw failure;
      return null;
    }
  }

  private async readRow(entitySet: string, id: string, select: string[] | undefined, signal?: AbortSignal): Promise<Row | null> {
    const query = select && select.length > 0 ? `?$select=${select.join(',')}` : '';
    const response = await this.http.send({ method: 'GET', url: `${entityUrl(entitySet, id)}${query}`, headers: { Prefer: ROW_ANNOTATIONS }, signal });
    if (response.status === 404) return null;
    if (!response.ok) throw response.error();
    return parseEntity(response);
  }
}

function clampPageSize(size: number): number {
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(size)));
}

function selectColumns(table: ProfileTable): string[] {
  return table.columns.includes(table.primaryId) ? table.columns : [table.primaryId, ...table.columns];
}

function isDeltaLink(link: string): boolean {
  return /[?&](\$|%24)deltatoken=/i.test(link);
}

function queryString(options: string): string {
  if (options === '') return '';
  return options.startsWith('?') ? options : `?${options}`;
}
