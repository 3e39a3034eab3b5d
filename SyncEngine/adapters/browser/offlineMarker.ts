import type { OfflineDataMarker } from '../../contracts/HostEnvironment';

/**
 * The marker as `localStorage` holds it, checked field by field: anything else (an older shape, another app's
 * value, a hand edit) is no marker rather than a wrong count in front of the user.
 */
export function parseMarker(text: string, database: string): OfflineDataMarker | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (m.database !== database || typeof m.databaseId !== 'string' || m.databaseId === '') return null;
  const counts = [m.createdAt, m.changes, m.fileChanges, m.syncErrors, m.lastWriteAt];
  if (!counts.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return null;
  return {
    database,
    databaseId: m.databaseId,
    createdAt: m.createdAt as number,
    changes: m.changes as number,
    fileChanges: m.fileChanges as number,
    syncErrors: m.syncErrors as number,
    lastWriteAt: m.lastWriteAt as number,
  };
}
