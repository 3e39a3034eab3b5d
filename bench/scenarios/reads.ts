import { call } from '../browser';
import type { ReadComparison } from '../page/reads';
import { compared, type BenchResult } from '../results';
import { maybeProfile, type BenchContext } from './context';

function entry(name: string, c: ReadComparison): BenchResult {
  const note =
    `median of ${c.engine.runs}; engine p90 ${c.engine.p90Ms.toFixed(2)} ms, Dexie p90 ${c.dexie.p90Ms.toFixed(2)} ms; ` +
    `engine first call ${c.engineFirstMs.toFixed(1)} ms; ${c.rowsPerCall.toFixed(1)} rows/call`;
  return compared(name, c.engine.medianMs, c.dexie.medianMs, 'ms', '<= 2', note);
}

/** Benchmark 2: reads on the 100,000-row device against the indexed per-row Dexie store. */
export async function reads(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('reads');
  const r = await maybeProfile(ctx, 'reads', () => call(ctx.page, 'compareReads', 'big', { baseUrl: ctx.big.baseUrl }));
  return [
    entry('read retrieveRecord by random id', r.byId),
    entry('read $filter lookup eq id (work orders)', r.byLookup),
    entry('read $filter statecode eq 0 $top=50', r.activeTop50),
  ];
}
