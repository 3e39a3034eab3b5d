import { closeEngine, openEngine } from './engineStack';
import type { LongTasks } from './longTasks';
import { withLongTasks } from './longTasks';
import { settle, withPeakHeap } from './measure';
import type { EmulatorTarget, SyncMeasurement } from './types';

/** Initial sync through the engine: `syncNow()` on an empty device, every row kept; long tasks observed throughout. */
export async function engineInitialSync(key: string, target: EmulatorTarget): Promise<SyncMeasurement & { longTasks: LongTasks }> {
  const engine = await openEngine(key, target);
  await settle();
  const start = performance.now();
  const {
    result: { peakHeapBytes },
    longTasks,
  } = await withLongTasks(() => withPeakHeap(() => engine.syncNow()), 0);
  const ms = performance.now() - start;
  const rows = engine.getStatus().tables.reduce((sum, t) => sum + t.rows, 0);
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes, longTasks };
}

/**
 * Engine start on a device that already holds the rows: the engine of `key` is closed and opened again on the
 * same database (so later scenarios find it as before), long tasks observed from `new SyncEngine` to 300 ms
 * after `start()` resolved.
 */
export async function engineRestart(key: string, target: EmulatorTarget): Promise<EngineRestart> {
  await closeEngine(key);
  await settle();
  const start = performance.now();
  const { result: engine, longTasks } = await withLongTasks(() => openEngine(key, target));
  const ms = performance.now() - start;
  const rows = engine.getStatus().tables.reduce((sum, t) => sum + t.rows, 0);
  // What the app does next on its own: a pass over every table (delta links, nothing changed on the server),
  // which loads each table's directory from the database.
  const passStart = performance.now();
  const pass = await withLongTasks(() => engine.syncNow());
  return { ms, rows, longTasks, firstPassMs: performance.now() - passStart, firstPassLongTasks: pass.longTasks };
}

export interface EngineRestart {
  ms: number;
  rows: number;
  longTasks: LongTasks;
  firstPassMs: number;
  firstPassLongTasks: LongTasks;
}
