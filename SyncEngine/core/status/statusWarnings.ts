import type { SyncWarning, WarningCode } from '../../contracts/SyncStatus';

/** Most important first: what stops sync, what loses nothing but fails, what only waits. */
const IMPORTANCE: readonly WarningCode[] = [
  'upgrade-blocked',
  'offline-data-removed',
  'auth',
  'quota',
  'retrying',
  'storage-not-persistent',
  'server-busy',
  'stalled',
  'wifi-only-waiting',
];

/** Changes whose last upload attempt failed and that will be sent again, as the outbox ledger counts them. */
export interface FailingUploads {
  count: number;
  nextAttemptAt: number | undefined;
  /** When the ledger first showed a failing upload since it last showed none. */
  since: number;
}

export const STORAGE_NOT_PERSISTENT_MESSAGE =
  'Changes are queued and the browser may clear the offline data that holds them before they upload.';

export const UPLOADS_RETRYING_MESSAGE = 'Uploads are failing and will be retried automatically.';

/**
 * The status's warning list: the warnings the engine raised, with failing uploads read from the outbox (a pass
 * whose single uploads fail still "succeeds", so only the queue knows), most important first. Failing uploads
 * take the `retrying` slot: they say more than "the pass failed", and they clear as soon as the change uploads.
 */
export function statusWarnings(raised: Iterable<SyncWarning>, uploads: FailingUploads | null): SyncWarning[] {
  const byCode = new Map<WarningCode, SyncWarning>();
  for (const warning of raised) byCode.set(warning.code, warning);
  if (uploads && uploads.count > 0) {
    const pass = byCode.get('retrying');
    byCode.set('retrying', {
      code: 'retrying',
      message: UPLOADS_RETRYING_MESSAGE,
      since: Math.min(uploads.since, pass?.since ?? Infinity),
      // A failed pass's backoff holds the uploads back too: the later of the two is when they are sent.
      nextAttemptAt: latest(uploads.nextAttemptAt, pass?.nextAttemptAt),
      failingChanges: uploads.count,
    });
  }
  return [...byCode.values()].sort((a, b) => IMPORTANCE.indexOf(a.code) - IMPORTANCE.indexOf(b.code));
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}
