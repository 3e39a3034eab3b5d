import { call } from '../browser';
import { compared, info, type BenchResult } from '../results';
import type { LongTasks } from '../page/longTasks';
import type { SyncMeasurement } from '../page/types';
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

/** Rounds of the engine's first sync and of each baseline; the ratios reported are the medians over the rounds. */
const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ratios(values: readonly number[]): string {
  return values.map((v) => v.toFixed(2)).join(', ');
}

/**
 * Benchmark 1: 100,000 rows from the emulator into the device, through the engine and through baselines that
 * fetch the same pages the same way, in `ROUNDS` interleaved rounds (download only, engine, Dexie), each ratio
 * taken within its round and the median reported. A download with no writes runs first as a warm-up, so the
 * first contender does not pay for the emulator's and the page's JIT. The first round's engine ("big") is the
 * device later scenarios read; the other rounds' engines are deleted after their sync.
 */
export async function initialSync(ctx: BenchContext): Promise<BenchResult[]> {
  const target = { baseUrl: ctx.big.baseUrl };
  ctx.log('initial sync: download only (a warm-up)');
  await call(ctx.page, 'fetchOnly', target);
  const rounds: { download: SyncMeasurement; engine: Awaited<ReturnType<typeof engineRun>>; dexie: SyncMeasurement }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const key = round === 0 ? 'big' : `big-round${round + 1}`;
    ctx.log(`initial sync round ${round + 1}/${ROUNDS}: download only, engine, Dexie per-row baseline`);
    const download = await call(ctx.page, 'fetchOnly', target);
    const engine = await engineRun(ctx, key, target, round === 0);
    if (round > 0) await call(ctx.page, 'dropEngine', key);
    const dexie = await call(ctx.page, 'dexieInitialSync', target);
    rounds.push({ download, engine, dexie });
  }
  ctx.log('initial sync: raw chunked baseline');
  const chunked = await call(ctx.page, 'chunkedInitialSync', target);
  ctx.log('initial sync: experiment, engine store with one-page lookahead');
  const pipelined = await call(ctx.page, 'pipelinedStoreSync', target);
  ctx.log('initial sync: engine start on the filled device');
  const restart = await maybeProfile(ctx, 'engine-start-filled', () => call(ctx.page, 'engineRestart', 'big', target));
  for (const { engine, dexie } of rounds) {
    if (engine.rows !== dexie.rows || engine.rows !== chunked.rows) {
      throw new Error(`Row counts differ: engine ${engine.rows}, Dexie ${dexie.rows}, chunked ${chunked.rows}`);
    }
  }
  const vsDownload = rounds.map((r) => r.engine.rowsPerSecond / r.download.rowsPerSecond);
  const vsDexie = rounds.map((r) => r.engine.rowsPerSecond / r.dexie.rowsPerSecond);
  const mid = (values: number[]): (typeof rounds)[number] => rounds[values.indexOf(median(values))];
  const atDownload = mid(vsDownload);
  const atDexie = mid(vsDexie);
  const first = rounds[0].engine;
  const engineMs = rounds.map((r) => Math.round(r.engine.ms)).join(', ');
  const rows = `${first.rows} rows; median of ${ROUNDS} rounds, each ratio within its round (${ratios(vsDownload)} vs download only; ${ratios(vsDexie)} vs Dexie); engine ${engineMs} ms`;
  return [
    compared('initial-sync vs download only (median of 3)', atDownload.engine.rowsPerSecond, atDownload.download.rowsPerSecond, 'rows/s', '>= 0.85', `${rows}; download only ${rounds.map((r) => Math.round(r.download.ms)).join(', ')} ms (HTTP + JSON.parse + the page parser, no writes)`),
    compared('initial-sync vs Dexie per-row bulkPut', atDexie.engine.rowsPerSecond, atDexie.dexie.rowsPerSecond, 'rows/s', '>= 5', `${rows}; Dexie ${rounds.map((r) => Math.round(r.dexie.ms)).join(', ')} ms`),
    compared('initial-sync vs raw 500-row chunks', first.rowsPerSecond, chunked.rowsPerSecond, 'rows/s', '>= 0.5', `first round's engine ${Math.round(first.ms)} ms, raw chunks ${Math.round(chunked.ms)} ms`),
    info('experiment: engine store + 1-page lookahead', pipelined.rowsPerSecond, 'rows/s', `${Math.round(pipelined.ms)} ms; ${(pipelined.rowsPerSecond / rounds[0].dexie.rowsPerSecond).toFixed(2)}x Dexie: what prefetching the next page in downloadTable would give`),
    longTaskEntry(`first sync longest main-thread task (${count(first.rows)} rows)`, longestOf(rounds.map((r) => r.engine.longTasks)), `during syncNow() of the first syncs above (${engineMs} ms), the longest over the ${ROUNDS} rounds`),
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
    info('initial-sync download only (no writes)', atDownload.download.rowsPerSecond, 'rows/s', `${Math.round(atDownload.download.ms)} ms in the median round: HTTP + JSON.parse + page parser, for scale`),
    info('initial-sync peak JS heap (engine)', first.peakHeapBytes / MB, 'MB', `Dexie baseline ${Math.round(rounds[0].dexie.peakHeapBytes / MB)} MB, raw chunks ${Math.round(chunked.peakHeapBytes / MB)} MB, download only ${Math.round(rounds[0].download.peakHeapBytes / MB)} MB`),
  ];
}

/** The engine's first sync on the empty device `key`; the first round may be CPU-profiled (`--profile`). */
function engineRun(ctx: BenchContext, key: string, target: { baseUrl: string }, profiled: boolean): Promise<SyncMeasurement & { longTasks: LongTasks }> {
  const run = (): Promise<SyncMeasurement & { longTasks: LongTasks }> => call(ctx.page, 'engineInitialSync', key, target);
  return profiled ? maybeProfile(ctx, 'initial-sync-engine', run) : run();
}

/** The rounds' long-task observations with the longest task. */
function longestOf(all: readonly LongTasks[]): LongTasks {
  return all.reduce((worst, tasks) => (tasks.longestMs > worst.longestMs ? tasks : worst));
}
