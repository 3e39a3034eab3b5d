import type { SyncEngineError } from '../../contracts/errors';
import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { EngineState } from '../EngineState';
import { backoffDelay } from '../util/backoff';
import { autoSyncBlocker, nextRunAt, type AutoSyncBlocker } from './schedule';
import type { StallWatchdog } from './StallWatchdog';
import type { SyncRequest } from './SyncRequest';
import { warningFor } from './passOutcome';
import { wifiWait, type WifiWait } from './wifiWait';

export interface SchedulerDeps {
  host: HostEnvironment;
  state: EngineState;
  watchdog: StallWatchdog;
  uploadDebounceMs: number;
  /** The engine is started, not disposed, and this tab leads: only then does anything run by itself. */
  active: () => boolean;
  running: () => boolean;
  /** Runs a pass now (the timer fired). */
  run: (request: SyncRequest) => void;
}

/**
 * When the next automatic pass runs: one timer, set from what waits (queued changes, debounced; tables falling
 * due), held back by the backoff after a failure (or the server's Retry-After, whole) and by what the user and the
 * device allow (Wi-Fi only, on demand, offline, app in the background).
 */
export class PassScheduler {
  private cancelTimer: (() => void) | undefined;
  private backoffUntil: number | undefined;
  /** `backoffUntil` is the server's Retry-After, not our own backoff: a reconnect does not cut it short. */
  private backoffFromServer = false;
  /** A user's request whose pass failed for a passing reason: run again when the backoff ends. */
  private retryRequest: SyncRequest | undefined;
  private failures = 0;
  private uploadAt: number | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Queued changes may upload now (a retry, another tab's changes taken over). */
  uploadNow(): void {
    this.uploadAt = this.deps.host.now();
  }

  /** A change was just queued: upload once the user pauses. */
  uploadSoon(): void {
    this.uploadAt = this.deps.host.now() + this.deps.uploadDebounceMs;
  }

  /**
   * Back online: try at once, whatever backoff the outage caused, unless the server asked for a wait that has not
   * run out (service protection: many devices reconnecting at once must not all retry early).
   */
  backOnline(): void {
    if (!this.backoffFromServer || (this.backoffUntil ?? 0) <= this.deps.host.now()) this.backoffUntil = undefined;
    this.failures = 0;
  }

  /** The offline data was reset: nothing to back off from. */
  forgetBackoff(): void {
    this.backoffUntil = undefined;
  }

  passSucceeded(): void {
    this.failures = 0;
    this.backoffUntil = undefined;
    this.retryRequest = undefined;
  }

  /**
   * The server said how long to wait: that is the wait, whole and no longer (a long upload under service
   * protection limits meets 429 again and again; escalating would stall it for minutes). Otherwise back off.
   * A user's request that failed for a passing reason runs again after it; the warning says when.
   */
  passFailed(error: SyncEngineError, request: SyncRequest): void {
    this.retryRequest = error.transient && error.code !== 'aborted' && request.kind !== 'auto' ? request : undefined;
    this.failures++;
    const wait = error.retryAfterMs ?? backoffDelay(this.failures, this.deps.host.random());
    this.backoffUntil = this.deps.host.now() + wait;
    this.backoffFromServer = error.retryAfterMs !== undefined;
    const warning = warningFor(error);
    if (warning) this.deps.state.setWarning(warning.code, warning.message, { nextAttemptAt: this.backoffUntil });
  }

  cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** Decides when the next automatic pass runs and sets one timer for it. */
  reschedule(): void {
    this.cancel();
    if (!this.deps.active()) return;
    const { host, state } = this.deps;
    const blocker = autoSyncBlocker(host.isAppActive(), host.isNetworkAvailable(), host.connectionType(), state.userSettings);
    // Warnings about the schedule are true only for the schedule as it is now: no stall while sync is held back.
    this.deps.watchdog.check(blocker === null);
    const wifi = this.showWaitingForWifi(blocker);
    if (this.deps.running()) return;
    // A user's request that failed for a passing reason is retried after the backoff, even in on-demand mode.
    const retry = this.retryRequest && (!blocker || blocker === 'on-demand') ? this.retryRequest : undefined;
    if (blocker && !retry) {
      if (wifi.lookAgainAt !== undefined) this.lookAgainAt(wifi.lookAgainAt);
      return;
    }
    const pending = blocker ? undefined : state.ledger.nextReadyAt();
    const uploadAt = pending === undefined ? undefined : Math.max(pending, this.uploadAt ?? 0);
    const candidates = { backoffUntil: this.backoffUntil, uploadAt, tablesDueAt: blocker ? [] : state.tablesDueAt() };
    const at = retry ? Math.min(this.backoffUntil ?? 0, nextRunAt(candidates) ?? Infinity) : nextRunAt(candidates);
    if (at === undefined) return;
    this.cancelTimer = host.setTimer(() => {
      this.cancelTimer = undefined;
      if (!this.deps.running()) this.deps.run(retry ?? { kind: 'auto' });
    }, Math.max(0, at - host.now()));
  }

  /** Raises "Waiting for a Wi-Fi connection" while that is all sync waits for, and takes it back otherwise. */
  private showWaitingForWifi(blocker: AutoSyncBlocker | null): WifiWait {
    const { state, host } = this.deps;
    const { ledger } = state;
    const wifi = wifiWait(blocker, ledger.size - ledger.counts().held > 0, state.tablesDueAt(), host.now());
    if (wifi.waiting === state.hasWarning('wifi-only-waiting')) return wifi;
    if (wifi.waiting) state.setWarning('wifi-only-waiting', 'Waiting for a Wi-Fi connection to sync.');
    else state.clearWarning('wifi-only-waiting');
    state.publish();
    return wifi;
  }

  /** Nothing may run now; look at the schedule again at `at` (a table falls due while sync is held back). */
  private lookAgainAt(at: number): void {
    this.cancelTimer = this.deps.host.setTimer(() => {
      this.cancelTimer = undefined;
      this.reschedule();
    }, Math.max(0, at - this.deps.host.now()));
  }
}
