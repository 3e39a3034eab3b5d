/** Before this much of a download has run, the rate says too little to estimate from. */
export const ESTIMATE_AFTER_MS = 1_000;
/** The estimate's error: a quarter of the time left, and never under this. */
const MIN_ERROR_MS = 5_000;
const RELATIVE_ERROR = 0.25;

export interface TimeLeftEstimate {
  remainingMs: number;
  /** How far off `remainingMs` may be, either way. */
  errorMs: number;
}

/**
 * The time a download has left at the rate measured so far: rows still to come over rows per millisecond since it
 * started. Nothing until `ESTIMATE_AFTER_MS` have passed and rows have arrived, or while the rows to come are
 * unknown. More rows than expected (the server's count is a snapshot) leave no time.
 */
export function timeLeft(rowsDone: number, rowsExpected: number | undefined, elapsedMs: number): TimeLeftEstimate | undefined {
  if (rowsExpected === undefined || elapsedMs < ESTIMATE_AFTER_MS || rowsDone <= 0) return undefined;
  const remainingMs = (Math.max(0, rowsExpected - rowsDone) * elapsedMs) / rowsDone;
  return { remainingMs, errorMs: Math.max(MIN_ERROR_MS, remainingMs * RELATIVE_ERROR) };
}

/**
 * The time left as the user is shown it: a new estimate may lower it freely, but may raise it above what the last
 * one shown allows now (its time left, less the time since, plus its error) only up to that bound. So the number
 * on screen never goes back by more than the estimate's error, however the rate moves.
 */
export class SteadyTimeLeft {
  private shown: { at: number; estimate: TimeLeftEstimate } | undefined;

  /** The estimate to show at `now` for the raw `estimate` (nothing while there is none). */
  next(estimate: TimeLeftEstimate | undefined, now: number): TimeLeftEstimate | undefined {
    // The rows to come are not known (a table without a count joined): nothing shown, rather than a guess.
    if (estimate === undefined) return undefined;
    const bound = this.shown === undefined ? Infinity : this.shown.estimate.remainingMs - (now - this.shown.at) + this.shown.estimate.errorMs;
    const remainingMs = Math.max(0, Math.min(estimate.remainingMs, bound));
    const steady = { remainingMs, errorMs: Math.max(MIN_ERROR_MS, remainingMs * RELATIVE_ERROR) };
    this.shown = { at: now, estimate: steady };
    return steady;
  }
}
