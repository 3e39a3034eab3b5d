import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, HttpError, jsonResponse } from '../http';

/** `RetrieveTotalRecordCount(EntityNames=@p1)?@p1=['account','contact']`, or the array inline. */
export const RECORD_COUNT_PATH = /^RetrieveTotalRecordCount\(EntityNames=(.+)\)$/;

function parseNames(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    throw new HttpError(400, ERROR_CODES.badRequest, `Invalid value for the parameter 'EntityNames': expected a collection of strings, got ${trimmed}.`);
  }
  const inner = trimmed.slice(1, -1).trim();
  if (inner === '') return [];
  return inner.split(',').map((part) => {
    const name = /^\s*'([^']*)'\s*$/.exec(part) ?? /^\s*"([^"]*)"\s*$/.exec(part);
    if (!name) throw new HttpError(400, ERROR_CODES.badRequest, `Invalid value for the parameter 'EntityNames': ${part.trim()} is not a string literal.`);
    return name[1];
  });
}

/**
 * The RetrieveTotalRecordCount function (Dataverse: the rows of each table, from a snapshot taken within the last
 * 24 hours; here the rows as they are): `EntityRecordCountCollection` with the logical names as `Keys` and the
 * counts as `Values`, in the order asked. An unknown table fails the whole call.
 */
export function retrieveTotalRecordCount(context: HandlerContext, request: ApiRequest, match: RegExpExecArray): ApiResponse {
  if (request.method !== 'GET') throw new HttpError(405, ERROR_CODES.badRequest, `The HTTP method ${request.method} is not allowed on RetrieveTotalRecordCount.`);
  let argument = match[1];
  if (argument.startsWith('@')) {
    const alias = new URLSearchParams(request.query).get(argument);
    if (alias === null) throw new HttpError(400, ERROR_CODES.badRequest, `The parameter alias '${argument}' has no value in the query string.`);
    argument = alias;
  }
  const names = parseNames(argument);
  const values = names.map((name) => {
    const state = [...context.store.tables.values()].find((candidate) => candidate.table.logicalName === name);
    if (!state) throw new HttpError(400, ERROR_CODES.badRequest, `The entity with a name = '${name}' with namemapping = 'Logical' was not found in the MetadataCache.`);
    return state.rows.size;
  });
  return jsonResponse(200, {
    '@odata.context': `${context.baseUrl}$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
    EntityRecordCountCollection: { Count: names.length, IsReadOnly: false, Keys: names, Values: values },
  });
}
