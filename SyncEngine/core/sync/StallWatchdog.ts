import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { EngineState } from '../EngineState';

/** Raises a "stalled" warning when connected with changes waiting and no upload progress for too long. */
export class StallWatchdog {
  private lastProgressAt: number;
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
  }

  check(): void {
    this.dispose();
    const counts = this.state.ledger.counts();
    const waiting = this.state.ledger.size - counts.held > 0;
    const connected = this.state.status.connectivity === 'online';
    const stallAt = this.lastProgressAt + this.stallAfterMs;
    const stalled = waiting && connected && this.host.now() >= stallAt;
    if (waiting && connected && !stalled) {
      this.cancel = this.host.setTimer(() => {
        this.check();
      }, stallAt - this.host.now());
    }
    if (stalled && !this.state.hasWarning('stalled')) {
      this.state.setWarning('stalled', 'Changes are waiting to upload but sync is making no progress.');
      this.state.publish();
    } else if (!waiting && this.state.hasWarning('stalled')) {
      this.state.clearWarning('stalled');
      this.state.publish();
    }
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
