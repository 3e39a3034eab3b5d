import { QuotaError } from '../../contracts/errors';
import type { OfflineDatabase, OfflineWriteTx, StoreName } from './dbSchema';

/**
 * Runs `body` in one readwrite transaction and resolves once it committed. Requests are issued without awaiting
 * each (IndexedDB runs them in order) and their own rejections are ignored: the transaction reports the first
 * failure, and a failure aborts everything, so nothing is half-written. If `body` throws, the transaction is
 * aborted. A full disk, whether a request fails with `QuotaExceededError` or the commit aborts because of it,
 * becomes `QuotaError`.
 */
export async function inWriteTransaction<T>(
  db: OfflineDatabase,
  stores: StoreName[],
  body: (tx: OfflineWriteTx) => Promise<T> | T,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  const done = tx.done;
  // Handled below; without this an early abort would surface as an unhandled rejection.
  done.catch(() => undefined);
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    abortQuietly(tx);
    await done.catch(() => undefined);
    throw mapStorageError(error, tx);
  }
  try {
    await done;
  } catch (error) {
    throw mapStorageError(error, tx);
  }
  return result;
}

/** Fire-and-forget for requests inside `inWriteTransaction`: the transaction carries their failure. */
export function issue(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

function abortQuietly(tx: OfflineWriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted (for instance by the failed request itself).
  }
}

function mapStorageError(error: unknown, tx: OfflineWriteTx): unknown {
  if (isQuota(error) || isQuota(tx.error)) return new QuotaError('The device storage is full.', { cause: error });
  return error;
}

function isQuota(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'QuotaExceededError';
}
