import { openEngine } from './engineStack';
import { withPeakHeap } from './measure';
import type { EmulatorTarget, SyncMeasurement } from './types';

/** Initial sync through the engine: `syncNow()` on an empty device, every row kept. */
export async function engineInitialSync(key: string, target: EmulatorTarget): Promise<SyncMeasurement> {
  const engine = await openEngine(key, target);
  const start = performance.now();
  const { peakHeapBytes } = await withPeakHeap(() => engine.syncNow());
  const ms = performance.now() - start;
  const rows = engine.getStatus().tables.reduce((sum, t) => sum + t.rows, 0);
  return { rows, ms, rowsPerSecond: (rows / ms) * 1000, peakHeapBytes };
}
