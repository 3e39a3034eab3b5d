import type { ConnectionType } from '../../contracts/HostEnvironment';
import type { UserSettings } from '../../contracts/profile';

export type AutoSyncBlocker = 'inactive' | 'offline' | 'wifi-only' | 'on-demand';

/**
 * Why automatic sync may not start now, or null when it may. Sync starts only while the app is active and the
 * device connected; Wi-Fi only waits out cellular links (an unknown link type is not held against the user —
 * the status shows it as unknown); on-demand never starts by itself.
 */
export function autoSyncBlocker(active: boolean, networkAvailable: boolean, connection: ConnectionType, settings: UserSettings): AutoSyncBlocker | null {
  if (settings.onDemand) return 'on-demand';
  if (!networkAvailable || connection === 'none') return 'offline';
  if (settings.wifiOnly && (connection === 'cellular' || connection === 'other')) return 'wifi-only';
  if (!active) return 'inactive';
  return null;
}

export interface ScheduleInput {
  /** Earliest time anything may run after a failed pass (backoff, Retry-After). */
  backoffUntil?: number;
  /** When queued changes may upload (debounced), if any wait. */
  uploadAt?: number;
  /** When each table is due: last sync + effective interval; `0` for a table never fully downloaded. */
  tablesDueAt: readonly number[];
}

/** When the next automatic pass should run, or undefined when nothing is waiting. */
export function nextRunAt(input: ScheduleInput): number | undefined {
  const candidates = [...input.tablesDueAt];
  if (input.uploadAt !== undefined) candidates.push(input.uploadAt);
  if (candidates.length === 0) return undefined;
  const earliest = Math.min(...candidates);
  return Math.max(earliest, input.backoffUntil ?? 0);
}

/** Tables due at `now`. */
export function dueTables(names: readonly string[], dueAt: readonly number[], now: number): string[] {
  return names.filter((_, i) => dueAt[i] <= now);
}
