import {
  AlreadyExistsError,
  AuthError,
  ConflictError,
  DeltaExpiredError,
  MalformedResponseError,
  changeTrackingOff,
  PayloadTooLargeError,
  PrivilegeError,
  RecordNotFoundError,
  RejectedError,
  ServerBusyError,
  ServerError,
  ServiceUnavailableError,
  type SyncEngineError,
  type SyncErrorOptions,
} from '../../contracts/errors';

/** Dataverse error codes the adapter reacts to. */
export const DATAVERSE_CODES = {
  /** A create whose primary key is taken ("A record with matching key values already exists"). */
  alreadyExists: '0x80040237',
  /** A create or update that breaks an alternate key (DuplicateRecordEntityKey, "Entity Key … violated"). */
  duplicateEntityKey: '0x80060892',
  notFound: '0x80040217',
  /** Not documented for expired change-tracking tokens; REFERENCE.md marks it unconfirmed. */
  expiredVersionStamp: '0x80044352',
  /** ChangeTrackingNotEnabledForEntity: "Entity {0} isn't enabled for change tracking." */
  changeTrackingOff: '0x80072491',
} as const;

/** What the mapping needs from a response, so it works for plain responses and `$batch` parts alike. */
export interface HttpFailure {
  status: number;
  /** Raw body text; a Dataverse error body is `{"error":{"code","message"}}`. */
  body: string;
  /** Header lookup (case-insensitive). */
  header(name: string): string | null;
}

export interface DataverseErrorBody {
  code: string;
  message: string;
}

/** Reads `{"error":{"code","message"}}`; anything else (HTML from a proxy, empty) answers empty strings. */
export function parseErrorBody(body: string): DataverseErrorBody {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && isRecord(parsed.error)) {
      const { code, message } = parsed.error;
      return { code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' };
    }
  } catch {
    // Not JSON: the status alone decides.
  }
  return { code: '', message: '' };
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date. Answers milliseconds to wait, or undefined when the header
 * is absent or unreadable (the engine then backs off exponentially).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Maps a non-2xx response to the engine's error catalogue. The server's message is kept for the error detail, but
 * callers key on `code` only. `deltaRequest`: the request followed a delta link, so anything that points at the
 * token rather than at the connection or the session means "download the table again".
 */
export function httpError(failure: HttpFailure, deltaRequest = false, table?: string): SyncEngineError {
  const { status } = failure;
  const { code, message } = parseErrorBody(failure.body);
  const options: SyncErrorOptions = { status, serverCode: code };
  const text = message || `HTTP ${status}`;
  const error = statusError(failure, code, text, options, table);
  if (deltaRequest && pointsAtToken(error)) {
    return new DeltaExpiredError(`The change-tracking token is no longer valid: ${text}`, options);
  }
  return error;
}

function statusError(failure: HttpFailure, code: string, text: string, options: SyncErrorOptions, table: string | undefined): SyncEngineError {
  const { status } = failure;
  if (code === DATAVERSE_CODES.alreadyExists || code === DATAVERSE_CODES.duplicateEntityKey) return new AlreadyExistsError(text, options);
  if (code === DATAVERSE_CODES.changeTrackingOff) return changeTrackingOff(table, text);
  switch (status) {
    case 400:
      return code === DATAVERSE_CODES.expiredVersionStamp ? new DeltaExpiredError(text, options) : new RejectedError(text, options);
    case 401:
      return new AuthError('The session expired; sign in again.', options);
    case 403:
      return new PrivilegeError(text, options);
    case 404:
      return new RecordNotFoundError(text, options);
    case 412:
      return new ConflictError(text, options);
    case 413:
      return new PayloadTooLargeError(text, options);
    case 429:
      // Never the raw service-protection text: the UI says "server busy".
      return new ServerBusyError('The server is busy.', { ...options, retryAfterMs: parseRetryAfter(failure.header('Retry-After')) });
    case 502:
    case 503:
    case 504:
      return new ServiceUnavailableError('Network or Service Unavailable', {
        ...options,
        retryAfterMs: parseRetryAfter(failure.header('Retry-After')),
      });
    default:
      if (status >= 500) return new ServerError(text, options);
      return new RejectedError(text, options);
  }
}

/**
 * Errors that say nothing about the delta token: the same link may work once the connection or session is back,
 * or the table itself cannot be tracked (a configuration error the engine handles by itself).
 */
function pointsAtToken(error: SyncEngineError): boolean {
  return !['auth', 'privilege', 'server-busy', 'unavailable', 'network', 'aborted', 'config'].includes(error.code);
}

/**
 * Failures about the connection or the session rather than one change: an upload throws them (the engine stops
 * the pass and retries later) instead of answering `failed` for the change.
 */
export function stopsThePass(error: SyncEngineError): boolean {
  return ['network', 'unavailable', 'server-busy', 'auth', 'aborted'].includes(error.code);
}

/** A 2xx whose body is not the JSON we need. Retried by the engine: proxies and captive portals garble answers. */
export function malformed(what: string, status?: number): MalformedResponseError {
  return new MalformedResponseError(`The server answered with an unexpected ${what}.`, { status });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
