import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, HttpError, jsonResponse } from '../http';
import { EMULATOR_USER, EMULATOR_USER_TEAMS } from '../tables';

/** `systemusers(<id>)/teammembership_association`: the N:N from a user to the teams they are a member of. */
export const TEAM_MEMBERSHIP = /^systemusers\(([^)]*)\)\/teammembership_association$/i;

/**
 * The teams of the emulated user, as Dataverse lists a user's `teammembership_association`. Only that user
 * exists here; any other id is 404 as for a user that does not exist.
 */
export function teamMemberships(context: HandlerContext, request: ApiRequest, key: string): ApiResponse {
  if (request.method !== 'GET') throw new HttpError(405, ERROR_CODES.badRequest, `The HTTP method ${request.method} is not allowed on ${request.path}.`);
  const id = key.replace(/^'(.*)'$/, '$1').replace(/[{}]/g, '').toLowerCase();
  if (id !== EMULATOR_USER.userId) throw new HttpError(404, ERROR_CODES.notFound, `systemuser With Id = ${id} Does Not Exist`);
  return jsonResponse(200, {
    '@odata.context': `${context.baseUrl}$metadata#teams(teamid)`,
    value: EMULATOR_USER_TEAMS.map((teamid, index) => ({ '@odata.etag': `W/"${String(1000 + index)}"`, teamid, name: `Emulator team ${String(index + 1)}` })),
  });
}
