/**
 * The signed-in user's personal options (Dataverse `usersettings`): the UI language labels and formatted values
 * follow. Set with the CLI's `--language`, `POST /_emulator/usersettings {uilanguageid}`, or as an app does,
 * `PATCH usersettingscollection(<userid>) {uilanguageid}`.
 */
import type { HandlerContext } from './context';
import { type ApiRequest, type ApiResponse, ERROR_CODES, HttpError, badRequest, emptyResponse, jsonResponse, parseJsonObject } from './http';
import { LANGUAGES } from './metadata/labels';
import { EMULATOR_USER } from './tables';

export interface EmulatorUserSettings {
  /** LCID of the user's UI language: 1033, 1031 or 1036 (the org's language packs). */
  uilanguageid: number;
}

export const DEFAULT_LANGUAGE = 1033;

export function userLanguage(context: HandlerContext): number {
  return context.user?.uilanguageid ?? DEFAULT_LANGUAGE;
}

/** Checks a language the emulator is asked to use; the org has three language packs. */
export function checkLanguage(value: unknown): number {
  if (typeof value !== 'number' || !LANGUAGES.includes(value)) {
    throw badRequest(`uilanguageid must be one of the provisioned languages ${LANGUAGES.join(', ')}.`);
  }
  return value;
}

export const USER_SETTINGS_PATH = /^usersettingscollection\(([^)]*)\)$/i;

/** `GET` / `PATCH usersettingscollection(<userid>)`: only the signed-in user's row exists. */
export function handleUserSettings(context: HandlerContext, request: ApiRequest, key: string): ApiResponse {
  const id = key.replace(/^'(.*)'$/, '$1').replace(/[{}]/g, '').toLowerCase();
  if (id !== EMULATOR_USER.userId) throw new HttpError(404, ERROR_CODES.notFound, `usersettings With Id = ${id} Does Not Exist`);
  const settings = context.user;
  if (request.method === 'PATCH') {
    if (!settings) throw new HttpError(403, ERROR_CODES.privilegeDenied, 'The user settings cannot be changed here.');
    const body = parseJsonObject(request.body);
    if ('uilanguageid' in body) settings.uilanguageid = checkLanguage(body.uilanguageid);
    return emptyResponse(204);
  }
  if (request.method !== 'GET') throw new HttpError(405, ERROR_CODES.badRequest, `The HTTP method ${request.method} is not allowed on ${request.path}.`);
  const language = userLanguage(context);
  return jsonResponse(200, {
    '@odata.context': `${context.baseUrl}$metadata#usersettingscollection/$entity`,
    systemuserid: EMULATOR_USER.userId,
    uilanguageid: language,
    localeid: language,
    // 85: (GMT+00:00) Dublin, Edinburgh, Lisbon, London; formatted values are written in UTC.
    timezonecode: 85,
  });
}
