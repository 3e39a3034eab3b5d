import type { HandlerContext } from './context';
import { handleBatch } from './handlers/batch';
import { handleColumn } from './handlers/files';
import { METADATA_PATH, handleMetadata } from './handlers/metadata';
import { getCollection, getEntity } from './handlers/query';
import { RECORD_COUNT_PATH, retrieveTotalRecordCount } from './handlers/recordCount';
import { createRow, deleteRow, updateRow } from './handlers/rows';
import { TEAM_MEMBERSHIP, teamMemberships } from './handlers/users';
import { USER_SETTINGS_PATH, handleUserSettings } from './userSettings';
import { type ApiRequest, type ApiResponse, ERROR_CODES, GUID_PATTERN, HttpError, errorResponse, jsonResponse } from './http';
import { EMULATOR_USER } from './tables';

const RESOURCE = /^([A-Za-z_]\w*)(?:\(([^)]*)\))?(?:\/(.+))?$/;

function methodNotAllowed(request: ApiRequest): HttpError {
  return new HttpError(405, ERROR_CODES.badRequest, `The HTTP method ${request.method} is not allowed on ${request.path}.`);
}

function segmentNotFound(segment: string): HttpError {
  return new HttpError(404, ERROR_CODES.badRequest, `Resource not found for the segment '${segment}'.`);
}

/** 403 as Dataverse answers a read of a table the user's security roles give no read privilege on. */
function missingReadPrivilege(logicalName: string): HttpError {
  return new HttpError(
    403,
    ERROR_CODES.privilegeDenied,
    `Principal user (Id=${EMULATOR_USER.userId}, type=8) is missing prvRead${logicalName} privilege on entity '${logicalName}'.`,
  );
}

/** 403 as Dataverse answers a write the user's security roles do not allow. */
function missingPrivilege(logicalName: string, method: string): HttpError {
  const privilege = `prv${method === 'POST' ? 'Create' : method === 'DELETE' ? 'Delete' : 'Write'}${logicalName}`;
  return new HttpError(
    403,
    ERROR_CODES.privilegeDenied,
    `Principal user (Id=${EMULATOR_USER.userId}, type=8) is missing ${privilege} privilege on entity '${logicalName}'.`,
  );
}

function route(context: HandlerContext, request: ApiRequest): ApiResponse {
  let path: string;
  try {
    path = decodeURIComponent(request.path);
  } catch {
    throw segmentNotFound(request.path);
  }
  if (path === 'WhoAmI' || path === 'WhoAmI()') {
    if (request.method !== 'GET') throw methodNotAllowed(request);
    return jsonResponse(200, {
      '@odata.context': `${context.baseUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: EMULATOR_USER.businessUnitId,
      UserId: EMULATOR_USER.userId,
      OrganizationId: EMULATOR_USER.organizationId,
    });
  }
  const recordCount = RECORD_COUNT_PATH.exec(path);
  if (recordCount) return retrieveTotalRecordCount(context, request, recordCount);
  const settings = USER_SETTINGS_PATH.exec(path);
  if (settings) return handleUserSettings(context, request, settings[1]);
  const membership = TEAM_MEMBERSHIP.exec(path);
  if (membership) return teamMemberships(context, request, membership[1]);
  if (path === '$batch') {
    if (request.method !== 'POST') throw methodNotAllowed(request);
    return handleBatch(context, request, dispatch);
  }
  const metadata = METADATA_PATH.exec(path);
  if (metadata) return handleMetadata(context, request, metadata);
  const match = RESOURCE.exec(path);
  const state = match ? context.store.state(match[1]) : undefined;
  if (!match || !state) throw segmentNotFound(path.split(/[(/]/)[0]);
  const key = match.at(2);
  const rest = match.at(3);
  if (context.store.deniedReads.has(state.table.entitySet)) throw missingReadPrivilege(state.table.logicalName);
  if (request.method !== 'GET' && context.store.deniedWrites.has(state.table.entitySet)) throw missingPrivilege(state.table.logicalName, request.method);
  if (key === undefined) {
    if (rest !== undefined) throw segmentNotFound(rest);
    if (request.method === 'GET') return getCollection(context, state, request);
    if (request.method === 'POST') return createRow(context, state, request);
    throw methodNotAllowed(request);
  }
  const id = key.replace(/^'(.*)'$/, '$1').toLowerCase();
  if (!GUID_PATTERN.test(id)) throw new HttpError(400, ERROR_CODES.badRequest, `'${key}' is not a valid key: expected a GUID.`);
  if (rest !== undefined) return handleColumn(context, state, id, rest.split('/'), request);
  switch (request.method) {
    case 'GET':
      return getEntity(context, state, id, request);
    case 'PATCH':
      return updateRow(context, state, id, request);
    case 'DELETE':
      return deleteRow(context, state, id, request);
    default:
      throw methodNotAllowed(request);
  }
}

/** Answers one Web API request below the service root; never throws, errors become Dataverse error bodies. */
export function dispatch(context: HandlerContext, request: ApiRequest): ApiResponse {
  try {
    return route(context, request);
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    const message = error instanceof Error ? error.message : 'Unexpected failure';
    return errorResponse(new HttpError(500, ERROR_CODES.unexpected, `An unexpected error occurred: ${message}`));
  }
}
