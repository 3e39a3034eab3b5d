export type ConnectionType = 'wifi' | 'cellular' | 'ethernet' | 'other' | 'none' | 'unknown';

export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
}

/** Who and where: one offline database per organisation and user. */
export interface Identity {
  /** Organisation URL or id. */
  orgId: string;
  userId: string;
  businessUnitId?: string;
  teamIds?: string[];
}

/**
 * What the device held at the offline database's last change, kept apart from the database (so it outlives the
 * database being evicted or cleared): the database's identity, and what a loss of it would lose.
 */
export interface OfflineDataMarker {
  /** The database name the marker is about (one per organisation and user). */
  database: string;
  /** The random id the database holds under its identity value; another id, or none, means it was replaced. */
  databaseId: string;
  /** When that database was created (epoch ms). */
  createdAt: number;
  /** Queued changes: rows, files and images (the pending count the user saw). */
  changes: number;
  /** Of `changes`, the file and image uploads. */
  fileChanges: number;
  /** Entries of the sync error list. */
  syncErrors: number;
  /** When the marker was last written (epoch ms). */
  lastWriteAt: number;
}

/** The device and app the engine runs in. Injected so tests control time, network and visibility. */
export interface HostEnvironment {
  now(): number;
  /** Calls `callback` once after `ms`; answers a function that cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
  /** [0, 1), for backoff jitter. */
  random(): number;
  /** A fresh unique id (GUID) for client-created rows. */
  newId(): string;
  /** The platform's own view (navigator.onLine / context.client.isNetworkAvailable). */
  isNetworkAvailable(): boolean;
  /** `unknown` when the platform cannot tell (no Network Information API): the UI says so. */
  connectionType(): ConnectionType;
  /** The app is in the foreground (page visible). */
  isAppActive(): boolean;
  /** Network, connection type or activity changed. Answers an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** `null` when the platform cannot tell. */
  storageEstimate(): Promise<StorageEstimate | null>;
  /**
   * Whether the browser keeps the offline data under storage pressure (`navigator.storage.persisted()`); `null`
   * or absent when the platform cannot tell. Optional so hosts written before it keep compiling.
   */
  persisted?(): Promise<boolean | null>;
  /** Asks the browser not to evict the offline data (`navigator.storage.persist()`): true when granted. */
  persist?(): Promise<boolean | null>;
  /**
   * The marker of `database` kept apart from the offline database (`localStorage` in a browser), or `null` when
   * there is none or it cannot be read. Optional with `writeOfflineMarker`: a host without them cannot tell an
   * evicted database from a new one, and the engine then does not try.
   */
  readOfflineMarker?(database: string): OfflineDataMarker | null;
  /** Replaces the marker of `marker.database`; must not throw (a storage that refuses just keeps the old one). */
  writeOfflineMarker?(marker: OfflineDataMarker): void;
}
