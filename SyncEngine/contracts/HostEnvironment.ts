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
}
