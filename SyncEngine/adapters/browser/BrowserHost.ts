import type { ConnectionType, HostEnvironment, OfflineDataMarker, StorageEstimate } from '../../contracts/HostEnvironment';
import { parseMarker } from './offlineMarker';

/** The PCF / Xrm client's network view (`context.client`), which knows more than `navigator.onLine` in the apps. */
export interface NetworkClient {
  isNetworkAvailable?(): boolean;
}

/** The Network Information API (`navigator.connection`); absent in Safari and Firefox. */
interface NetworkInformationLike extends EventTarget {
  type?: string;
}

/** The browser globals the host reads, injectable so tests and unusual hosts can pass their own. */
export interface BrowserGlobals {
  window: Window;
  navigator: Navigator;
  document: Document;
  crypto?: Crypto;
}

/**
 * `HostEnvironment` over the browser (and the mobile player's web view): network from the PCF client when it answers,
 * otherwise `navigator.onLine`; connection type from the Network Information API, `unknown` when it is missing —
 * never guessed, since "Wi-Fi only" must not sync over a connection it cannot see; activity from the page's
 * visibility.
 */
export class BrowserHost implements HostEnvironment {
  private readonly globals: BrowserGlobals;

  constructor(
    private readonly client?: NetworkClient,
    globals?: BrowserGlobals,
  ) {
    this.globals = globals ?? { window, navigator, document, crypto: globalThis.crypto };
  }

  now(): number {
    return Date.now();
  }

  setTimer(callback: () => void, ms: number): () => void {
    const handle = this.globals.window.setTimeout(callback, Math.max(0, ms));
    return () => {
      this.globals.window.clearTimeout(handle);
    };
  }

  random(): number {
    return Math.random();
  }

  newId(): string {
    const crypto = this.globals.crypto;
    // randomUUID exists only in secure contexts; getRandomValues everywhere.
    if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return uuidFromBytes(randomBytes(crypto));
  }

  /**
   * Offline when either the browser or the host says so: the browser knows at once when the link drops, the
   * host (the mobile player) knows more when the browser claims a link it cannot use.
   */
  isNetworkAvailable(): boolean {
    if (!this.globals.navigator.onLine) return false;
    const client = this.client;
    if (client && typeof client.isNetworkAvailable === 'function') {
      try {
        return client.isNetworkAvailable();
      } catch {
        // Some hosts throw outside model-driven apps: the browser's view stands.
      }
    }
    return true;
  }

  connectionType(): ConnectionType {
    if (!this.isNetworkAvailable()) return 'none';
    const type = this.connection()?.type;
    switch (type) {
      case 'wifi':
      case 'cellular':
      case 'ethernet':
      case 'none':
        return type;
      case 'wimax':
      case 'bluetooth':
      case 'other':
      case 'mixed':
        return 'other';
      default:
        return 'unknown';
    }
  }

  isAppActive(): boolean {
    return this.globals.document.visibilityState === 'visible';
  }

  subscribe(listener: () => void): () => void {
    const { window: win, document: doc } = this.globals;
    const connection = this.connection();
    const handler = (): void => {
      listener();
    };
    win.addEventListener('online', handler);
    win.addEventListener('offline', handler);
    doc.addEventListener('visibilitychange', handler);
    connection?.addEventListener('change', handler);
    return () => {
      win.removeEventListener('online', handler);
      win.removeEventListener('offline', handler);
      doc.removeEventListener('visibilitychange', handler);
      connection?.removeEventListener('change', handler);
    };
  }

  async storageEstimate(): Promise<StorageEstimate | null> {
    const storage = this.globals.navigator.storage as StorageManager | undefined;
    if (typeof storage?.estimate !== 'function') return null;
    try {
      const { usage, quota } = await storage.estimate();
      if (usage === undefined || quota === undefined) return null;
      return { usageBytes: usage, quotaBytes: quota };
    } catch {
      // Private modes and some web views refuse the estimate.
      return null;
    }
  }

  /** `null` without the Storage API's persistence calls (old browsers, some web views, jsdom). */
  persisted(): Promise<boolean | null> {
    return this.callStorage('persisted');
  }

  persist(): Promise<boolean | null> {
    return this.callStorage('persist');
  }

  private async callStorage(name: 'persisted' | 'persist'): Promise<boolean | null> {
    const storage = this.globals.navigator.storage as Partial<StorageManager> | undefined;
    const call = storage?.[name];
    if (typeof call !== 'function') return null;
    try {
      return await call.call(storage);
    } catch {
      // Opaque origins and some private modes reject instead of answering.
      return null;
    }
  }

  /**
   * In `localStorage`, apart from the offline database: the browser evicting IndexedDB under storage pressure, or
   * someone deleting the database, leaves it. Storage may be missing or refuse (private modes, sandboxed frames,
   * a full disk): then there is no marker, and no removal can be told from a new device.
   */
  readOfflineMarker(database: string): OfflineDataMarker | null {
    try {
      const text = this.globals.window.localStorage.getItem(markerKey(database));
      return text === null ? null : parseMarker(text, database);
    } catch {
      return null;
    }
  }

  writeOfflineMarker(marker: OfflineDataMarker): void {
    try {
      this.globals.window.localStorage.setItem(markerKey(marker.database), JSON.stringify(marker));
    } catch {
      // Quota or a storage that refuses: the old marker (or none) stays.
    }
  }

  private connection(): NetworkInformationLike | undefined {
    const nav = this.globals.navigator as Navigator & { connection?: NetworkInformationLike };
    return nav.connection;
  }
}

function markerKey(database: string): string {
  return `oss:marker:${database}`;
}

function randomBytes(crypto: Crypto | undefined): Uint8Array {
  const bytes = new Uint8Array(16);
  if (crypto && typeof crypto.getRandomValues === 'function') return crypto.getRandomValues(bytes);
  // No Web Crypto at all (very old web views): ids need uniqueness, not secrecy.
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

/** RFC 4122 version 4 layout. */
function uuidFromBytes(bytes: Uint8Array): string {
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
