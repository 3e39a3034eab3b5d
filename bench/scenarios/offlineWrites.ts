import { call } from '../browser';
import type { StatusCost } from '../page/status';
import { compared, type BenchResult } from '../results';
import { maybeProfile, type BenchContext } from './context';

const FEW = 10;
const MANY = 10_000;

/**
 * Benchmarks 4 and 5 share the 100,000-row device: status cost with ~10 changes queued, the offline write
 * (which queues a few hundred more), then status cost again with 10,000 queued.
 */
export async function writesAndStatus(ctx: BenchContext): Promise<BenchResult[]> {
  const target = { baseUrl: ctx.big.baseUrl };
  ctx.log(`status: ${FEW} queued`);
  await call(ctx.page, 'queueChanges', 'big', target, FEW);
  const few = await call(ctx.page, 'measureStatus', 'big', target);
  ctx.log('offline writes');
  const writes = await maybeProfile(ctx, 'offline-write', () => call(ctx.page, 'compareWrites', 'big', target));
  ctx.log(`status: queueing ${MANY} changes`);
  const queued = Date.now();
  await call(ctx.page, 'queueChanges', 'big', target, MANY);
  ctx.log(`status: queued in ${Math.round((Date.now() - queued) / 1000)} s`);
  const many = await maybeProfile(ctx, 'status-many', () => call(ctx.page, 'measureStatus', 'big', target));
  const writeNote = (p90: number): string => `median of ${writes.dexie.runs}; p90 ${p90.toFixed(2)} ms vs Dexie p90 ${writes.dexie.p90Ms.toFixed(2)} ms`;
  return [
    statusEntry('status publish + pendingCount/iconState', many, few, (s) => s.publish.medianMs, 'per publish'),
    statusEntry('status after a change (updateRecord -> status)', many, few, (s) => s.afterChange.medianMs, 'updateRecord until the status shows it'),
    compared('offline updateRecord (random row) vs Dexie put', writes.engineCold.medianMs, writes.dexie.medianMs, 'ms', '<= 2', writeNote(writes.engineCold.p90Ms)),
    compared('offline updateRecord after retrieveRecord vs Dexie put', writes.engineWarm.medianMs, writes.dexie.medianMs, 'ms', '<= 2', writeNote(writes.engineWarm.p90Ms)),
  ];
}

function statusEntry(name: string, many: StatusCost, few: StatusCost, pick: (s: StatusCost) => number, what: string): BenchResult {
  const note = `${what}, median; ${many.pendingCount} vs ${few.pendingCount} pending`;
  return compared(`${name}, 10k vs 10 queued`, pick(many), pick(few), 'ms', '<= 2', note);
}
