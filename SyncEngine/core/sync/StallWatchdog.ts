import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { EngineState } from '../EngineState';

/**
 * Raises a "stalled" warning when connected with changes waiting and no upload progress for too long — counting
 * only the time the engine was allowed to sync. While sync is held back on purpose (on-demand, Wi-Fi only on a
 * cellular link, the app in the background, offline) nothing is supposed to upload, so nothing is stalled.
 */
export class StallWatchdog {
  private lastProgressAt: number;
  /** Since when automatic sync has been held back; undefined while it may run. */
  private pausedSince: number | undefined;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly state: EngineState,
    private readonly host: HostEnvironment,
    private readonly stallAfterMs: number,
  ) {
    this.lastProgressAt = host.now();
  }

  /** Something uploaded, or the queue just started (nothing was waiting before). */
  progressed(): void {
    this.lastProgressAt = this.host.now();
    if (this.pausedSince !== undefined) this.pausedSince = this.lastProgressAt;
  }

  /** Looks again; `allowed`: automatic sync may run now (no blocker). */
  check(allowed: boolean): void {
    this.dispose();
    const now = this.host.now();
    if (!allowed) {
      this.pausedSince ??= now;
      this.clear();
      return;
    }
    if (this.pausedSince !== undefined) {
      // The time sync was held back does not count as time without progress.
      this.lastProgressAt += now - this.pausedSince;
      this.pausedSince = undefined;
    }
    const counts = this.state.ledger.counts();
    const waiting = this.state.ledger.size - counts.held > 0;
    const connected = this.state.status.connectivity === 'online';
    const stallAt = this.lastProgressAt + this.stallAfterMs;
    const stalled = waiting && connected && now >= stallAt;
    if (waiting && connected && !stalled) {
      this.cancel = this.host.setTimer(() => {
        this.check(true);
      }, stallAt - now);
    }
    if (stalled && !this.state.hasWarning('stalled')) {
      this.state.setWarning('stalled', 'Changes are waiting to upload but sync is making no progress.');
      this.state.publish();
    } else if (!stalled) this.clear();
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private clear(): void {
    if (!this.state.hasWarning('stalled')) return;
    this.state.clearWarning('stalled');
    this.state.publish();
  }
}
