import { ConfigError } from '../../../SyncEngine/contracts/errors';
import { parseQueryOptions } from '../../../SyncEngine/core/odata';
import type { HandlerContext } from '../context';
import {
  type ApiRequest,
  type ApiResponse,
  ERROR_CODES,
  GUID_PATTERN,
  HttpError,
  badRequest,
  emptyResponse,
  jsonResponse,
  notFound,
  parseJsonObject,
  parsePrefer,
} from '../http';
import { isoSeconds } from '../random';
import { EMULATOR_USER } from '../tables';
import { etagOf, type StoredRow, type TableState } from '../store';
import { bodyToData, contextUrl, entityUrl, validateColumns, wireRow } from '../wire';

const VERSION_MISMATCH = "The version of the existing record doesn't match the RowVersion property provided.";

function duplicate(): HttpError {
  return new HttpError(412, ERROR_CODES.duplicate, 'A record with matching key values already exists.');
}

/** A write that would give a second row of the table an alternate key's value. */
function checkAlternateKeys(state: TableState, id: string, data: Record<string, unknown>): void {
  for (const key of state.table.alternateKeys ?? []) {
    const value = data[key.column];
    if (value === undefined || value === null) continue;
    for (const [otherId, other] of state.rows) {
      if (otherId !== id && other.data[key.column] === value) {
        throw new HttpError(
          412,
          ERROR_CODES.duplicateEntityKey,
          `Entity Key ${key.name} violated. A record with the same value for ${key.column} already exists. A duplicate record cannot be created.`,
        );
      }
    }
  }
}

/** Enforces `If-Match` / `If-None-Match` on a write; `existing` is the row as it is now. */
function checkPreconditions(request: ApiRequest, existing: StoredRow | undefined): void {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifMatch !== undefined) {
    if (!existing) throw notFound();
    if (ifMatch !== '*' && !ifMatch.split(',').map((tag) => tag.trim()).includes(etagOf(existing.version))) {
      throw new HttpError(412, ERROR_CODES.versionMismatch, VERSION_MISMATCH);
    }
  }
  if (ifNoneMatch === '*' && existing) throw duplicate();
}

/** 204 with the entity's address, or the row itself when the client asked for `return=representation`. */
function writeResponse(context: HandlerContext, state: TableState, row: StoredRow, request: ApiRequest, created: boolean): ApiResponse {
  const headers = { 'OData-EntityId': entityUrl(context, state, row.id), ETag: etagOf(row.version) };
  if (parsePrefer(request.headers.prefer).get('return') !== 'representation') {
    return emptyResponse(204, created ? { ...headers, Location: headers['OData-EntityId'] } : headers);
  }
  let select: string[] | undefined;
  try {
    select = parseQueryOptions(request.query).select;
  } catch (error) {
    throw badRequest(error instanceof ConfigError ? error.message : 'The query string is invalid.');
  }
  validateColumns(state, select ?? []);
  const body = { '@odata.context': contextUrl(context, state, select, '/$entity'), ...wireRow(state, row, select) };
  return jsonResponse(created ? 201 : 200, body, { ...headers, 'Preference-Applied': 'return=representation' });
}

export function insert(context: HandlerContext, state: TableState, id: string, data: Record<string, unknown>): StoredRow {
  const now = isoSeconds(Date.now());
  const row = {
    statecode: 0,
    statuscode: 1,
    _ownerid_value: EMULATOR_USER.userId,
    _owningbusinessunit_value: EMULATOR_USER.businessUnitId,
    ...data,
    [state.table.primaryId]: id,
    createdon: now,
    modifiedon: now,
  };
  return context.store.put(state, id, row);
}

/** `POST <set>`: creates a row; a client-supplied primary key that already exists fails with 412 `0x80040237`. */
export function createRow(context: HandlerContext, state: TableState, request: ApiRequest): ApiResponse {
  const data = bodyToData(state, parseJsonObject(request.body));
  const supplied = data[state.table.primaryId];
  if (supplied !== undefined && (typeof supplied !== 'string' || !GUID_PATTERN.test(supplied))) {
    throw badRequest(`The value of ${state.table.primaryId} must be a GUID.`, ERROR_CODES.badPayload);
  }
  const id = typeof supplied === 'string' ? supplied.toLowerCase() : crypto.randomUUID();
  if (state.rows.has(id)) throw duplicate();
  checkAlternateKeys(state, id, data);
  return writeResponse(context, state, insert(context, state, id, data), request, true);
}

/** `PATCH <set>(<id>)`: an upsert unless `If-Match` (never creates) or `If-None-Match: *` (never updates). */
export function updateRow(context: HandlerContext, state: TableState, id: string, request: ApiRequest): ApiResponse {
  const existing = state.rows.get(id);
  checkPreconditions(request, existing);
  const data = bodyToData(state, parseJsonObject(request.body));
  const bodyId = data[state.table.primaryId];
  if (bodyId !== undefined && (typeof bodyId !== 'string' || bodyId.toLowerCase() !== id)) {
    throw badRequest('The primary key in the body does not match the one in the URL.', ERROR_CODES.badPayload);
  }
  checkAlternateKeys(state, id, data);
  if (!existing) return writeResponse(context, state, insert(context, state, id, data), request, true);
  const changes = { ...existing.data, ...data, modifiedon: isoSeconds(Date.now()) };
  return writeResponse(context, state, context.store.put(state, id, changes), request, false);
}

/** `DELETE <set>(<id>)`, honouring `If-Match`. */
export function deleteRow(context: HandlerContext, state: TableState, id: string, request: ApiRequest): ApiResponse {
  const existing = state.rows.get(id);
  if (!existing) throw notFound();
  checkPreconditions(request, existing);
  context.store.delete(state, id);
  return emptyResponse(204);
}
