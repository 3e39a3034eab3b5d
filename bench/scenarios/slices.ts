import type { Row } from '../../SyncEngine/contracts/rows';
import { sliceQuery } from '../../SyncEngine/core/profile/sliceQuery';
import { SLICE_WINDOW, startEmulator, type RunningEmulator } from '../../test/dataverse-emulator';
import { EMULATOR_USER, OTHER_USERS } from '../../test/dataverse-emulator/tables';
import { call } from '../browser';
import { EDITABLE, listIds } from '../edits';
import { seededRandom } from '../page/measure';
import type { SliceSync } from '../page/slices';
import { SLICE_PROFILE } from '../page/sliceProfile';
import { compared, info, type BenchResult } from '../results';
import { median, type BenchContext } from './context';

/** The org: 20k accounts, 30k contacts, 20k work orders, 20k bookings, 10k assets; the user owns 1% of the bookings. */
const ORG_ROWS = 100_000;
const SLICE_SHARE = 0.01;
const SLICED_RUNS = 3;
const KB = 1024;

/** The server's slice of every profile table: its rows by id (lower case), as the slice query answers them. */
type Slice = Map<string, Map<string, Row>>;

/** The slice queries' answers on the emulator now (node side, untimed): what the device must hold. */
async function serverSlice(emulator: RunningEmulator): Promise<Slice> {
  const slice: Slice = new Map();
  for (const table of SLICE_PROFILE.tables) {
    const url = `${emulator.baseUrl}${table.entitySet}?fetchXml=${encodeURIComponent(sliceQuery(SLICE_PROFILE, table.logicalName))}`;
    const response = await fetch(url, { headers: { Accept: 'application/json', Prefer: 'odata.include-annotations="Microsoft.Dynamics.CRM.morerecords"' } });
    if (!response.ok) throw new Error(`slice query of ${table.logicalName} failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { value: Row[]; '@Microsoft.Dynamics.CRM.morerecords'?: boolean };
    if (body['@Microsoft.Dynamics.CRM.morerecords'] === true) throw new Error(`slice of ${table.logicalName} is over one page; the check reads one`);
    slice.set(table.logicalName, new Map(body.value.map((row) => [String(row[table.primaryId]).toLowerCase(), row])));
  }
  return slice;
}

function sliceSize(slice: Slice): number {
  return [...slice.values()].reduce((sum, rows) => sum + rows.size, 0);
}

/** Fails loudly unless the device holds exactly the server's slice, table by table. */
function checkDevice(what: string, device: SliceSync, slice: Slice): void {
  for (const [table, rows] of slice) {
    const expected = [...rows.keys()].sort();
    const held = table in device.tables ? device.tables[table].ids : [];
    const missing = expected.filter((id) => !held.includes(id));
    const extra = held.filter((id) => !rows.has(id));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`${what}: the device's ${table} is not the server's slice: ${missing.length} missing (${missing.slice(0, 3).join(',')}), ${extra.length} extra (${extra.slice(0, 3).join(',')}); device ${held.length}, server ${expected.length}.`);
    }
  }
}

async function admin(emulator: RunningEmulator, action: 'edit' | 'delete', body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulator.origin}/_emulator/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${action} ${JSON.stringify(body)} failed: ${response.status} ${await response.text()}`);
}

interface Booking {
  id: string;
  owner: string;
  starttime: string;
}

async function bookings(emulator: RunningEmulator): Promise<Booking[]> {
  const result: Booking[] = [];
  let url: string | undefined = `${emulator.baseUrl}bookableresourcebookings?$select=bookableresourcebookingid,_ownerid_value,starttime`;
  while (url) {
    const response = await fetch(url, { headers: { Accept: 'application/json', Prefer: 'odata.maxpagesize=5000' } });
    const body = (await response.json()) as { value: Record<string, string>[]; '@odata.nextLink'?: string };
    for (const row of body.value) result.push({ id: row.bookableresourcebookingid.toLowerCase(), owner: row._ownerid_value, starttime: row.starttime });
    url = body['@odata.nextLink'];
  }
  return result;
}

/** The 100 server-side changes of the delta, and what they touched. */
interface Changes {
  /** Rows edited (inside, outside, entering, leaving), by table: their ids, and the inside ones' column and value. */
  edited: Map<string, Set<string>>;
  inside: { table: string; id: string; column: string; value: string }[];
  counts: Record<'inside' | 'outside' | 'entering' | 'leaving' | 'deleted', number>;
}

/**
 * 40 edits inside the slice and 30 outside it (spread over the five tables), 10 bookings entering (a colleague's
 * booking in the window handed to the user, which brings its work order, account, contacts and assets), 10
 * leaving (the user's booking handed to a colleague, taking its chain along unless another booking holds it),
 * 10 deletes (one row per table inside the slice, one outside). Rows picked with a seeded PRNG, each once.
 */
async function makeChanges(emulator: RunningEmulator, before: Slice): Promise<Changes> {
  const random = seededRandom(1515);
  const all = await listIds(emulator.baseUrl);
  const used = new Set<string>();
  const changes: Changes = { edited: new Map(), inside: [], counts: { inside: 0, outside: 0, entering: 0, leaving: 0, deleted: 0 } };
  const pick = (ids: readonly string[]): string => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = ids[Math.floor(random() * ids.length)].toLowerCase();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    throw new Error('no unused row to change');
  };
  const note = (table: string, id: string): void => {
    const set = changes.edited.get(table) ?? new Set<string>();
    set.add(id);
    changes.edited.set(table, set);
  };
  for (const { table, entitySet, ids } of all) {
    const inSlice = [...(before.get(table)?.keys() ?? [])];
    const outside = ids.filter((id) => !before.get(table)?.has(id.toLowerCase()));
    const column = EDITABLE[table];
    for (let n = 0; n < 8; n++) {
      const id = pick(inSlice);
      const value = `slice delta inside ${table} ${n}`;
      await admin(emulator, 'edit', { entitySet, id, changes: { [column]: value } });
      note(table, id);
      changes.inside.push({ table, id, column, value });
      changes.counts.inside += 1;
    }
    for (let n = 0; n < 6; n++) {
      const id = pick(outside);
      await admin(emulator, 'edit', { entitySet, id, changes: { [column]: `slice delta outside ${table} ${n}` } });
      note(table, id);
      changes.counts.outside += 1;
    }
    await admin(emulator, 'delete', { entitySet, id: pick(inSlice) });
    await admin(emulator, 'delete', { entitySet, id: pick(outside) });
    changes.counts.deleted += 2;
  }
  const all_bookings = await bookings(emulator);
  const mine = before.get('bookableresourcebooking') ?? new Map<string, Row>();
  const candidates = all_bookings.filter((b) => b.owner !== EMULATOR_USER.userId && b.starttime >= SLICE_WINDOW.from && b.starttime < SLICE_WINDOW.to).map((b) => b.id);
  for (let n = 0; n < 10; n++) {
    const id = pick(candidates);
    await admin(emulator, 'edit', { entitySet: 'bookableresourcebookings', id, changes: { _ownerid_value: EMULATOR_USER.userId } });
    note('bookableresourcebooking', id);
    changes.counts.entering += 1;
  }
  for (let n = 0; n < 10; n++) {
    const id = pick([...mine.keys()]);
    await admin(emulator, 'edit', { entitySet: 'bookableresourcebookings', id, changes: { _ownerid_value: OTHER_USERS[1] } });
    note('bookableresourcebooking', id);
    changes.counts.leaving += 1;
  }
  return changes;
}

/** Bytes of rows as the server sends them (their JSON, UTF-8), without the response around them. */
function rowBytes(rows: readonly Row[]): number {
  return rows.reduce((sum, row) => sum + Buffer.byteLength(JSON.stringify(row)), 0);
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/**
 * Benchmark 6 (#15): the Field Service chain profile on an org of 100,000 rows where the user's slice is 1%.
 * (a) First sync through the server's slices against the same profile downloading whole tables and filtering on
 * the device, in the same run: rows and bytes transferred over rows and bytes kept, and the time. (b) 100
 * server-side changes, then one sync: bytes transferred for rows against the bytes of the slice's rows the
 * changes touched (ids-only check reported apart). After each sync the device must hold exactly the server's slice.
 */
export async function slices(ctx: BenchContext): Promise<BenchResult[]> {
  const seeding = Date.now();
  const emulator = await startEmulator({ port: 0, rows: ORG_ROWS, sliceShare: SLICE_SHARE });
  try {
    const target = { baseUrl: emulator.baseUrl };
    const before = await serverSlice(emulator);
    ctx.log(`slices: org of ${ORG_ROWS} rows seeded in ${Date.now() - seeding} ms; the user's slice is ${sliceSize(before)} rows`);
    ctx.log('slices: first sync, sliced (a warm-up)');
    await call(ctx.page, 'sliceFirstSync', 'slice-warm', target, true);
    await call(ctx.page, 'dropSliceEngine', 'slice-warm');
    ctx.log('slices: first sync, whole tables filtered on the device');
    const whole = await call(ctx.page, 'sliceFirstSync', 'slice-whole', target, false);
    await call(ctx.page, 'dropSliceEngine', 'slice-whole');
    checkDevice('whole-table first sync', whole, before);
    const sliced: SliceSync[] = [];
    for (let run = 0; run < SLICED_RUNS; run++) {
      ctx.log(`slices: first sync, sliced, run ${run + 1} of ${SLICED_RUNS}`);
      if (run > 0) await call(ctx.page, 'dropSliceEngine', 'slice');
      sliced.push(await call(ctx.page, 'sliceFirstSync', 'slice', target, true));
      checkDevice('sliced first sync', sliced[run], before);
    }
    const first = sliced[sliced.length - 1];
    const slicedMs = median(sliced.map((s) => s.ms));
    const transferredRows = first.transfer.rows + first.transfer.idsRows;
    const transferredBytes = first.transfer.bytes + first.transfer.idsBytes;
    const perTable = Object.entries(first.tables)
      .map(([table, t]) => {
        const got = table in first.transfer.byTable ? first.transfer.byTable[table] : { rows: 0, bytes: 0 };
        return `${table} ${got.rows}/${t.rows} rows, ${kb(got.bytes)}/${kb(t.bytes)}`;
      })
      .join('; ');

    ctx.log('slices: 100 changes on the server, then one delta');
    const changes = await makeChanges(emulator, before);
    const delta = await call(ctx.page, 'sliceDelta', 'slice');
    const after = await serverSlice(emulator);
    checkDevice('delta', delta, after);
    for (const [table, expected] of groupBy(changes.inside.filter((c) => after.get(c.table)?.has(c.id)))) {
      const values = await call(ctx.page, 'sliceValues', 'slice', table, expected[0].column, expected.map((c) => c.id));
      expected.forEach((c, i) => {
        if (values[i] !== c.value) throw new Error(`delta: ${table} ${c.id}.${c.column} is ${JSON.stringify(values[i])} on the device, the server has ${JSON.stringify(c.value)}`);
      });
    }
    await call(ctx.page, 'dropSliceEngine', 'slice');

    // The rows of the new slice the device did not hold as they are now: changed by the delta, or new to the slice.
    const changedInSlice: Row[] = [];
    const enteredUnchanged: Row[] = [];
    for (const [table, rows] of after) {
      for (const [id, row] of rows) {
        if (changes.edited.get(table)?.has(id)) changedInSlice.push(row);
        else if (!before.get(table)?.has(id)) enteredUnchanged.push(row);
      }
    }
    const changedBytes = rowBytes(changedInSlice);
    const enteredBytes = rowBytes(enteredUnchanged);
    const left = sliceSize(before) - [...before].reduce((sum, [table, rows]) => sum + [...rows.keys()].filter((id) => after.get(table)?.has(id)).length, 0);
    const counts = Object.entries(changes.counts).map(([kind, n]) => `${n} ${kind}`).join(', ');
    const t = delta.transfer;

    return [
      compared('slice first sync rows transferred/kept', transferredRows, first.keptRows, 'rows', '<= 1.1',
        `org ${ORG_ROWS} rows, the user owns ${SLICE_SHARE * 100}% of the bookings; ${transferredRows} rows transferred in ${first.transfer.requests + first.transfer.idsRequests} requests (${first.transfer.idsRows} ids-only), ${first.keptRows} kept; whole-table download transferred ${whole.transfer.rows} to keep ${whole.keptRows}`),
      compared('slice first sync bytes transferred/kept', transferredBytes, first.keptBytes, 'bytes', '<= 1.3',
        `${kb(transferredBytes)} transferred (response bodies, ${kb(first.transfer.idsBytes)} of them ids-only), ${kb(first.keptBytes)} kept (store tableStats); whole-table download ${kb(whole.transfer.bytes)} to keep ${kb(whole.keptBytes)}; per table transferred/kept: ${perTable}`),
      compared('slice first sync vs whole-table download', 1000 / slicedMs, 1000 / whole.ms, 'syncs/s', '>= 20',
        `first sync of the chain profile: server slices ${Math.round(slicedMs)} ms (median of ${SLICED_RUNS}: ${sliced.map((s) => Math.round(s.ms)).join('/')} ms) vs serverSlices: false, whole tables filtered on the device, ${Math.round(whole.ms)} ms; both devices hold exactly the server's slice`),
      compared('slice delta bytes/changed rows in slice', t.bytes, changedBytes + enteredBytes, 'bytes', '<= 2',
        `${counts}; one sync, ${Math.round(delta.ms)} ms: ${t.rows} rows in ${t.requests} row reads, ${kb(t.bytes)}, vs ${kb(changedBytes + enteredBytes)} for the rows of the new slice the device lacked: ${changedInSlice.length} changed (${kb(changedBytes)}; ${(t.bytes / changedBytes).toFixed(2)}x those alone) + ${enteredUnchanged.length} entered with their booking (${kb(enteredBytes)}); ${left} rows left the slice; the device then held exactly the server's slice (${delta.keptRows} rows) and every inside edit`),
      info('slice delta ids-only overhead', t.idsBytes / KB, 'KB', `${t.idsRequests} ids-only requests, ${t.idsRows} ids (the slice check of every sliced table: follows the slice's size, ${delta.keptRows} rows, not the org's)`),
    ];
  } finally {
    await emulator.close();
  }
}

function groupBy<T extends { table: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.table, [...(groups.get(item.table) ?? []), item]);
  return groups;
}
