import type { ChangesExport } from './changesExport';
import type { DisplayMetadata } from './displayMetadata';
import type { SyncStatus } from './SyncStatus';
import type { UserSettings } from './profile';
import type { OutboxEntry, Row } from './rows';

export type StatusListener = (status: SyncStatus) => void;

/** Options as `Xrm.WebApi.offline` takes them: an OData query string such as `?$select=name&$top=10`. */
export interface RetrieveMultipleResult {
  entities: Row[];
  nextLink?: string;
}

/** The `Xrm.WebApi.offline` API, answered from the offline database (or the server in online mode). */
export interface OfflineApi {
  createRecord(entityLogicalName: string, data: Row): Promise<{ entityType: string; id: string }>;
  retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Row>;
  retrieveMultipleRecords(entityLogicalName: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult>;
  updateRecord(entityLogicalName: string, id: string, data: Row): Promise<{ entityType: string; id: string }>;
  deleteRecord(entityLogicalName: string, id: string): Promise<{ entityType: string; id: string }>;
  isAvailableOffline(entityLogicalName: string): boolean;
}

export interface DiscardOptions {
  /**
   * The queued changes (`seq`) the user confirmed discarding. A discard that would drop any other (a create takes the
   * row's later changes with it, and one may have been queued since) drops nothing and rejects with
   * `QueueChangedError` (code `queue-changed`). Absent: whatever the discard takes goes.
   */
  discarding?: readonly number[];
}

export interface ResetOptions {
  /** Discard queued changes; without it a reset rejects while any change is queued. */
  force?: boolean;
  /**
   * The queued changes (`seq`) the user saw and confirmed discarding. When the queue holds any other by the time the
   * database is cleared (app code or another tab queued one since), nothing is discarded and the reset rejects with
   * `QueueChangedError` (code `queue-changed`). Absent: whatever is queued goes (with `force`).
   */
  discarding?: readonly number[];
}

/** What the controls use. One engine per page, shared by every control on it. */
export interface SyncEngineApi {
  getStatus(): SyncStatus;
  /** Calls `listener` on every real change; answers the unsubscribe function. */
  subscribe(listener: StatusListener): () => void;
  /** Upload, then download every table (on-demand "Sync now"). */
  syncNow(): Promise<void>;
  /** Upload, then download what changed ("Check for updates"). */
  checkForUpdates(): Promise<void>;
  /** Downloads one table again ("Refresh" on a table). */
  refreshTable(table: string): Promise<void>;
  /** Uploads, then downloads every table again in full. */
  refreshAll(): Promise<void>;
  /** The queued changes in upload order (the status page's pending list). */
  listPending(): readonly OutboxEntry[];
  /** Drops one queued change; the row goes back to the server's copy when it can be had. */
  discardChange(seq: number, options?: DiscardOptions): Promise<void>;
  retryError(errorId: string): Promise<void>;
  /** Removes a sync error, dropping the queued change it holds back (see `discardChange`). */
  discardError(errorId: string, options?: DiscardOptions): Promise<void>;
  /** Wipes the offline database. Rejects while changes are pending unless `force`; see `ResetOptions.discarding`. */
  reset(options?: ResetOptions): Promise<void>;
  /**
   * Every queued change (with the values the user typed, files included) and every sync error, read from the
   * offline database, as a JSON document to save before discarding or resetting. Reads only: changes nothing.
   */
  exportChanges(): Promise<ChangesExport>;
  updateUserSettings(changes: Partial<UserSettings>): Promise<void>;
  dismissNotice(): void;
  /**
   * Table and column names and choice labels in the user's language, as last read from Dataverse and kept offline;
   * undefined while unknown (or from an engine without it): show logical names. Table names are in the status too.
   */
  getDisplayMetadata?(): DisplayMetadata | undefined;
  readonly offline: OfflineApi;
}
