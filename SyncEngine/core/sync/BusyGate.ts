import { AbortedError } from '../../contracts/errors';
import type { HostEnvironment } from '../../contracts/HostEnvironment';

/**
 * The server's "too many requests" (429) for the whole pass: once it said how long to wait, no download request
 * goes out before that time, whichever table asks (service protection counts per user, not per table).
 */
export class BusyGate {
  private until = 0;

  constructor(private readonly host: HostEnvironment) {}

  /** No request before `ms` from now (a longer wait already set stands). */
  hold(ms: number): void {
    this.until = Math.max(this.until, this.host.now() + ms);
  }

  get heldUntil(): number | undefined {
    return this.until > this.host.now() ? this.until : undefined;
  }

  /** `wait` while held; nothing (go now, in this same turn) otherwise. */
  whenOpen(signal: AbortSignal): Promise<void> | undefined {
    return this.heldUntil === undefined ? undefined : this.wait(signal);
  }

  /** Resolves once requests may go out again; rejects with `AbortedError` when the pass is cancelled meanwhile. */
  async wait(signal: AbortSignal): Promise<void> {
    for (let left = this.until - this.host.now(); left > 0; left = this.until - this.host.now()) {
      if (signal.aborted) throw new AbortedError('The sync was cancelled.');
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          cancel();
          reject(new AbortedError('The sync was cancelled.'));
        };
        const cancel = this.host.setTimer(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, left);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  }
}
