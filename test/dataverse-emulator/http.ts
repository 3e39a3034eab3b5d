/** Transport-neutral request/response shapes, so `$batch` parts run through the same handlers as HTTP requests. */

export interface ApiRequest {
  method: string;
  /** Path below the service root, e.g. `accounts(…)` or `$batch`, still URL-encoded. */
  path: string;
  /** Raw query string without the `?`, still URL-encoded. */
  query: string;
  /** Lower-cased header names; absent headers read as undefined. */
  headers: Partial<Record<string, string>>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export const ERROR_CODES = {
  notFound: '0x80040217',
  duplicate: '0x80040237',
  duplicateEntityKey: '0x80060892',
  privilegeDenied: '0x80040220',
  versionMismatch: '0x80060882',
  badRequest: '0x80060888',
  badPayload: '0x80048d19',
  expiredToken: '0x80044352',
  changeTrackingNotEnabled: '0x80072491',
  requestLimit: '0x80072322',
  concurrencyLimit: '0x80072326',
  unexpected: '0x80040216',
} as const;

export const JSON_TYPE = 'application/json; odata.metadata=minimal';
export const ODATA_HEADERS: Readonly<Record<string, string>> = { 'OData-Version': '4.0' };

/** A failure answered as a Dataverse error body; thrown anywhere inside a handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...ODATA_HEADERS, 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...ODATA_HEADERS, ...headers } };
}

export function errorResponse(error: HttpError): ApiResponse {
  return jsonResponse(error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

export function notFound(message = 'The requested record was not found or you do not have sufficient permissions to view it.'): HttpError {
  return new HttpError(404, ERROR_CODES.notFound, message);
}

export function badRequest(message: string, code: string = ERROR_CODES.badRequest): HttpError {
  return new HttpError(400, code, message);
}

/** Splits a `Prefer` header into its preferences, keeping quoted values (which may hold commas) intact. */
export function parsePrefer(header: string | undefined): Map<string, string> {
  const preferences = new Map<string, string>();
  for (const part of (header ?? '').match(/(?:[^,"]|"[^"]*")+/g) ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name !== '') preferences.set(name.trim().toLowerCase(), value.join('=').trim().replace(/^"|"$/g, ''));
  }
  return preferences;
}

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('Error identified in Payload provided by the user for Entity: the body is not valid JSON.', ERROR_CODES.badPayload);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('Error identified in Payload provided by the user for Entity: the body must be a JSON object.', ERROR_CODES.badPayload);
  }
  return parsed as Record<string, unknown>;
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
  429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 503: 'Service Unavailable',
};
