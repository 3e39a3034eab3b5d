import type Dexie from 'dexie';
import type { Row } from '../../SyncEngine/contracts/rows';
import { openIndexedDexie } from './baselineDexie';
import { engineFor } from './engineStack';
import { seededRandom, settle, summarize } from './measure';
import type { TimingSummary } from './types';

export interface FetchXmlJoinComparison {
  engine: TimingSummary;
  dexie: TimingSummary;
  /** The engine's first call (untimed in the median): it may build indexes later calls reuse. */
  engineFirstMs: number;
  /** Rows answered per call on average; both sides returned the same ids in the same order on every run. */
  rowsPerCall: number;
  minRows: number;
  maxRows: number;
  /** Accounts in each call's modifiedon window (before the statecode filter on contacts). */
  accountsPerWindow: number;
  /** One of the queries, for the report. */
  sampleFetchXml: string;
}

const RUNS = 15;
/** Share of the accounts each query's modifiedon window holds: 0.5 % of 20,000 accounts → ~100 accounts. */
const WINDOW_SHARE = 0.005;

interface Window {
  from: string;
  to: string;
}

/**
 * Active contacts (filter on contact) of the accounts modified within a window (inner link-entity to account
 * with its own filter), with a column from each side. Returns ~1.5 contacts per account in the window.
 */
function fetchXml(window: Window): string {
  return [
    '<fetch>',
    '<entity name="contact">',
    '<attribute name="contactid"/><attribute name="fullname"/><attribute name="parentcustomerid"/>',
    '<filter><condition attribute="statecode" operator="eq" value="0"/></filter>',
    '<link-entity name="account" from="accountid" to="parentcustomerid" link-type="inner" alias="a">',
    '<attribute name="name"/>',
    `<filter><condition attribute="modifiedon" operator="between"><value>${window.from}</value><value>${window.to}</value></condition></filter>`,
    '</link-entity>',
    '</entity>',
    '</fetch>',
  ].join('');
}

/**
 * The same query by hand on the per-row Dexie store with the engine's indexes, driven from the selective side:
 * an index range on account.modifiedon, then `anyOf` on the contact's lookup index, the contact filter and the
 * join in JS, the result shaped and ordered (by contactid) as the engine answers it.
 */
async function dexieJoin(db: Dexie, window: Window): Promise<Row[]> {
  const accounts = await db.table<Row, string>('account').where('modifiedon').between(window.from, window.to, true, true).toArray();
  const byId = new Map(accounts.map((account) => [String(account.accountid).toLowerCase(), account]));
  const contacts = await db.table<Row, string>('contact').where('_parentcustomerid_value').anyOf([...byId.keys()]).toArray();
  const rows: Row[] = [];
  for (const contact of contacts) {
    if (contact.statecode !== 0) continue;
    const account = byId.get(String(contact._parentcustomerid_value).toLowerCase());
    if (!account) continue;
    const row: Row = { contactid: contact.contactid, fullname: contact.fullname, _parentcustomerid_value: contact._parentcustomerid_value, 'a.name': account.name };
    rows.push(row);
  }
  return rows.sort((a, b) => (String(a.contactid) < String(b.contactid) ? -1 : String(a.contactid) > String(b.contactid) ? 1 : 0));
}

async function engineJoin(key: string, window: Window): Promise<Row[]> {
  const result = await engineFor(key).offline.retrieveMultipleRecords('contact', `?fetchXml=${encodeURIComponent(fetchXml(window))}`);
  return result.entities;
}

/** The windows: RUNS + 1 (the engine's first call) seeded random slices of the accounts' modifiedon order. */
async function windows(db: Dexie): Promise<{ windows: Window[]; size: number }> {
  const keys = (await db.table<Row, string>('account').orderBy('modifiedon').keys()).map(String);
  const size = Math.max(1, Math.round(keys.length * WINDOW_SHARE));
  const random = seededRandom(14);
  const picked = Array.from({ length: RUNS + 1 }, () => {
    const start = Math.floor(random() * (keys.length - size));
    return { from: keys[start], to: keys[start + size - 1] };
  });
  return { windows: picked, size };
}

let prepared: Promise<{ windows: Window[]; size: number }> | undefined;

/**
 * Untimed setup, called on its own before the comparison so a profile of the comparison holds only the queries:
 * opens the indexed Dexie store (its first opening builds the secondary indexes over every row) and picks the
 * windows. Cached for the page's life.
 */
export function prepareFetchXmlJoin(): Promise<{ windows: Window[]; size: number }> {
  prepared ??= openIndexedDexie().then(windows);
  return prepared;
}

function ids(rows: readonly Row[]): string[] {
  return rows.map((row) => String(row.contactid));
}

/**
 * Benchmark: a FetchXML query with one inner link-entity and a filter on each side over the 100,000-row device,
 * against the same query written by hand on Dexie. Both sides get the same windows; their answers (ids in order,
 * and the joined account name) must agree on every run, or the comparison is void and this throws.
 */
export async function compareFetchXmlJoin(key: string): Promise<FetchXmlJoinComparison> {
  const db = await openIndexedDexie();
  const { windows: picked, size } = await prepareFetchXmlJoin();
  await settle();
  const firstStart = performance.now();
  await engineJoin(key, picked[RUNS]);
  const engineFirstMs = performance.now() - firstStart;

  // Interleaved, the side going first alternating: on a shared machine a burst of load then hits both sides.
  const ours: Row[][] = [];
  const theirs: Row[][] = [];
  const engineTimes: number[] = [];
  const dexieTimes: number[] = [];
  const timed = async (times: number[], work: () => Promise<Row[]>): Promise<Row[]> => {
    const start = performance.now();
    const rows = await work();
    times.push(performance.now() - start);
    return rows;
  };
  for (let run = 0; run < RUNS; run++) {
    const window = picked[run];
    if (run % 2 === 0) {
      ours[run] = await timed(engineTimes, () => engineJoin(key, window));
      theirs[run] = await timed(dexieTimes, () => dexieJoin(db, window));
    } else {
      theirs[run] = await timed(dexieTimes, () => dexieJoin(db, window));
      ours[run] = await timed(engineTimes, () => engineJoin(key, window));
    }
  }
  const [engine, dexie] = [summarize(engineTimes), summarize(dexieTimes)];

  for (let run = 0; run < RUNS; run++) {
    const [a, b] = [ids(ours[run]), ids(theirs[run])];
    if (a.length !== b.length || a.some((id, i) => id !== b[i])) {
      throw new Error(`FetchXML join disagrees on run ${run} (${JSON.stringify(picked[run])}): engine ${a.length} rows, Dexie ${b.length}; first engine ids ${a.slice(0, 3).join(',')}, Dexie ${b.slice(0, 3).join(',')}.`);
    }
    ours[run].forEach((row, i) => {
      if (row['a.name'] !== theirs[run][i]['a.name'] || row._parentcustomerid_value !== theirs[run][i]._parentcustomerid_value) {
        throw new Error(`FetchXML join disagrees on run ${run}, contact ${String(row.contactid)}: engine ${JSON.stringify(row)}, Dexie ${JSON.stringify(theirs[run][i])}.`);
      }
    });
  }
  const counts = ours.map((rows) => rows.length);
  if (counts.some((count) => count === 0)) throw new Error(`FetchXML join: a window matched no rows (${counts.join(',')}); the comparison would be void.`);
  return {
    engine,
    dexie,
    engineFirstMs,
    rowsPerCall: counts.reduce((sum, count) => sum + count, 0) / RUNS,
    minRows: Math.min(...counts),
    maxRows: Math.max(...counts),
    accountsPerWindow: size,
    sampleFetchXml: fetchXml(picked[0]),
  };
}
