import type { SyncEngineError } from '../../contracts/errors';
import type { SyncNotice, WarningCode } from '../../contracts/SyncStatus';
import type { EngineState } from '../EngineState';

/** The warning a failed pass leaves, if any. Offline and "unavailable" show as connectivity, not as warnings. */
export function warningFor(error: SyncEngineError): { code: WarningCode; message: string } | null {
  if (error.code === 'server-busy') return { code: 'server-busy', message: 'The server is busy. Sync will retry automatically.' };
  if (error.code === 'quota') return { code: 'quota', message: 'The device storage is full. Free some space; sync will resume.' };
  if (error.code === 'auth') return { code: 'auth', message: 'Your session expired. Sign in again to sync.' };
  if (error.transient && error.code !== 'unavailable' && error.code !== 'network') {
    return { code: 'retrying', message: 'Sync failed and will retry automatically.' };
  }
  return null;
}

/**
 * The notice after a pass: "refresh available" after a large incremental sync (kept until dismissed), an error
 * notice when the pass added sync errors, otherwise none.
 */
export function noticeAfterPass(state: EngineState, succeeded: boolean, largeIncremental: boolean, errorsBefore: number): SyncNotice | null {
  const kept = state.status.notice?.kind === 'refreshAvailable' ? state.status.notice : null;
  if (!succeeded) return kept;
  if (largeIncremental) return { kind: 'refreshAvailable' };
  const active = state.errors.filter((e) => e.state === 'active');
  if (active.length > errorsBefore) return { kind: 'error', code: active[active.length - 1].code, count: active.length };
  return kept;
}
