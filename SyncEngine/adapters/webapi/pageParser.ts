import type { RemotePage } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import { isRecord, malformed } from './httpErrors';
import type { ODataResponse } from './ODataHttp';
import { parseCollectionJson } from './slicedJson';
import { TaskBudget } from '../yieldToMain';

const DELETED_ENTITY = '$deletedEntity';

/** The JSON body of an OData collection answer: `{ value: [...], @odata.nextLink?, @odata.deltaLink? }`. */
export interface CollectionBody {
  value: Record<string, unknown>[];
  nextLink?: string;
  deltaLink?: string;
  /** The answer's own annotations (`@Microsoft.Dynamics.CRM.morerecords`, `@odata.count`…), by name. */
  annotations: Record<string, unknown>;
}

/** Parses a 2xx collection answer; anything not shaped like one is a `MalformedResponseError`. */
export function parseCollection(response: ODataResponse): CollectionBody {
  return collectionOf(parseJson(response), response);
}

function collectionOf(parsed: unknown, response: ODataResponse): CollectionBody {
  if (!isRecord(parsed) || !Array.isArray(parsed.value)) throw malformed('collection (no "value" array)', response.status);
  const value: Record<string, unknown>[] = [];
  for (const entry of parsed.value) {
    if (!isRecord(entry)) throw malformed('collection entry', response.status);
    value.push(entry);
  }
  return {
    value,
    nextLink: optionalString(parsed['@odata.nextLink'], response),
    deltaLink: optionalString(parsed['@odata.deltaLink'], response),
    annotations: Object.fromEntries(Object.entries(parsed).filter(([key]) => key.startsWith('@'))),
  };
}

/** Bodies of at least this size are parsed in pieces, between other tasks. */
const SLICED_PARSE_BYTES = 256 * 1024;

/**
 * `parseCollection` for a download page: a body big enough that one `JSON.parse` would hold the main thread past
 * a long task's 50 ms (a 5,000-row page is ~4.5 MB) is parsed in tasks of about `TASK_BUDGET_MS` (see
 * `parseCollectionJson`); a small one at once.
 */
export async function readCollection(response: ODataResponse): Promise<CollectionBody> {
  if (response.bytes < SLICED_PARSE_BYTES) return parseCollection(response);
  const budget = new TaskBudget();
  await budget.yieldNow();
  let parsed: unknown;
  try {
    parsed = await parseCollectionJson(response.body, budget);
  } catch (error) {
    const failure = malformed('body (not JSON)', response.status);
    failure.cause = error;
    throw failure;
  }
  await budget.pause();
  return collectionOf(parsed, response);
}

/**
 * A change-tracking page (read through `readCollection`): changed rows come whole; deleted rows come as
 * `{"@odata.context":"…$deletedEntity","id":"<guid>","reason":"deleted"}`. Link entries (`$link`, `$deletedLink`)
 * describe relationships the engine does not track and are skipped.
 */
export async function readPage(response: ODataResponse): Promise<RemotePage> {
  return pageOf(await readCollection(response), response);
}

function pageOf(body: CollectionBody, response: ODataResponse): RemotePage {
  const rows: Row[] = [];
  const deletedIds: string[] = [];
  for (const entry of body.value) {
    const context = entry['@odata.context'];
    if (typeof context === 'string' && context.endsWith(DELETED_ENTITY)) {
      if (typeof entry.id !== 'string') throw malformed('deleted entry without id', response.status);
      deletedIds.push(entry.id);
    } else if (typeof context === 'string' && /\$(deleted)?[lL]ink$/.test(context)) {
      continue;
    } else {
      rows.push(entry);
    }
  }
  const page: RemotePage = { rows, deletedIds, bytes: response.bytes };
  if (body.nextLink !== undefined) page.nextLink = body.nextLink;
  else if (body.deltaLink !== undefined) page.deltaLink = body.deltaLink;
  return page;
}

/** A single entity answer (GET by id, `return=representation`). */
export function parseEntity(response: ODataResponse): Row {
  const parsed = parseJson(response);
  if (!isRecord(parsed)) throw malformed('entity', response.status);
  return parsed;
}

export function parseJson(response: ODataResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch (error) {
    const failure = malformed('body (not JSON)', response.status);
    failure.cause = error;
    throw failure;
  }
}

function optionalString(value: unknown, response: ODataResponse): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw malformed('link', response.status);
  return value;
}
