import { ConfigError } from '../../../SyncEngine/contracts/errors';
import { compareRows, evaluateFilter, filterColumns, parseQueryOptions, type QueryOptions } from '../../../SyncEngine/core/odata';
import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, badRequest, emptyResponse, jsonResponse, notFound, parsePrefer } from '../http';
import { etagOf, type TableState } from '../store';
import { decodeCursor, encodeCursor, type PageCursor } from '../tokens';
import { contextUrl, validateColumns, wireRow, wireRowJson } from '../wire';
import { deltaPage, fullTrackedPage } from './changeTracking';
import { getFetchXml, hasFetchXml } from './fetchXml';
import { type AnnotationChoice, annotateRow, annotationChoice } from '../formattedValues';

export const MAX_PAGE_SIZE = 5000;

/** A collection request, parsed once and shared by the plain, full-download and delta paths. */
export interface CollectionQuery {
  options: QueryOptions;
  pageSize: number;
  /** Preferences honoured, for `Preference-Applied`. */
  applied: string[];
  cursor?: PageCursor;
  deltaToken?: string;
  /** The query string minus `$skiptoken` and `$deltatoken`, reused when building links. */
  baseQuery: string;
  /** `Prefer: odata.include-annotations`: formatted values and lookup annotations on each row. */
  annotations?: AnnotationChoice;
}

/** A computed page: rows to return and, when more follow, the cursor of the next page. */
export interface Page {
  /** Each entry already serialised as JSON. */
  value: string[];
  next?: PageCursor;
  /** Present on the last page of a change-tracking pass. */
  deltaToken?: string;
  count?: number;
}

function rawParameter(query: string, name: string): string | undefined {
  const pair = query.split('&').find((part) => part.toLowerCase().startsWith(`${name}=`));
  if (pair === undefined) return undefined;
  try {
    return decodeURIComponent(pair.slice(name.length + 1));
  } catch {
    throw badRequest(`The ${name} is not correctly URL-encoded.`);
  }
}

function parseCollectionQuery(state: TableState, request: ApiRequest): CollectionQuery {
  let options: QueryOptions;
  try {
    options = parseQueryOptions(request.query);
  } catch (error) {
    throw badRequest(error instanceof ConfigError ? error.message : 'The query string is invalid.');
  }
  validateColumns(state, [...(options.select ?? []), ...(options.orderBy ?? []).map((item) => item.column)]);
  if (options.filter) validateColumns(state, filterColumns(options.filter));
  const prefer = parsePrefer(request.headers.prefer);
  const applied: string[] = [];
  let pageSize = MAX_PAGE_SIZE;
  const requested = Number(prefer.get('odata.maxpagesize'));
  if (Number.isInteger(requested) && requested > 0) {
    pageSize = Math.min(requested, MAX_PAGE_SIZE);
    applied.push(`odata.maxpagesize=${String(pageSize)}`);
  }
  const skipToken = rawParameter(request.query, '$skiptoken');
  const deltaToken = rawParameter(request.query, '$deltatoken');
  const baseQuery = request.query
    .split('&')
    .filter((part) => part !== '' && !/^\$(skiptoken|deltatoken)=/i.test(part))
    .join('&');
  const tracking = prefer.has('odata.track-changes') || deltaToken !== undefined;
  if (tracking) applied.unshift('odata.track-changes');
  const annotations = annotationsPreferred(prefer, applied);
  return { options, pageSize, applied, cursor: skipToken === undefined ? undefined : decodeCursor(skipToken), deltaToken, baseQuery, annotations };
}

function annotationsPreferred(prefer: ReadonlyMap<string, string>, applied: string[]): AnnotationChoice | undefined {
  const value = prefer.get('odata.include-annotations');
  const choice = annotationChoice(value);
  if (choice && value !== undefined) applied.push(`odata.include-annotations="${value}"`);
  return choice;
}

/** Rows (as JSON text) with the annotations asked for; deleted-entity entries stay as they are. */
function annotatePage(context: HandlerContext, state: TableState, value: string[], choice: AnnotationChoice | undefined): string[] {
  if (!choice) return value;
  return value.map((json) => {
    const row = JSON.parse(json) as Record<string, unknown>;
    return '@odata.context' in row ? json : JSON.stringify(annotateRow(context, state, row, choice));
  });
}

function plainPage(state: TableState, query: CollectionQuery): Page {
  const { options, pageSize } = query;
  const offset = query.cursor?.kind === 'query' ? query.cursor.offset : 0;
  const { filter } = options;
  const primaryId = state.table.primaryId;
  let rows = [...state.rows.values()];
  if (filter) rows = rows.filter((row) => evaluateFilter(filter, row.data));
  const byColumns = compareRows([...(options.orderBy ?? []), { column: primaryId, descending: false }]);
  rows.sort((a, b) => byColumns(a.data, b.data));
  const count = rows.length;
  const limit = Math.min(count, options.top ?? count);
  const value = rows.slice(offset, Math.min(offset + pageSize, limit)).map((row) => wireRowJson(state, row, options.select));
  const next: PageCursor | undefined = offset + pageSize < limit ? { kind: 'query', offset: offset + pageSize } : undefined;
  return { value, next, count: options.count === true ? count : undefined };
}

/** `GET <set>?…`: plain queries, change-tracking downloads and deltas, all paged with opaque links. */
export function getCollection(context: HandlerContext, state: TableState, request: ApiRequest): ApiResponse {
  if (hasFetchXml(request.query)) return getFetchXml(context, state, request);
  const query = parseCollectionQuery(state, request);
  const { options } = query;
  const tracking = query.applied.includes('odata.track-changes');
  if (tracking && context.store.untracked.has(state.table.entitySet)) {
    // As Dataverse answers a table whose "Track changes" is off (ChangeTrackingNotEnabledForEntity).
    throw badRequest(`Entity ${state.table.logicalName} isn't enabled for change tracking.`, ERROR_CODES.changeTrackingNotEnabled);
  }
  if (tracking && (options.filter || options.orderBy || options.expand !== undefined || options.top !== undefined)) {
    throw badRequest('Change tracking does not support $filter, $orderby, $expand or $top.');
  }
  if (options.expand !== undefined) throw badRequest('The emulator does not support $expand.');
  const computed = query.deltaToken !== undefined
    ? deltaPage(context, state, query)
    : tracking ? fullTrackedPage(context, state, query) : plainPage(state, query);
  const page = { ...computed, value: annotatePage(context, state, computed.value, query.annotations) };
  const link = (parameter: string): string =>
    `${context.baseUrl}${state.table.entitySet}?${query.baseQuery === '' ? '' : `${query.baseQuery}&`}${parameter}`;
  const head: Record<string, unknown> = {
    '@odata.context': contextUrl(context, state, options.select, query.deltaToken !== undefined ? '/$delta' : ''),
  };
  if (page.count !== undefined) head['@odata.count'] = page.count;
  const deltaParameter = query.deltaToken === undefined ? '' : `$deltatoken=${encodeURIComponent(query.deltaToken)}&`;
  const tail: Record<string, unknown> = {};
  if (page.next) tail['@odata.nextLink'] = link(`${deltaParameter}$skiptoken=${encodeCursor(page.next)}`);
  else if (page.deltaToken !== undefined) tail['@odata.deltaLink'] = link(`$deltatoken=${encodeURIComponent(page.deltaToken)}`);
  const headers: Record<string, string> = query.applied.length > 0 ? { 'Preference-Applied': query.applied.join(',') } : {};
  // Rows arrive as JSON text (cached per row version); the envelope is put together around them.
  const tailJson = JSON.stringify(tail).slice(1, -1);
  const body = `${JSON.stringify(head).slice(0, -1)},"value":[${page.value.join(',')}]${tailJson === '' ? '' : `,${tailJson}`}}`;
  return { ...jsonResponse(200, null, headers), body };
}

/** `GET <set>(<id>)`: one row, 304 when the client's `If-None-Match` is current. */
export function getEntity(context: HandlerContext, state: TableState, id: string, request: ApiRequest): ApiResponse {
  const row = state.rows.get(id);
  if (!row) throw notFound();
  const etag = etagOf(row.version);
  if (request.headers['if-none-match'] === etag) return emptyResponse(304, { ETag: etag });
  let options: QueryOptions;
  try {
    options = parseQueryOptions(request.query);
  } catch (error) {
    throw badRequest(error instanceof ConfigError ? error.message : 'The query string is invalid.');
  }
  validateColumns(state, options.select ?? []);
  const applied: string[] = [];
  const choice = annotationsPreferred(parsePrefer(request.headers.prefer), applied);
  const wire = wireRow(state, row, options.select);
  const body = { '@odata.context': contextUrl(context, state, options.select, '/$entity'), ...(choice ? annotateRow(context, state, wire, choice) : wire) };
  return jsonResponse(200, body, { ETag: etag, ...(applied.length > 0 ? { 'Preference-Applied': applied.join(',') } : {}) });
}
