import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../../test/dataverse-emulator';
import type { HotSpot } from '../profiler';
import { profile } from '../profiler';

/** What every scenario gets from the runner. */
export interface BenchContext {
  page: Page;
  /** Seeded with the full row count (100,000 by default). */
  big: RunningEmulator;
  /** Seeded with 1,000 rows: the small device of the delta comparison. */
  small: RunningEmulator;
  outDir: string;
  /** Record CPU profiles of the engine's side of each comparison (`--profile`). */
  profiling: boolean;
  /** Hot spots of the profiles taken, by scenario, for the report. */
  hotSpots: Record<string, HotSpot[]>;
  log(message: string): void;
}

/** Runs `work`, under the CPU profiler when profiling is on. */
export async function maybeProfile<T>(ctx: BenchContext, name: string, work: () => Promise<T>): Promise<T> {
  if (!ctx.profiling) return work();
  const { result, hot } = await profile(ctx.page, `${ctx.outDir}/${name}.cpuprofile`, work);
  ctx.hotSpots[name] = hot;
  return result;
}

/** Medians, because one GC or background commit in a handful of runs would skew a mean. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
