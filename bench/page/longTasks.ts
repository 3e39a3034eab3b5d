/** What the page's main thread was blocked by while some work ran: PerformanceObserver `longtask` entries (> 50 ms). */
export interface LongTasks {
  /** Longest task seen, ms (0 when none went over 50 ms). */
  longestMs: number;
  /** Tasks over 50 ms. */
  count: number;
  /** Their total duration, ms. */
  totalMs: number;
  /** The ten longest, ms, with their start relative to the work's start. */
  top: { startMs: number; durationMs: number }[];
}

/**
 * Runs `work` with a `longtask` observer on (buffered, so a task that started just before the observer was
 * attached is still reported) and waits `tailMs` after it for tasks the work left queued (timers, commits),
 * then one more task so the observer's callback has delivered everything.
 */
export async function withLongTasks<T>(work: () => Promise<T>, tailMs = 300): Promise<{ result: T; longTasks: LongTasks }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    entries.push(...list.getEntries());
  });
  const start = performance.now();
  observer.observe({ type: 'longtask', buffered: true });
  let result: T;
  try {
    result = await work();
    await new Promise((resolve) => setTimeout(resolve, tailMs));
    entries.push(...observer.takeRecords());
  } finally {
    observer.disconnect();
  }
  // `buffered` replays tasks from before the work: only those that ended after it started count.
  const ours = entries.filter((e) => e.startTime + e.duration >= start);
  const top = [...ours]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 10)
    .map((e) => ({ startMs: Math.round(e.startTime - start), durationMs: Math.round(e.duration) }));
  return {
    result,
    longTasks: {
      longestMs: ours.reduce((max, e) => Math.max(max, e.duration), 0),
      count: ours.length,
      totalMs: ours.reduce((sum, e) => sum + e.duration, 0),
      top,
    },
  };
}
