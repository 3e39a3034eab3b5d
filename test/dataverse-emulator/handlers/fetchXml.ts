import { parseFetch, MAX_PAGE_SIZE } from '../fetchxml/parseFetch';
import type { FetchQuery } from '../fetchxml/FetchQuery';
import { FETCH_ERRORS, fetchError } from '../fetchxml/errors';
import { pagingCookie, readPagingCookie } from '../fetchxml/pagingCookie';
import { type FetchResult, runFetch } from '../fetchxml/runFetch';
import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, jsonResponse, parsePrefer } from '../http';
import type { TableState } from '../store';
import { EMULATOR_USER, EMULATOR_USER_TEAMS } from '../tables';
import { contextUrl } from '../wire';

const COOKIE_ANNOTATION = 'Microsoft.Dynamics.CRM.fetchxmlpagingcookie';
const MORE_ANNOTATION = 'Microsoft.Dynamics.CRM.morerecords';
/** `returntotalrecordcount` counts this far; beyond, Dataverse answers -1 and says the limit was exceeded. */
const TOTAL_COUNT_LIMIT = 5000;

type Data = Record<string, unknown>;

/** Whether the query string carries `fetchXml=` (the parameter name is case-insensitive, as on Dataverse). */
export function hasFetchXml(query: string): boolean {
  return /(?:^|&)fetchxml=/i.test(query);
}

function fetchXmlParameter(query: string): string {
  const pair = query.split('&').find((part) => /^fetchxml=/i.test(part)) ?? '';
  let source: string;
  try {
    // Form encoding writes spaces as '+'; a literal '+' arrives as %2B either way.
    source = decodeURIComponent(pair.slice('fetchxml='.length).replace(/\+/g, ' '));
  } catch {
    throw fetchError(FETCH_ERRORS.invalidArgument, 'The fetchXml parameter is not correctly URL-encoded.');
  }
  if (source.trim() === '') throw fetchError(FETCH_ERRORS.invalidArgument, 'The fetchXml parameter is empty.');
  return source;
}

interface FetchPage {
  rows: Data[];
  cookie?: string;
  more: boolean;
}

/**
 * Cuts one page out of the ordered answer. A paging cookie for the previous page resumes after the row it
 * names, so rows created or deleted in front of it between requests neither repeat nor go missing; without
 * a usable cookie (or when joins repeat a row) the page number decides, which gives the same rows when
 * nothing changed.
 */
function pageOf(query: FetchQuery, state: TableState, result: FetchResult): FetchPage {
  if (query.top !== undefined) return { rows: result.rows.slice(0, query.top), more: false };
  const size = query.count ?? MAX_PAGE_SIZE;
  const page = query.page ?? 1;
  let offset = (page - 1) * size;
  const { ids } = result;
  if (query.pagingCookie !== undefined) {
    const cookie = readPagingCookie(query.pagingCookie, state.table);
    const unique = ids !== undefined && new Set(ids).size === ids.length;
    const index = cookie.lastId === undefined || !unique ? -1 : ids.indexOf(cookie.lastId);
    if (cookie.page === page - 1 && index >= 0) offset = index + 1;
  }
  const rows = result.rows.slice(offset, offset + size);
  const more = offset + size < result.rows.length;
  const cookie = more && ids && rows.length > 0 ? pagingCookie(state.table, page, ids[offset], ids[offset + rows.length - 1]) : undefined;
  return { rows, cookie, more };
}

function requestedAnnotations(request: ApiRequest): { wants: (name: string) => boolean; header?: string } {
  const value = parsePrefer(request.headers.prefer).get('odata.include-annotations');
  if (value === undefined) return { wants: () => false };
  const patterns = value.split(',').map((pattern) => pattern.trim());
  const wants = (name: string): boolean =>
    patterns.some((pattern) => pattern === '*' || pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))));
  return { wants, header: `odata.include-annotations="${value}"` };
}

/** `GET <set>?fetchXml=…`: the query evaluated over the emulator's rows, answered as Dataverse answers it. */
export function getFetchXml(context: HandlerContext, state: TableState, request: ApiRequest): ApiResponse {
  const query = parseFetch(fetchXmlParameter(request.query), state.table);
  const environment = { now: Date.now(), userId: EMULATOR_USER.userId, businessUnitId: EMULATOR_USER.businessUnitId, teamIds: EMULATOR_USER_TEAMS };
  const result = runFetch(query, context.store, environment);
  const page = pageOf(query, state, result);
  const body: Data = { '@odata.context': contextUrl(context, state, undefined) };
  if (query.returnTotalRecordCount) {
    const exceeded = result.rows.length > TOTAL_COUNT_LIMIT;
    body['@odata.count'] = exceeded ? -1 : result.rows.length;
    body['@Microsoft.Dynamics.CRM.totalrecordcount'] = body['@odata.count'];
    body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] = exceeded;
  }
  const annotations = requestedAnnotations(request);
  if (page.cookie !== undefined && annotations.wants(COOKIE_ANNOTATION)) body[`@${COOKIE_ANNOTATION}`] = page.cookie;
  if (page.more && annotations.wants(MORE_ANNOTATION)) body[`@${MORE_ANNOTATION}`] = true;
  body.value = page.rows;
  return jsonResponse(200, body, annotations.header === undefined ? {} : { 'Preference-Applied': annotations.header });
}
