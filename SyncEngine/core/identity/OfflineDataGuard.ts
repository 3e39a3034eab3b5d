import type { HostEnvironment, OfflineDataMarker } from '../../contracts/HostEnvironment';
import type { RecordStore } from '../../contracts/RecordStore';

/** The `setValue` key of the database's identity; a reset keeps it (`ClearOptions.keepValues`). */
export const DATABASE_IDENTITY_KEY = 'databaseIdentity';

/** Written once when a database is new: a database that holds another one, or none, is not the one marked. */
interface DatabaseIdentity {
  id: string;
  createdAt: number;
}

/** What the device holds that a removal of the offline data would lose (the marker's counts). */
export interface DeviceCounts {
  changes: number;
  fileChanges: number;
  syncErrors: number;
}

/** What the marker said was on the device when the database was found gone. */
export interface OfflineDataLoss extends DeviceCounts {
  /** When the marker was last written: the last change the device knew of. */
  lastWriteAt: number;
}

/**
 * Tells a database that was evicted or cleared behind the engine's back from a new one. The database holds a
 * random identity; a marker kept apart from it (the host's, `localStorage` in a browser) holds the same id and what
 * the device held at its last change. Identity missing or different while the marker names one: the data was
 * removed, and the marker says what went with it. Neither: a new device. Only the tab that syncs checks and writes,
 * so two tabs never race to mark one database.
 */
export class OfflineDataGuard {
  private identity: DatabaseIdentity | undefined;
  private written: string | undefined;

  constructor(
    private readonly store: RecordStore,
    private readonly host: HostEnvironment,
    private readonly database: string,
  ) {}

  /** A host without a marker cannot tell a removal from a new device: nothing is checked then. */
  get supported(): boolean {
    return typeof this.host.readOfflineMarker === 'function' && typeof this.host.writeOfflineMarker === 'function';
  }

  /**
   * Answers the loss when the database is not the one the marker names; gives a new database its identity. The
   * marker is written at the next `note`, once the engine knows the device's counts.
   */
  async check(): Promise<OfflineDataLoss | null> {
    if (!this.supported) return null;
    const stored = await this.store.getValue<DatabaseIdentity>(DATABASE_IDENTITY_KEY);
    const marker = this.host.readOfflineMarker?.(this.database) ?? null;
    if (marker && stored?.id !== marker.databaseId) {
      this.identity = undefined;
      return { changes: marker.changes, fileChanges: marker.fileChanges, syncErrors: marker.syncErrors, lastWriteAt: marker.lastWriteAt };
    }
    this.written = undefined;
    if (stored && typeof stored.id === 'string') this.identity = stored;
    else await this.setIdentity();
    return null;
  }

  /** A fresh identity for the database just emptied, and the marker with what it holds now. */
  async renew(counts: DeviceCounts): Promise<void> {
    if (!this.supported) return;
    await this.setIdentity();
    this.written = undefined;
    this.note(counts);
  }

  /** The device's counts now; the marker is written only when they changed (a tiny synchronous write). */
  note(counts: DeviceCounts): void {
    const identity = this.identity;
    if (!identity) return;
    const key = `${counts.changes}/${counts.fileChanges}/${counts.syncErrors}`;
    if (key === this.written) return;
    this.written = key;
    const marker: OfflineDataMarker = { database: this.database, databaseId: identity.id, createdAt: identity.createdAt, ...counts, lastWriteAt: this.host.now() };
    this.host.writeOfflineMarker?.(marker);
  }

  private async setIdentity(): Promise<void> {
    const identity = { id: this.host.newId(), createdAt: this.host.now() };
    await this.store.setValue(DATABASE_IDENTITY_KEY, identity);
    this.identity = identity;
  }

  /** This tab no longer syncs: the one that does owns the marker (it may renew the identity). */
  release(): void {
    this.identity = undefined;
    this.written = undefined;
  }
}
