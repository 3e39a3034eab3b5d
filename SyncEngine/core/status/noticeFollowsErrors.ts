import type { SyncErrorRecord } from '../../contracts/rows';
import type { SyncNotice } from '../../contracts/SyncStatus';

/**
 * An error notice is a promise about the error list: it says how many errors are active now, and it goes once none
 * is (discarded, retried and uploaded, or resolved in another tab). Other notices pass unchanged.
 */
export function noticeFollowsErrors(notice: SyncNotice | null, errors: readonly SyncErrorRecord[]): SyncNotice | null {
  if (notice?.kind !== 'error') return notice;
  const active = errors.filter((e) => e.state === 'active');
  if (active.length === 0) return null;
  const latest = active[active.length - 1].code;
  return latest === notice.code && active.length === notice.count ? notice : { kind: 'error', code: latest, count: active.length };
}
