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
  /**
   * Longest gap between the runs of a `setTimeout(0)` heartbeat (Chromium clamps it to ~4 ms once nested): what a
   * tap would have waited at worst, including tasks under 50 ms, which the `longtask` entries leave out.
   */
  heartbeatMaxGapMs: number;
}

/** A `setTimeout(0)` chain that records the longest time between two of its runs. */
function heartbeat(): { stop(): number } {
  let last = performance.now();
  let maxGap = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const beat = (): void => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    timer = setTimeout(beat, 0);
  };
  timer = setTimeout(beat, 0);
  return {
    stop: () => {
      clearTimeout(timer);
      return maxGap;
    },
  };
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
  const beats = heartbeat();
  let heartbeatMaxGapMs = 0;
  let result: T;
  try {
    result = await work();
    await new Promise((resolve) => setTimeout(resolve, tailMs));
    entries.push(...observer.takeRecords());
  } finally {
    observer.disconnect();
    heartbeatMaxGapMs = beats.stop();
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
      heartbeatMaxGapMs,
    },
  };
}
