import type { Attachment, ChangeOp, OutboxState, Row, SyncErrorRecord } from './rows';

/** The `format` of the document `exportChanges()` answers, so a reader can tell it from any other JSON file. */
export const CHANGES_EXPORT_FORMAT = 'OfflineSyncSuite.changes';
/** Raised when a field changes meaning or goes; new optional fields keep the version. */
export const CHANGES_EXPORT_VERSION = 1;

/** One queued change as the user made it: the values they typed, and where it stands in the upload. */
export interface ExportedChange {
  seq: number;
  table: string;
  rowId: string;
  op: ChangeOp;
  recordName?: string;
  /** When the change was made, ISO 8601 (UTC). */
  madeAt: string;
  state: OutboxState;
  attempts: number;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  /** An attempt was sent and its answer never came: the change may already be on the server. */
  uncertain?: boolean;
  /** The columns the user set (create, update), exactly as queued. */
  values?: Row;
  /** A file or image added (with its base64 content) or removed (no content). */
  attachment?: Attachment;
}

/** One entry of the sync error list. */
export interface ExportedError {
  id: string;
  table: string;
  rowId: string;
  recordName?: string;
  action: SyncErrorRecord['action'];
  code: string;
  message: string;
  detail?: string;
  /** When the error happened, ISO 8601 (UTC). */
  time: string;
  state: SyncErrorRecord['state'];
  /** The queued change this error holds back (`ExportedChange.seq`). */
  changeSeq?: number;
  /** For conflicts: the device's version and the server's. */
  deviceVersion?: Row;
  serverVersion?: Row;
}

export interface ChangesExportCounts {
  /** Every queued change; `rows + files + images`. */
  changes: number;
  rows: number;
  files: number;
  images: number;
  errors: number;
}

/**
 * What "Export changes" saves: every queued change and every sync error as the offline database holds them, so
 * nothing the user typed is lost to a discard or reset they later confirm. Plain JSON (no Dates, no undefined).
 */
export interface ChangesExport {
  format: typeof CHANGES_EXPORT_FORMAT;
  formatVersion: typeof CHANGES_EXPORT_VERSION;
  /** ISO 8601 (UTC). */
  exportedAt: string;
  suiteVersion: string;
  orgId: string;
  userId: string;
  counts: ChangesExportCounts;
  changes: ExportedChange[];
  errors: ExportedError[];
}
