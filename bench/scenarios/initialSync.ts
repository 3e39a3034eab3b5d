import { call } from '../browser';
import { compared, info, type BenchResult } from '../results';
import type { LongTasks } from '../page/longTasks';
import { maybeProfile, type BenchContext } from './context';

const MB = 1024 * 1024;

/** RAIL: a task over 50 ms delays the answer to a tap; the form must stay usable while the engine works. */
const LONG_TASK_BUDGET_MS = 50;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The longest main-thread task (PerformanceObserver `longtask`) against an absolute budget, baseline 1. */
function longTaskEntry(name: string, tasks: LongTasks, during: string): BenchResult {
  const top = tasks.top.map((t) => `${t.durationMs} ms at +${t.startMs} ms`).join(', ');
  const note = [
    during,
    `${tasks.count} tasks over 50 ms (the longtask API reports no shorter ones, so 0 means none over 50 ms), ${Math.round(tasks.totalMs)} ms in all${top === '' ? '' : `: ${top}`}`,
    `longest wait of a setTimeout(0) heartbeat meanwhile ${Math.round(tasks.heartbeatMaxGapMs)} ms (shorter tasks included, and time timers waited behind other queued tasks: scheduler.yield continuations run first)`,
    `target: absolute budget ${LONG_TASK_BUDGET_MS} ms against baseline 1 (RAIL: no task long enough to delay a tap)`,
  ].join('; ');
  return compared(name, tasks.longestMs, 1, 'ms', `<= ${LONG_TASK_BUDGET_MS}`, note);
}

/**
 * Benchmark 1: 100,000 rows from the emulator into the device, through the engine and through two baselines that
 * fetch the same pages the same way. A download with no writes runs first, twice: the first warms the emulator
 * and the page's JIT so the first contender is not penalised; the second shows what the download costs alone.
 */
export async function initialSync(ctx: BenchContext): Promise<BenchResult[]> {
  const target = { baseUrl: ctx.big.baseUrl };
  ctx.log('initial sync: download only (a warm-up, then measured)');
  await call(ctx.page, 'fetchOnly', target);
  const download = await call(ctx.page, 'fetchOnly', target);
  ctx.log('initial sync: raw chunked baseline');
  const chunked = await call(ctx.page, 'chunkedInitialSync', target);
  ctx.log('initial sync: engine');
  const engine = await maybeProfile(ctx, 'initial-sync-engine', () => call(ctx.page, 'engineInitialSync', 'big', target));
  ctx.log('initial sync: Dexie per-row baseline');
  const dexie = await call(ctx.page, 'dexieInitialSync', target);
  ctx.log('initial sync: experiment, engine store with one-page lookahead');
  const pipelined = await call(ctx.page, 'pipelinedStoreSync', target);
  ctx.log('initial sync: engine start on the filled device');
  const restart = await maybeProfile(ctx, 'engine-start-filled', () => call(ctx.page, 'engineRestart', 'big', target));
  if (engine.rows !== dexie.rows || engine.rows !== chunked.rows) {
    throw new Error(`Row counts differ: engine ${engine.rows}, Dexie ${dexie.rows}, chunked ${chunked.rows}`);
  }
  const rows = `${engine.rows} rows; engine ${Math.round(engine.ms)} ms`;
  return [
    compared('initial-sync vs Dexie per-row bulkPut', engine.rowsPerSecond, dexie.rowsPerSecond, 'rows/s', '>= 5', `${rows}, Dexie ${Math.round(dexie.ms)} ms`),
    compared('initial-sync vs raw 500-row chunks', engine.rowsPerSecond, chunked.rowsPerSecond, 'rows/s', '>= 0.5', `${rows}, raw chunks ${Math.round(chunked.ms)} ms`),
    info('experiment: engine store + 1-page lookahead', pipelined.rowsPerSecond, 'rows/s', `${Math.round(pipelined.ms)} ms; ${(pipelined.rowsPerSecond / dexie.rowsPerSecond).toFixed(2)}x Dexie: what prefetching the next page in downloadTable would give`),
    longTaskEntry(`first sync longest main-thread task (${count(engine.rows)} rows)`, engine.longTasks, `during syncNow() of the first sync above (${Math.round(engine.ms)} ms)`),
    longTaskEntry(
      `engine start longest main-thread task (${count(restart.rows)} rows on the device)`,
      restart.longTasks,
      `the engine closed and opened again on its filled database: new SyncEngine + start() (${Math.round(restart.ms)} ms) and 300 ms after`,
    ),
    longTaskEntry(
      `engine start first delta pass longest main-thread task (${count(restart.rows)} rows on the device)`,
      restart.firstPassLongTasks,
      `the first syncNow() after that start (${Math.round(restart.firstPassMs)} ms): delta links with nothing changed on the server; loads every table's directory`,
    ),
    info('initial-sync download only (no writes)', download.rowsPerSecond, 'rows/s', `${Math.round(download.ms)} ms: HTTP + JSON.parse + page parser, for scale`),
    info('initial-sync peak JS heap (engine)', engine.peakHeapBytes / MB, 'MB', `Dexie baseline ${Math.round(dexie.peakHeapBytes / MB)} MB, raw chunks ${Math.round(chunked.peakHeapBytes / MB)} MB, download only ${Math.round(download.peakHeapBytes / MB)} MB`),
  ];
}
