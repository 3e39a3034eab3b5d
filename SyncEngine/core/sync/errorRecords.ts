import type { SyncEngineError } from '../../contracts/errors';
import { SYNC_ERROR_TYPE, type OutboxEntry, type Row, type SyncErrorRecord, type SyncErrorType } from '../../contracts/rows';

export function errorTypeOf(code: string): SyncErrorType {
  if (code === 'conflict') return SYNC_ERROR_TYPE.conflict;
  if (code === 'record-not-found') return SYNC_ERROR_TYPE.recordNotFound;
  if (code === 'already-exists') return SYNC_ERROR_TYPE.alreadyExists;
  return SYNC_ERROR_TYPE.other;
}

/** A sync error list entry for a change the server would not take (kept, with its outbox entry, until resolved). */
export function changeErrorRecord(id: string, entry: OutboxEntry, error: SyncEngineError, time: number): SyncErrorRecord {
  return {
    id,
    table: entry.table,
    rowId: entry.rowId,
    recordName: entry.recordName,
    action: entry.op,
    errorType: errorTypeOf(error.code),
    code: error.code,
    message: error.message,
    detail: error.serverCode ? `${error.serverCode} (HTTP ${String(error.status ?? '')})` : undefined,
    time,
    outboxSeq: entry.seq,
    state: 'active',
  };
}

/** A conflict the server won: both versions kept so the user sees what was overwritten. */
export function conflictRecord(id: string, entry: OutboxEntry, deviceVersion: Row | null, serverVersion: Row | null, time: number): SyncErrorRecord {
  return {
    id,
    table: entry.table,
    rowId: entry.rowId,
    recordName: entry.recordName,
    action: entry.op,
    errorType: SYNC_ERROR_TYPE.conflict,
    code: 'conflict',
    message: 'The row changed on the server after it was changed on this device; the server version was kept.',
    time,
    deviceVersion: deviceVersion ?? undefined,
    serverVersion: serverVersion ?? undefined,
    state: 'active',
  };
}
