/** Dataverse rows as the Web API returns them: plain JSON objects with `@odata.etag`. */
export type ColumnValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export const ETAG = '@odata.etag';

export function rowEtag(row: Row): string | undefined {
  const etag = row[ETAG];
  return typeof etag === 'string' ? etag : undefined;
}

/** What kind of local change an outbox entry carries. Files and images count separately in the pending total. */
export type ChangeOp = 'create' | 'update' | 'delete' | 'fileAdd' | 'fileRemove' | 'imageAdd' | 'imageRemove';

export const ROW_OPS: readonly ChangeOp[] = ['create', 'update', 'delete'];

/** A file or image attached to a column of a row. Content is base64 so the outbox stays JSON. */
export interface Attachment {
  column: string;
  fileName?: string;
  mimeType?: string;
  base64?: string;
}

export type OutboxState = 'pending' | 'failed' | 'quarantined';

/** One queued local change. Stored in the same transaction as the local row change it describes. */
export interface OutboxEntry {
  /** Store-assigned, strictly increasing: upload order. */
  seq: number;
  /** Logical name of the table. */
  table: string;
  rowId: string;
  op: ChangeOp;
  /** Columns to send (create/update). */
  data?: Row;
  attachment?: Attachment;
  /** The row's etag when the change was made; moved forward as earlier changes of the row upload. */
  baseEtag?: string;
  /** Primary name at the time of the change, for the pending list. */
  recordName?: string;
  createdAt: number;
  attempts: number;
  state: OutboxState;
  /** Earliest time the next upload attempt may run (backoff). */
  notBefore?: number;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  /** An attempt was sent but its answer never arrived: it may have landed on the server. */
  uncertain?: boolean;
}

export type NewOutboxEntry = Omit<OutboxEntry, 'seq'>;

/** syncerror.errortype */
export type SyncErrorType = 0 | 1 | 2 | 3;
export const SYNC_ERROR_TYPE = { conflict: 0, recordNotFound: 1, alreadyExists: 2, other: 3 } as const;

/** An entry in the sync error list, modelled on Dataverse's `syncerror` table. */
export interface SyncErrorRecord {
  id: string;
  /** syncerror.name: the table. */
  table: string;
  /** regardingobjectid */
  rowId: string;
  recordName?: string;
  action: ChangeOp | 'download';
  errorType: SyncErrorType;
  /** Stable engine error code. */
  code: string;
  message: string;
  detail?: string;
  time: number;
  /** The outbox entry this error holds back, when there is one (requestdata). */
  outboxSeq?: number;
  /** For conflicts: what the device had and what the server kept. */
  deviceVersion?: Row;
  serverVersion?: Row;
  /** `offline-data-removed`: the changes made offline that were lost with the offline data. */
  lostChanges?: number;
  state: 'active' | 'resolved';
}
