import { call } from '../browser';
import { editRows, listIds } from '../edits';
import { seededRandom } from '../page/measure';
import { compared, type BenchResult } from '../results';
import { maybeProfile, median, type BenchContext } from './context';

const CHANGES = 100;
const ROUNDS = 5;

/**
 * Benchmark 3: a 100-row delta on a 100,000-row device vs on a 1,000-row device. Rounds alternate between the
 * two so drift (GC, disk) hits both alike; each round edits fresh rows on the server, then times `syncNow()`.
 */
export async function delta(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('delta: initial sync of the 1,000-row device');
  await call(ctx.page, 'engineInitialSync', 'small', { baseUrl: ctx.small.baseUrl });
  const bigIds = await listIds(ctx.big.baseUrl);
  const smallIds = await listIds(ctx.small.baseUrl);
  const random = seededRandom(99);
  const big: number[] = [];
  const small: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ctx.log(`delta: round ${round + 1} of ${ROUNDS}`);
    const bigEdit = await editRows(ctx.big.origin, bigIds, CHANGES, random, round);
    big.push(await maybeProfile(ctx, `delta-big-${round}`, () => call(ctx.page, 'timeDelta', 'big', bigEdit)));
    const smallEdit = await editRows(ctx.small.origin, smallIds, CHANGES, random, round);
    small.push(await call(ctx.page, 'timeDelta', 'small', smallEdit));
  }
  const [bigRows, smallRows] = [await call(ctx.page, 'deviceRows', 'big'), await call(ctx.page, 'deviceRows', 'small')];
  const note = `median of ${ROUNDS}; ${bigRows} vs ${smallRows} rows on the device; runs ${big.map(Math.round).join('/')} vs ${small.map(Math.round).join('/')} ms`;
  return [compared(`delta of ${CHANGES} changes, 100k vs 1k rows on device`, median(big), median(small), 'ms', '<= 1.5', note)];
}
