import type { Row } from '../../SyncEngine/contracts/rows';

/**
 * What the comparison may ignore, each because Dataverse itself varies on it, not because a side is wrong:
 * - `@odata.etag`: a row version, not a query result; the device holds the one it downloaded.
 * - every other annotation (`…@OData.Community.Display.V1.FormattedValue`, `…@Microsoft.Dynamics.CRM.lookuplogicalname`):
 *   present only as the request's `Prefer: odata.include-annotations` asks, and engine.offline has no Prefer.
 * Keys are sorted so JSON key order (which carries no meaning) cannot make a difference.
 */
export function normaliseRow(row: Row): Row {
  const result: Row = {};
  for (const key of Object.keys(row).sort()) if (!key.includes('@')) result[key] = row[key];
  return result;
}

const show = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value));

/** How one row differs from the other, key by key; '' when equal. */
function rowChanges(device: Row, server: Row): string[] {
  const keys = [...new Set([...Object.keys(device), ...Object.keys(server)])].sort();
  return keys.filter((key) => show(device[key]) !== show(server[key])).map((key) => `${key}: device ${show(device[key])}, emulator ${show(server[key])}`);
}

/**
 * '' when both answers hold the same rows in the same order (after `normaliseRow`); otherwise a short account a
 * reader can act on: the counts, the first rows that differ, and rows one side has and the other lacks.
 */
export function rowDifference(deviceRows: readonly Row[], serverRows: readonly Row[]): string {
  const device = deviceRows.map(normaliseRow);
  const server = serverRows.map(normaliseRow);
  const lines: string[] = [];
  if (device.length !== server.length) lines.push(`device ${String(device.length)} rows, emulator ${String(server.length)} rows`);
  const serverSet = new Set(server.map(show));
  const deviceSet = new Set(device.map(show));
  const onlyDevice = device.filter((row) => !serverSet.has(show(row)));
  const onlyServer = server.filter((row) => !deviceSet.has(show(row)));
  if (onlyDevice.length > 0) lines.push(`only on the device (${String(onlyDevice.length)}): ${onlyDevice.slice(0, 3).map(show).join(' ')}`);
  if (onlyServer.length > 0) lines.push(`only from the emulator (${String(onlyServer.length)}): ${onlyServer.slice(0, 3).map(show).join(' ')}`);
  const firstDifferent = device.findIndex((row, index) => index >= server.length || show(row) !== show(server[index]));
  if (firstDifferent >= 0 && firstDifferent < server.length) {
    lines.push(`first difference at row ${String(firstDifferent)}: ${rowChanges(device[firstDifferent], server[firstDifferent]).slice(0, 6).join('; ')}`);
  }
  if (lines.length > 0 && onlyDevice.length === 0 && onlyServer.length === 0 && device.length === server.length) lines.push('(same rows, different order)');
  return lines.join('\n');
}
