import { call } from '../browser';
import { compared, type BenchResult } from '../results';
import { maybeProfile, type BenchContext } from './context';

/**
 * Benchmark: a FetchXML query on contact with a filter on contact and an inner link-entity to account with its
 * own filter, on the 100,000-row device synced by the initial-sync benchmark, against the same query written by
 * hand on the indexed per-row Dexie store (index range + `anyOf` + join in JS). Both must answer the same rows.
 */
export async function fetchXmlJoin(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('FetchXML join: setup (indexed Dexie store, query windows)');
  await call(ctx.page, 'prepareFetchXmlJoin');
  ctx.log('FetchXML join');
  const c = await maybeProfile(ctx, 'fetchxml-join', () => call(ctx.page, 'compareFetchXmlJoin', 'big'));
  const note =
    `median of ${c.engine.runs}, runs interleaved; engine p90 ${c.engine.p90Ms.toFixed(1)} ms, Dexie p90 ${c.dexie.p90Ms.toFixed(1)} ms; ` +
    `engine first call ${c.engineFirstMs.toFixed(1)} ms; ${c.rowsPerCall.toFixed(1)} rows/call (${c.minRows}-${c.maxRows}), ` +
    `same ids on both sides; ${c.accountsPerWindow} accounts per modifiedon window`;
  return [compared('fetchxml join vs Dexie', c.engine.medianMs, c.dexie.medianMs, 'ms', '<= 2', note)];
}
