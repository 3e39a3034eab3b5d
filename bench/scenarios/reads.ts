import { call } from '../browser';
import type { ReadComparison, ReadResults } from '../page/reads';
import { compared, type BenchResult } from '../results';
import { maybeProfile, type BenchContext } from './context';

/** Rounds of the whole read comparison; each entry reports the round with the median ratio. */
const ROUNDS = 3;

function entry(name: string, target: string, rounds: readonly ReadComparison[]): BenchResult {
  const ratio = (c: ReadComparison): number => c.engine.medianMs / c.dexie.medianMs;
  const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
  const c = sorted[Math.floor(sorted.length / 2)];
  const note =
    `median of ${ROUNDS} rounds (ratios ${rounds.map((r) => ratio(r).toFixed(2)).join(', ')}), each the median of ${c.engine.runs} calls timed in samples of 10 (per call; the page's clock has 0.1 ms steps); ` +
    `in the median round, per call in the 90th-percentile sample, engine p90 ${c.engine.p90Ms.toFixed(2)} ms, Dexie p90 ${c.dexie.p90Ms.toFixed(2)} ms; ` +
    `engine first call ${c.engineFirstMs.toFixed(1)} ms; ${c.rowsPerCall.toFixed(1)} rows/call`;
  return compared(name, c.engine.medianMs, c.dexie.medianMs, 'ms', target, note);
}

/** Benchmark 2: reads on the 100,000-row device against the indexed per-row Dexie store. */
export async function reads(ctx: BenchContext): Promise<BenchResult[]> {
  const rounds: ReadResults[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ctx.log(`reads round ${round + 1}/${ROUNDS}`);
    const run = (): Promise<ReadResults> => call(ctx.page, 'compareReads', 'big', { baseUrl: ctx.big.baseUrl }, round);
    rounds.push(await (round === 0 ? maybeProfile(ctx, 'reads', run) : run()));
  }
  return [
    entry('read retrieveRecord by random id', '<= 1.5', rounds.map((r) => r.byId)),
    entry('read $filter lookup eq id (work orders)', '<= 2', rounds.map((r) => r.byLookup)),
    entry('read $filter statecode eq 0 $top=50', '<= 2', rounds.map((r) => r.activeTop50)),
  ];
}
