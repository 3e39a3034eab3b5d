import type { ConnectionType, HostEnvironment, OfflineDataMarker, StorageEstimate } from '../../SyncEngine/contracts/HostEnvironment';

interface Timer {
  at: number;
  callback: () => void;
}

/** A HostEnvironment with a hand-driven clock, network and visibility, for deterministic engine tests. */
export class FakeHost implements HostEnvironment {
  time = Date.UTC(2026, 10, 22, 9, 0, 0);
  online = true;
  connection: ConnectionType = 'wifi';
  active = true;
  usage = 1_000_000;
  private timers = new Map<number, Timer>();
  private nextTimer = 1;
  private ids = 0;
  private listeners = new Set<() => void>();
  /** What the browser's `localStorage` holds for the engine, shared by every engine given this host (tabs). */
  readonly markers = new Map<string, OfflineDataMarker>();
  markerWrites = 0;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const id = this.nextTimer++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return () => this.timers.delete(id);
  }

  random(): number {
    return 0.5;
  }

  newId(): string {
    this.ids++;
    return `00000000-0000-4000-8000-${this.ids.toString(16).padStart(12, '0')}`;
  }

  isNetworkAvailable(): boolean {
    return this.online;
  }

  connectionType(): ConnectionType {
    return this.online ? this.connection : 'none';
  }

  isAppActive(): boolean {
    return this.active;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  storageEstimate(): Promise<StorageEstimate | null> {
    return Promise.resolve({ usageBytes: this.usage, quotaBytes: 1e9 });
  }

  readOfflineMarker(database: string): OfflineDataMarker | null {
    const marker = this.markers.get(database);
    return marker ? { ...marker } : null;
  }

  writeOfflineMarker(marker: OfflineDataMarker): void {
    this.markerWrites++;
    this.markers.set(marker.database, { ...marker });
  }

  /** Changes the network or visibility and tells the engine, as the browser's events would. */
  set(changes: Partial<Pick<FakeHost, 'online' | 'connection' | 'active'>>): void {
    Object.assign(this, changes);
    for (const listener of [...this.listeners]) listener();
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * Moves the clock forward, firing due timers in order and letting their async work settle between them.
   * `quiesce` is that wait: the default lets promise chains run; a test whose engine does real I/O (HTTP) passes
   * one that waits for the engine to be idle, so no later timer (a health check's timeout, say) fires while a
   * request is still on the wire.
   */
  async advance(ms: number, quiesce: () => Promise<void> = settle): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await quiesce();
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
      if (due.length === 0) break;
      const next = due[0];
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    this.time = end;
    await quiesce();
  }
}

/** Lets pending promise chains (store and remote calls) run to completion. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
