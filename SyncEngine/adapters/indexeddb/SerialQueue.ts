/**
 * Runs operations one at a time, in call order. The store keeps directories and the outbox index in memory and
 * updates them around each transaction; running one operation at a time means no operation ever sees another
 * one half-applied, and a failed one can drop the caches before the next starts.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    // The queue goes on after a failure; the caller still sees it through `result`.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
