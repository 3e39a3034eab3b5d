export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter (so many devices coming back online at once do not retry in step),
 * never shorter than what the server asked for with Retry-After — that wait is honoured whole.
 */
export function backoffDelay(attempt: number, random: number, retryAfterMs?: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (ceiling / 2) * random);
  return Math.max(jittered, retryAfterMs ?? 0);
}
