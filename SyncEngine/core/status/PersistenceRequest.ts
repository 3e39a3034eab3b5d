import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { StoragePersistence } from '../../contracts/SyncStatus';
import type { EngineState } from '../EngineState';

/**
 * Keeps the browser from evicting the offline data: reads `persisted()` at start and asks `persist()` once per
 * session, when the first sync starts or the first change is queued, since only then does the database hold
 * something worth keeping. A denied request is not repeated: browsers decide by heuristics (engagement,
 * installation), and asking on every change would only cost a prompt in those that show one.
 */
export class PersistenceRequest {
  private asked = false;

  constructor(
    private readonly host: HostEnvironment,
    private readonly state: EngineState,
  ) {}

  /** Reads what the browser says now (at start); never fails the start. A host without the call stays `unknown`. */
  async check(): Promise<void> {
    this.set(await answer(() => this.host.persisted?.()));
  }

  /** Asks once per session, and only when the storage is known to be evictable. */
  ask(): void {
    if (this.asked || this.state.storagePersistence !== 'best-effort') return;
    this.asked = true;
    void answer(() => this.host.persist?.()).then((granted) => {
      // Denied keeps `best-effort`; an unusable answer says nothing new.
      if (granted === 'persisted') this.set(granted);
    });
  }

  private set(value: StoragePersistence): void {
    if (this.state.storagePersistence === value) return;
    this.state.storagePersistence = value;
    this.state.publish();
  }
}

async function answer(call: () => Promise<boolean | null> | undefined): Promise<StoragePersistence> {
  try {
    const result = await call();
    if (result === null || result === undefined) return 'unknown';
    return result ? 'persisted' : 'best-effort';
  } catch {
    // Some web views and private modes throw instead of answering.
    return 'unknown';
  }
}
