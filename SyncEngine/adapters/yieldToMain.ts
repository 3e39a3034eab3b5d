/**
 * Gives the main thread back to the browser for a moment (input, rendering, other tasks), then resumes in a new
 * task: `scheduler.yield()` where there is one (it resumes ahead of other queued tasks), else `setImmediate`
 * (Node), a `MessageChannel` message (browsers without `scheduler.yield`; not clamped like nested timers), else
 * `setTimeout(0)`. Never call it inside an IndexedDB transaction: the transaction is inactive in the next task.
 */
export function yieldToMain(): Promise<void> {
  const g = globalThis as {
    scheduler?: { yield?: () => Promise<void> };
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  if (typeof g.scheduler?.yield === 'function') return g.scheduler.yield();
  if (typeof g.setImmediate === 'function') {
    const immediate = g.setImmediate;
    return new Promise((resolve) => immediate(resolve));
  }
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    return new Promise((resolve) => {
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds of work after which a long job yields: well under the 50 ms that counts as a long task. */
export const TASK_BUDGET_MS = 10;

/**
 * Splits a long job into tasks of about `budgetMs`: `pause()` yields once that much time has passed since the
 * last yield (or since the budget was made), and costs nothing otherwise.
 */
export class TaskBudget {
  private since = performance.now();

  constructor(private readonly budgetMs = TASK_BUDGET_MS) {}

  async pause(): Promise<void> {
    if (!this.due()) return;
    await yieldToMain();
    this.restart();
  }

  /** The budget is spent: time to let other tasks run (where a plain yield is not possible, as in a transaction). */
  due(): boolean {
    return performance.now() - this.since >= this.budgetMs;
  }

  /** Other tasks had their turn (the caller awaited something that resumes in a new task). */
  restart(): void {
    this.since = performance.now();
  }

  /** Yields now whatever the time, and starts a new budget. */
  async yieldNow(): Promise<void> {
    await yieldToMain();
    this.since = performance.now();
  }
}
