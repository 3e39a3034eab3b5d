import type { TimingSummary } from './types';

/** Chromium's non-standard `performance.memory`; precise only with `--enable-precise-memory-info`. */
interface MemoryInfo {
  usedJSHeapSize: number;
}

function usedHeap(): number {
  return (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? 0;
}

/**
 * Samples the used JS heap on a timer while `work` runs. The work awaits IndexedDB and fetch, so the timer gets
 * its turn between pages; a peak inside one long task is missed, which is why the runner also samples over CDP.
 */
export async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ result: T; peakHeapBytes: number }> {
  let peak = usedHeap();
  const timer = setInterval(() => {
    peak = Math.max(peak, usedHeap());
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, usedHeap());
    return { result, peakHeapBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Times `runs` sequential calls of `once`; medians because a stray GC or compaction skews means. */
export async function timeRuns(runs: number, once: (run: number) => Promise<unknown>): Promise<TimingSummary> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await once(run);
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export function summarize(times: readonly number[]): TimingSummary {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { runs: sorted.length, medianMs: at(0.5), p90Ms: at(0.9), minMs: sorted[0] ?? 0 };
}

/** A small seeded PRNG (mulberry32) so both sides of a comparison read the same "random" ids. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets pending IndexedDB commits and timers settle so one measurement does not pay for the previous one. */
export function settle(ms = 200): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`Could not delete ${name}`));
    };
    // Another connection still open: the delete waits for it; the callers close theirs first.
    request.onblocked = () => undefined;
  });
}
