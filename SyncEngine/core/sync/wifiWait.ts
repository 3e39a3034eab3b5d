import type { AutoSyncBlocker } from './schedule';

export interface WifiWait {
  /** Sync has something to do and waits only for a Wi-Fi connection: the user is told so. */
  waiting: boolean;
  /** Nothing to do yet, but a table falls due then while Wi-Fi only still holds sync back: look again at that time. */
  lookAgainAt?: number;
}

/**
 * Whether sync is waiting for Wi-Fi: the user chose Wi-Fi only, the device is on another link, and changes are
 * queued or a table is due. On-demand waits for the user, not for Wi-Fi; offline shows as not connected.
 */
export function wifiWait(blocker: AutoSyncBlocker | null, changesWaiting: boolean, tablesDueAt: readonly number[], now: number): WifiWait {
  if (blocker !== 'wifi-only') return { waiting: false };
  if (changesWaiting) return { waiting: true };
  const due = Math.min(...tablesDueAt);
  if (due <= now) return { waiting: true };
  return { waiting: false, lookAgainAt: Number.isFinite(due) ? due : undefined };
}
