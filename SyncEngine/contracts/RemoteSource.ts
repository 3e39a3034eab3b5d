import type { TableDisplay } from './displayMetadata';
import type { SyncEngineError } from './errors';
import type { ProfileTable } from './profile';
import type { OutboxEntry, Row } from './rows';

export interface PageRequest {
  table: ProfileTable;
  /**
   * A `@odata.nextLink` or `@odata.deltaLink` from an earlier page, followed unchanged. Absent: start a full
   * download of the table with change tracking (`Prefer: odata.track-changes`), all columns in `table.columns`.
   */
  link?: string;
  /** `Prefer: odata.maxpagesize`, at most 5000. */
  pageSize: number;
  /**
   * `false`: a plain query of the whole table, without change tracking (for a table whose "Track changes" is
   * off); its last page has no delta link. Default true.
   */
  track?: boolean;
  signal?: AbortSignal;
}

export interface RemotePage {
  /** New or changed rows, full, each with `@odata.etag`. */
  rows: Row[];
  /** Ids of rows the server reports deleted (`$deletedEntity`). */
  deletedIds: string[];
  /** Present when more pages follow. */
  nextLink?: string;
  /** Present on the last page of a change-tracked download: where the next delta starts. */
  deltaLink?: string;
  /** Size of the response body in bytes (telemetry ResponseSize, progress). */
  bytes: number;
}

/** One page of a FetchXML query: the slice of a table the server selects (profile filters, related rows). */
export interface FetchXmlPageRequest {
  table: ProfileTable;
  /** The query, without paging attributes (they are set per page). */
  fetchXml: string;
  /** Where this page starts; absent for the first. */
  cursor?: { page: number; pagingCookie?: string };
  /** Rows per page, at most 5000. */
  pageSize: number;
  signal?: AbortSignal;
  /** Ask the server how many rows the query matches (`returntotalrecordcount`; it counts up to 5,000). */
  countTotal?: boolean;
}

export interface FetchXmlPage {
  /** The page's rows, each with `@odata.etag`, lookups as `_x_value`. */
  rows: Row[];
  /** Where the next page starts; absent on the last page. */
  next?: { page: number; pagingCookie?: string };
  /** Size of the response body in bytes. */
  bytes: number;
  /** The server's clock when it answered (its `Date` header), epoch ms; what `modifiedon` watermarks are read in. */
  serverTime?: number;
  /** Rows the query matches, when asked (`countTotal`) and the server counted them all (at most 5,000). */
  totalCount?: number;
}

export interface UploadRequest {
  entry: OutboxEntry;
  entitySet: string;
  primaryId: string;
  /** `If-Match` etag when conflict detection is on; absent means device wins (no precondition). */
  ifMatch?: string;
}

/** Per-change outcome. Conflicts are data, not exceptions. */
export type UploadResult =
  | { kind: 'ok'; etag?: string }
  /** 412 on If-Match: the server row changed. `serverRow` is its current version when it could be read. */
  | { kind: 'conflict'; serverRow: Row | null }
  /** Anything else; `error.transient` says whether to retry. */
  | { kind: 'failed'; error: SyncEngineError };

/**
 * The Dataverse service. Every method throws a `SyncEngineError` for failures that are not per-change results
 * (network down, 401, 429 …); `DeltaExpiredError` when a delta link is no longer honoured.
 */
export interface RemoteSource {
  fetchPage(request: PageRequest): Promise<RemotePage>;
  /**
   * Uploads one change. A create the server refuses as a duplicate (its id or an alternate key is taken) answers
   * `failed` with an `AlreadyExistsError`: whether it is this change's earlier attempt that landed, the engine
   * decides by reading the row.
   */
  upload(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult>;
  /**
   * Uploads independent changes (at most one per row) in one `$batch` with continue-on-error, answering one
   * result per request, in order. Optional: the engine falls back to `upload` one by one.
   */
  uploadBatch?(requests: UploadRequest[], signal?: AbortSignal): Promise<UploadResult[]>;
  /** One row by id with the given columns; `null` when the server has no such row (404). */
  retrieveRecord(table: ProfileTable, id: string, select?: string[], signal?: AbortSignal): Promise<Row | null>;
  /** Rows of a table for an OData query string (`?$select=…&$filter=…`), for online mode. */
  retrieveMultiple(table: ProfileTable, options: string, signal?: AbortSignal): Promise<{ rows: Row[]; nextLink?: string }>;
  /**
   * One page of a FetchXML query, paged with the server's paging cookie. Optional: a source without it serves
   * whole tables only.
   */
  fetchXmlPage?(request: FetchXmlPageRequest): Promise<FetchXmlPage>;
  /**
   * The rows of each table on the server (`RetrieveTotalRecordCount`: a snapshot from the last 24 hours, so an
   * estimate), by logical name. For progress and the time left only: never for correctness.
   */
  countRows?(tables: readonly ProfileTable[], signal?: AbortSignal): Promise<ReadonlyMap<string, number>>;
  /**
   * The signed-in user's UI language (`usersettings.uilanguageid`, an LCID such as 1033): what the metadata's
   * `UserLocalizedLabel` follows. Optional, with `fetchDisplayMetadata`: a source without them shows logical names.
   */
  userLanguage?(userId: string, signal?: AbortSignal): Promise<number>;
  /**
   * Display names, column types and choice labels of `tables` in `language`, by logical name; a table the server
   * does not know is left out. Throws as every method does when the service fails.
   */
  fetchDisplayMetadata?(tables: readonly ProfileTable[], language: number, signal?: AbortSignal): Promise<Record<string, TableDisplay>>;
  /** A cheap request proving the service answers; throws when it does not (in time). */
  ping(signal?: AbortSignal): Promise<void>;
}
