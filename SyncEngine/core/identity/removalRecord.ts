import { OfflineDataRemovedError } from '../../contracts/errors';
import { SYNC_ERROR_TYPE, type SyncErrorRecord } from '../../contracts/rows';
import type { OfflineDataLoss } from './OfflineDataGuard';

/** Plain English for logs and app code; the status page says it in the user's language from the counts. */
export function removalMessage(loss: OfflineDataLoss): string {
  if (loss.changes === 0) return 'Offline data was removed by the browser; no changes were waiting, and the data is downloading again.';
  const changes = loss.changes === 1 ? '1 change' : `${String(loss.changes)} changes`;
  return `Offline data was removed by the browser; ${changes} made offline could not be recovered.`;
}

export function removalError(loss: OfflineDataLoss): OfflineDataRemovedError {
  return new OfflineDataRemovedError(removalMessage(loss));
}

/**
 * The sync error list's entry for a removal: no outbox entry holds it (the changes are gone), so Retry and Discard
 * both just dismiss it. Its id names the moment, so a second removal is a second entry.
 */
export function removalRecord(loss: OfflineDataLoss, now: number): SyncErrorRecord {
  return {
    id: `offline-data-removed:${String(now)}`,
    table: '',
    rowId: '',
    action: 'download',
    errorType: SYNC_ERROR_TYPE.other,
    code: 'offline-data-removed',
    message: removalMessage(loss),
    time: now,
    lostChanges: loss.changes,
    state: 'active',
  };
}
