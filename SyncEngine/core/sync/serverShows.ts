import type { Row } from '../../contracts/rows';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a server row shows the values a change wrote, when nobody saw the answer to that write (a lost reply, or
 * a write the mobile player uploaded). Plain columns compare as they are, `x@odata.bind` lookups as the row's
 * `_x_value`, ids without regard to case. Columns the row does not carry are not compared; `null` when none
 * could be, so the caller decides from other evidence.
 */
export function serverShows(serverRow: Row, values: Row, primaryId?: string): boolean | null {
  let compared = 0;
  for (const [key, value] of Object.entries(values)) {
    const column = serverColumn(key, value, primaryId);
    if (!column || !(column.name in serverRow)) continue;
    compared++;
    if (!sameValue(serverRow[column.name], column.value)) return false;
  }
  return compared > 0 ? true : null;
}

/** The server row's column for a written key: plain columns as they are, `x@odata.bind` as `_x_value`. */
function serverColumn(key: string, value: unknown, primaryId: string | undefined): { name: string; value: unknown } | null {
  if (key === primaryId) return null;
  const bind = /^(.+)@odata\.bind$/.exec(key);
  if (bind) {
    const id = typeof value === 'string' ? /\(([^)]+)\)\s*$/.exec(value)?.[1] : undefined;
    return id === undefined ? null : { name: `_${bind[1].toLowerCase()}_value`, value: id.toLowerCase() };
  }
  return key.includes('@') ? null : { name: key, value };
}

/** Equal values; ids compare without regard to case (the service answers them in lower case). */
function sameValue(server: unknown, written: unknown): boolean {
  if (typeof server === 'string' && typeof written === 'string' && GUID.test(server)) return server.toLowerCase() === written.toLowerCase();
  return JSON.stringify(server ?? null) === JSON.stringify(written ?? null);
}
