import type { ExpectedEdit } from './page/delta';
import { BENCH_PROFILE } from './page/benchProfile';

/** A text column per table that the delta edits: plain strings, so the check after the sync is exact. */
export const EDITABLE: Record<string, string> = {
  account: 'telephone1',
  contact: 'jobtitle',
  msdyn_workorder: 'msdyn_instructions',
  bookableresourcebooking: 'msdyn_bookingnotes',
  msdyn_customerasset: 'msdyn_notes',
};

interface Ids {
  table: string;
  entitySet: string;
  ids: string[];
}

/** Every row id of every profile table on an emulator (node side, over HTTP, untimed). */
export async function listIds(baseUrl: string): Promise<Ids[]> {
  const result: Ids[] = [];
  for (const table of BENCH_PROFILE.tables) {
    const ids: string[] = [];
    let url: string | undefined = `${baseUrl}${table.entitySet}?$select=${table.primaryId}`;
    while (url) {
      const response = await fetch(url, { headers: { Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' } });
      const body = (await response.json()) as { value: Record<string, string>[]; '@odata.nextLink'?: string };
      for (const row of body.value) ids.push(row[table.primaryId]);
      url = body['@odata.nextLink'];
    }
    result.push({ table: table.logicalName, entitySet: table.entitySet, ids });
  }
  return result;
}

/**
 * Makes `count` server-side edits spread evenly over the tables, on rows picked with `random`, through the
 * emulator's admin API (someone else changing data). Answers the last edit, for the page to check.
 */
export async function editRows(origin: string, tables: Ids[], count: number, random: () => number, round: number): Promise<ExpectedEdit> {
  let last: ExpectedEdit | undefined;
  for (let n = 0; n < count; n++) {
    const { table, entitySet, ids } = tables[n % tables.length];
    const id = ids[Math.floor(random() * ids.length)];
    const column = EDITABLE[table];
    const value = `bench edit ${round}.${n}`;
    const response = await fetch(`${origin}/_emulator/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entitySet, id, changes: { [column]: value } }),
    });
    if (!response.ok) throw new Error(`edit ${entitySet}(${id}) failed: ${response.status} ${await response.text()}`);
    last = { table, id, column, value };
  }
  if (!last) throw new Error('no edits made');
  return last;
}
