import { engineFor } from './engineStack';
import { settle } from './measure';

/** One server-side edit the runner made, so the page can check the delta really brought it down. */
export interface ExpectedEdit {
  table: string;
  id: string;
  column: string;
  value: string;
}

/**
 * Times one `syncNow()` that downloads the delta the runner just made on the server (edits through the
 * emulator's admin API) and checks that an edited value arrived.
 */
export async function timeDelta(key: string, expected: ExpectedEdit): Promise<number> {
  const engine = engineFor(key);
  await settle();
  const start = performance.now();
  await engine.syncNow();
  const ms = performance.now() - start;
  const row = await engine.offline.retrieveRecord(expected.table, expected.id);
  if (row[expected.column] !== expected.value) {
    throw new Error(`Delta did not arrive: ${expected.table} ${expected.id}.${expected.column} is ${JSON.stringify(row[expected.column])}.`);
  }
  return ms;
}

/** Rows on the device now, from the status (what the size comparison is about). */
export function deviceRows(key: string): number {
  return engineFor(key)
    .getStatus()
    .tables.reduce((sum, t) => sum + t.rows, 0);
}
