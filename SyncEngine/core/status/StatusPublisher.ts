import type { StatusListener } from '../../contracts/SyncEngineApi';
import { SyncStatus, type SyncStatusInit } from '../../contracts/SyncStatus';

/** Holds the current snapshot and tells listeners — only when something really changed. */
export class StatusPublisher {
  private current: SyncStatus;
  private readonly listeners = new Set<StatusListener>();

  constructor(initial: SyncStatusInit) {
    this.current = new SyncStatus(initial);
  }

  get status(): SyncStatus {
    return this.current;
  }

  subscribe(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Answers whether the status changed. */
  update(changes: Partial<SyncStatusInit>): boolean {
    const next = this.current.with(changes);
    if (next.isEqual(this.current)) return false;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch {
        // A failing listener (one control's render) must not stop the others or the engine.
      }
    }
    return true;
  }
}
