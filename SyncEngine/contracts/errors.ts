/**
 * The engine's error catalogue. Every failure the engine can surface is one of these classes, each with a
 * stable `code` that the status, the sync error list, telemetry and the UI key on. Never match on messages.
 */
export type ErrorCode =
  | 'network'
  | 'unavailable'
  | 'server-busy'
  | 'auth'
  | 'privilege'
  | 'rejected'
  | 'record-not-found'
  | 'already-exists'
  | 'conflict'
  | 'quota'
  | 'config'
  | 'malformed-response'
  | 'delta-expired'
  | 'payload-too-large'
  | 'server'
  | 'aborted'
  | 'invalid-query'
  /** The offline database was written by a newer release than this code: refused, never overwritten. */
  | 'store-newer-version'
  /** A record of the offline database could not be read (truncated, unknown shape): set aside, never dropped. */
  | 'store-corrupt'
  /** The offline database disappeared or was emptied behind the engine's back (evicted, cleared). */
  | 'offline-data-removed'
  /** A reset was confirmed for some queued changes, and others were queued since: nothing was discarded. */
  | 'queue-changed';

export interface SyncErrorOptions {
  /** HTTP status when the error came from the server. */
  status?: number;
  /** Dataverse error code (`0x…`), possibly empty. */
  serverCode?: string;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export abstract class SyncEngineError extends Error {
  /**
   * The class name as written, for app code and logs. Spelled out in every class because production bundles are
   * minified: `new.target.name` would read `ce` there. Abstract, so a new class cannot forget it.
   */
  abstract override readonly name: string;
  abstract readonly code: ErrorCode;
  /** True when the same request may succeed later without anyone changing anything. */
  abstract readonly transient: boolean;
  readonly status?: number;
  readonly serverCode?: string;
  readonly retryAfterMs?: number;

  constructor(message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class NetworkError extends SyncEngineError {
  override readonly name = 'NetworkError';
  readonly code = 'network';
  readonly transient = true;
}
/** The service did not answer in time, or answered 502/503/504: "Network or Service Unavailable". */
export class ServiceUnavailableError extends SyncEngineError {
  override readonly name = 'ServiceUnavailableError';
  readonly code = 'unavailable';
  readonly transient = true;
}
/** 429 service protection limits: shown as "server busy", never with the raw server text. */
export class ServerBusyError extends SyncEngineError {
  override readonly name = 'ServerBusyError';
  readonly code = 'server-busy';
  readonly transient = true;
}
/** Any other 5xx. */
export class ServerError extends SyncEngineError {
  override readonly name = 'ServerError';
  readonly code = 'server';
  readonly transient = true;
}
/** 401: the session expired; the user must sign in again. */
export class AuthError extends SyncEngineError {
  override readonly name = 'AuthError';
  readonly code = 'auth';
  readonly transient = false;
}
/** 403: the user lacks a privilege for this change. */
export class PrivilegeError extends SyncEngineError {
  override readonly name = 'PrivilegeError';
  readonly code = 'privilege';
  readonly transient = false;
}
/** 400 and other business-rule or validation failures. */
export class RejectedError extends SyncEngineError {
  override readonly name = 'RejectedError';
  readonly code = 'rejected';
  readonly transient = false;
}
/** 404 from the server, or a local read of a row that is not (or no longer) on the device. */
export class RecordNotFoundError extends SyncEngineError {
  override readonly name = 'RecordNotFoundError';
  readonly code = 'record-not-found';
  readonly transient = false;
}
export class AlreadyExistsError extends SyncEngineError {
  override readonly name = 'AlreadyExistsError';
  readonly code = 'already-exists';
  readonly transient = false;
}
/** 412 on an update or delete with If-Match: the server row changed since the device last saw it. */
export class ConflictError extends SyncEngineError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  readonly transient = false;
}
/** The device storage is full (IndexedDB QuotaExceededError). Transient: it clears when space is freed. */
export class QuotaError extends SyncEngineError {
  override readonly name = 'QuotaError';
  readonly code = 'quota';
  readonly transient = true;
}
/** Invalid maker configuration or offline profile. */
export class ConfigError extends SyncEngineError {
  /** Widened to string so subclasses (OfflineProfileError) can name themselves. */
  override readonly name: string = 'ConfigError';
  readonly code = 'config';
  readonly transient = false;
}
/**
 * A query the engine cannot run as written: malformed FetchXML, an unknown element, attribute or operator, an
 * entity that does not match the table, a join to a table that is not on the device. The message names the
 * offending part. Never transient: the same query fails the same way.
 */
export class QueryError extends SyncEngineError {
  override readonly name = 'QueryError';
  readonly code = 'invalid-query';
  readonly transient = false;
}
/** The server answered with something that is not the Dataverse shape we need. Retried: proxies garble. */
export class MalformedResponseError extends SyncEngineError {
  override readonly name = 'MalformedResponseError';
  readonly code = 'malformed-response';
  readonly transient = true;
}
/** A delta link the server no longer honours; the table must be downloaded again in full. */
export class DeltaExpiredError extends SyncEngineError {
  override readonly name = 'DeltaExpiredError';
  readonly code = 'delta-expired';
  readonly transient = false;
}
/** 413. */
export class PayloadTooLargeError extends SyncEngineError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'payload-too-large';
  readonly transient = false;
}
export class AbortedError extends SyncEngineError {
  override readonly name = 'AbortedError';
  readonly code = 'aborted';
  readonly transient = true;
}

/**
 * The offline database's schema is newer than this code knows (the user went back to an older release): the
 * database is left exactly as it is, and nothing syncs until a release that knows it runs.
 */
export class StoreVersionError extends SyncEngineError {
  override readonly name = 'StoreVersionError';
  readonly code = 'store-newer-version';
  readonly transient = false;
}

/** A record in the offline database cannot be read: it is kept aside (quarantined) and reported, never dropped. */
export class StoreCorruptError extends SyncEngineError {
  override readonly name = 'StoreCorruptError';
  readonly code = 'store-corrupt';
  readonly transient = false;
}

/** The offline database was removed or emptied by someone else (the browser evicting it, the user clearing data). */
export class OfflineDataRemovedError extends SyncEngineError {
  override readonly name = 'OfflineDataRemovedError';
  readonly code = 'offline-data-removed';
  readonly transient = false;
}

/** The queue holds changes the user did not confirm discarding: the reset did nothing. */
export class QueueChangedError extends SyncEngineError {
  override readonly name = 'QueueChangedError';
  readonly code = 'queue-changed';
  readonly transient = false;
}

/** Wraps anything thrown into a catalogued error, so nothing untyped reaches the status. */
export function toSyncError(error: unknown): SyncEngineError {
  if (error instanceof SyncEngineError) return error;
  if (isAbort(error)) return new AbortedError('The operation was cancelled.', { cause: error });
  if (isQuota(error)) return new QuotaError('The device storage is full.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(message || 'Unknown failure', { cause: error });
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function isQuota(error: unknown): boolean {
  return error instanceof Error && error.name === 'QuotaExceededError';
}

/**
 * What is wrong with the app's offline profile as read from Dataverse. Stable: the status page and app code branch
 * on it, never on the message.
 */
export type ProfileProblemCode =
  /** The maker named a profile that does not exist. */
  | 'profile-not-found'
  /** The named profile exists, but the user is not one of its members. */
  | 'profile-not-member'
  /** The profile has no table that can be taken offline. */
  | 'profile-empty'
  /** A profile item names a table the user's security roles give no read on (403). */
  | 'table-not-readable'
  /** A profile item names a table this organisation does not have. */
  | 'table-unknown'
  /** A custom data filter's rule view is missing, or its FetchXML is invalid. */
  | 'invalid-view'
  /** A profile item's settings cannot be used (distribution criteria, owner flags, interval, columns). */
  | 'invalid-item'
  /** The profile's relationships go round in a circle (or a table relates to itself). */
  | 'circular-relationship'
  /** A "related rows only" table whose every related table left the profile: nothing would bring its rows. */
  | 'related-table-left'
  /** An association names a relationship the metadata does not describe. */
  | 'unknown-relationship'
  /**
   * A profile table's "Track changes" is off in this organisation (Dataverse `0x80072491`, or a server that ignores
   * `odata.track-changes`): the table still syncs, by query (its slice, or in full each time), until it is on.
   */
  | 'change-tracking-off';

/**
 * A `ConfigError` about the Dataverse offline profile: `problem` says what, `table` which table (when one), and
 * `askMaker` what to ask the app's maker, in English (the UI words it from `problem`).
 */
export class OfflineProfileError extends ConfigError {
  override readonly name = 'OfflineProfileError';
  readonly problem: ProfileProblemCode;
  readonly table?: string;
  readonly askMaker: string;

  constructor(problem: ProfileProblemCode, message: string = problem, details: { table?: string; askMaker: string; cause?: unknown } = { askMaker: '' }) {
    super(message, { cause: details.cause });
    this.problem = problem;
    this.table = details.table;
    this.askMaker = details.askMaker;
  }
}

/**
 * The table's "Track changes" is off (`0x80072491`): the profile's `change-tracking-off` problem, naming the table
 * when known (the request that met it names its table: `ODataRequest.table`).
 */
export function changeTrackingOff(table: string | undefined, serverMessage: string): OfflineProfileError {
  const name = table === undefined ? 'this table' : `the "${table}" table`;
  return new OfflineProfileError('change-tracking-off', `Change tracking is off for ${name} (${serverMessage}); its rows come down by query instead, each sync.`, {
    table,
    askMaker: `Ask the app's maker to turn on "Track changes" in the properties of ${name}.`,
  });
}

/** The failure is `change-tracking-off`, the one download failure the engine answers by querying instead. */
export function isChangeTrackingOff(error: unknown): error is OfflineProfileError {
  return error instanceof OfflineProfileError && error.problem === 'change-tracking-off';
}
