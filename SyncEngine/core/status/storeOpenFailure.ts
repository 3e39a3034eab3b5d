import { toSyncError, type SyncEngineError } from '../../contracts/errors';
import type { SyncErrorRecord } from '../../contracts/rows';

/** Id of the error-list entry that says the offline database could not be opened (kept in memory only). */
export const STORE_OPEN_ERROR_ID = 'store:open';

/**
 * Why the offline database could not be opened (a newer release wrote it, IndexedDB is missing or refused), as an
 * entry of the sync error list: the store is the list's home, so this one lives in memory, and nothing syncs
 * until a start succeeds. The database itself is left untouched.
 */
export function storeOpenFailure(error: unknown, now: number): { failure: SyncEngineError; record: SyncErrorRecord } {
  const failure = toSyncError(error);
  return {
    failure,
    record: {
      id: STORE_OPEN_ERROR_ID,
      table: '',
      rowId: '',
      action: 'download',
      errorType: 3,
      code: failure.code,
      message: failure.message,
      time: now,
      state: 'active',
    },
  };
}
