import type { Row } from '../../SyncEngine/contracts/rows';
import { openIndexedDexie } from './baselineDexie';
import { deviceIds } from './deviceIds';
import { BENCH_PROFILE, tableByName } from './benchProfile';
import { engineFor } from './engineStack';
import { seededRandom, settle, timeRuns } from './measure';
import type { EmulatorTarget, TimingSummary } from './types';

export interface ReadComparison {
  engine: TimingSummary;
  dexie: TimingSummary;
  /** The engine's first call of the kind: it may load a directory or build an index that later calls reuse. */
  engineFirstMs: number;
  /** Rows answered per call on average (both sides must agree, or the comparison is void). */
  rowsPerCall: number;
}

export interface ReadResults {
  byId: ReadComparison;
  byLookup: ReadComparison;
  activeTop50: ReadComparison;
}

const BY_ID_RUNS = 300;
const QUERY_RUNS = 100;

/**
 * Reads on a device holding every row: by id, by a lookup, and `statecode eq 0` with `$top=50`, each against the
 * same call on the per-row Dexie store with the same secondary indexes. Both sides get the same seeded sequence
 * of random ids, the engine first (its cold first call is reported apart); each `round` draws other ids.
 */
export async function compareReads(key: string, target: EmulatorTarget, round = 0): Promise<ReadResults> {
  const engine = engineFor(key);
  const dexie = await openIndexedDexie();
  const { refs, serviceAccounts } = await deviceIds(target);
  const pickRef = (seed: number): ((run: number) => { table: string; id: string }) => {
    const random = seededRandom(seed);
    const picks = Array.from({ length: BY_ID_RUNS + 1 }, () => refs[Math.floor(random() * refs.length)]);
    return (run) => picks[run];
  };
  const pickAccount = (run: number): string => serviceAccounts[Math.floor(seededRandom(run + 7 + round * 1000)() * serviceAccounts.length)];
  const tables = BENCH_PROFILE.tables.map((t) => t.logicalName);

  const byId = await compare(
    BY_ID_RUNS,
    pickRef(1 + round * 1000),
    async (ref) => [await engine.offline.retrieveRecord(ref.table, ref.id)],
    async (ref) => [await dexie.table<Row, string>(ref.table).get(ref.id)].filter((r) => r !== undefined),
  );
  const byLookup = await compare(
    QUERY_RUNS,
    pickAccount,
    async (account) => (await engine.offline.retrieveMultipleRecords('msdyn_workorder', `?$filter=_msdyn_serviceaccount_value eq ${account}`)).entities,
    (account) => dexie.table<Row, string>('msdyn_workorder').where('_msdyn_serviceaccount_value').equals(account).toArray(),
  );
  const activeTop50 = await compare(
    QUERY_RUNS,
    (run) => tables[run % tables.length],
    async (table) => (await engine.offline.retrieveMultipleRecords(table, '?$filter=statecode eq 0&$top=50')).entities,
    (table) => dexie.table<Row, string>(tableByName(table).logicalName).where('statecode').equals(0).limit(50).toArray(),
  );
  return { byId, byLookup, activeTop50 };
}

/**
 * Calls timed per sample. Chromium coarsens `performance.now()` to 0.1 ms without cross-origin isolation, and a
 * read takes a few tenths of that: one call per sample made the median ratio jump by a whole step (0.4 against
 * 0.3 ms, or 0.5). The median of samples of this many calls each resolves 0.01 ms.
 */
const CALLS_PER_SAMPLE = 10;

async function compare<A>(
  runs: number,
  argument: (run: number) => A,
  ours: (a: A) => Promise<Row[]>,
  theirs: (a: A) => Promise<Row[]>,
): Promise<ReadComparison> {
  await settle();
  const firstStart = performance.now();
  await ours(argument(runs));
  const engineFirstMs = performance.now() - firstStart;
  let ourRows = 0;
  let theirRows = 0;
  const engine = await timeSamples(runs, async (run) => {
    ourRows += (await ours(argument(run))).length;
  });
  await settle();
  const dexie = await timeSamples(runs, async (run) => {
    theirRows += (await theirs(argument(run))).length;
  });
  if (ourRows !== theirRows) throw new Error(`Reads disagree: engine answered ${ourRows} rows, Dexie ${theirRows}.`);
  return { engine, dexie, engineFirstMs, rowsPerCall: ourRows / runs };
}

/** `runs` calls in samples of `CALLS_PER_SAMPLE`, summarised per call. */
async function timeSamples(runs: number, once: (run: number) => Promise<void>): Promise<TimingSummary> {
  const samples = await timeRuns(Math.ceil(runs / CALLS_PER_SAMPLE), async (sample) => {
    for (let call = 0; call < CALLS_PER_SAMPLE; call++) {
      const run = sample * CALLS_PER_SAMPLE + call;
      if (run < runs) await once(run);
    }
  });
  const perCall = (ms: number): number => ms / CALLS_PER_SAMPLE;
  return { runs, medianMs: perCall(samples.medianMs), p90Ms: perCall(samples.p90Ms), minMs: perCall(samples.minMs) };
}
