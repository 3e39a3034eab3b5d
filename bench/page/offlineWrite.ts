import type { Row } from '../../SyncEngine/contracts/rows';
import { openIndexedDexie } from './baselineDexie';
import { deviceIds } from './deviceIds';
import { tableByName } from './benchProfile';
import { engineFor } from './engineStack';
import { seededRandom, settle, summarize, timeRuns } from './measure';
import type { EmulatorTarget, TimingSummary } from './types';

export interface WriteComparison {
  /** `updateRecord` on a random row: reads the row (its chunk is usually not cached), writes row + outbox. */
  engineCold: TimingSummary;
  /** `updateRecord` right after `retrieveRecord` of the same row, as a form does: the chunk is cached. */
  engineWarm: TimingSummary;
  /** One Dexie `put` of the changed row into the indexed per-row store. */
  dexie: TimingSummary;
}

const RUNS = 100;

export async function compareWrites(key: string, emulator: EmulatorTarget): Promise<WriteComparison> {
  const engine = engineFor(key);
  const dexie = await openIndexedDexie();
  const { refs } = await deviceIds(emulator);
  const random = seededRandom(42);
  const pick = Array.from({ length: 3 * RUNS }, () => refs[Math.floor(random() * refs.length)]);
  await settle();
  const engineCold = await timeRuns(RUNS, (run) => engine.offline.updateRecord(pick[run].table, pick[run].id, { statuscode: 2 }));
  await settle();
  const engineWarmTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const ref = pick[RUNS + run];
    await engine.offline.retrieveRecord(ref.table, ref.id);
    const start = performance.now();
    await engine.offline.updateRecord(ref.table, ref.id, { statuscode: 2 });
    engineWarmTimes.push(performance.now() - start);
  }
  await settle();
  // The row to put is read first (untimed): the baseline is the bare write the issue names.
  const rows: { table: string; row: Row }[] = [];
  for (const ref of pick.slice(2 * RUNS)) {
    const row = await dexie.table<Row, string>(ref.table).get(ref.id);
    if (row) rows.push({ table: ref.table, row: { ...row, statuscode: 2 } });
  }
  const dexieTimes = await timeRuns(rows.length, async (run) => {
    const { table, row } = rows[run];
    await dexie.table<Row, string>(tableByName(table).logicalName).put(row);
  });
  return { engineCold, engineWarm: summarize(engineWarmTimes), dexie: dexieTimes };
}
