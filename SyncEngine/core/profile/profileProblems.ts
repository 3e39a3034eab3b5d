import type { OfflineProfileError } from '../../contracts/errors';
import type { SyncErrorRecord } from '../../contracts/rows';

/** Ids of profile problems in the error list start with this, so a later start can tell them from sync errors. */
export const PROFILE_PROBLEM_PREFIX = 'profile:';

/**
 * The offline profile's problems as entries of the sync error list, so the status page shows them where users
 * look for what did not sync: the table, the stable code (`table-not-readable`, `invalid-view`…) and what to ask
 * the maker. One entry per problem and table, with a stable id, so starting again does not repeat them.
 */
export function profileProblemRecords(problems: readonly OfflineProfileError[], now: number): SyncErrorRecord[] {
  return problems.map((problem) => ({
    id: `${PROFILE_PROBLEM_PREFIX}${problem.problem}:${problem.table ?? ''}`,
    table: problem.table ?? '',
    rowId: '',
    action: 'download',
    errorType: 3,
    code: problem.problem,
    message: `${problem.message} ${problem.askMaker}`,
    detail: problem.askMaker,
    time: now,
    state: 'active',
  }));
}
