import { call } from '../browser';
import type { LayoutProbe } from '../page/probeChunkReads';
import { info, type BenchResult } from '../results';
import type { BenchContext } from './context';

function entry(name: string, p: LayoutProbe, rows: number): BenchResult {
  return info(name, p.read.medianMs, 'ms', `median of ${p.read.runs} random rows of ${rows}; p90 ${p.read.p90Ms.toFixed(2)} ms; writes ${Math.round(p.writeRowsPerSecond)} rows/s`);
}

/** Diagnostic behind the read-by-id finding: what one random row costs to read in three chunk layouts. */
export async function chunkProbe(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('probe: chunk layouts');
  const p = await call(ctx.page, 'probeChunkReads');
  return [
    entry('probe: row via 500-row chunk of objects (engine today)', p.objects500, p.rows),
    entry('probe: row via 100-row chunk of objects', p.objects100, p.rows),
    entry('probe: row via 500-row chunk of JSON strings', p.strings500, p.rows),
  ];
}
