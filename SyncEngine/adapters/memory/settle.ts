/**
 * Runs a write at call time and reports its outcome as a promise. Nothing awaits before a change is made, so
 * calls take effect in call order, as they do in stores that queue them.
 */
export function settle<T>(change: () => T): Promise<T> {
  try {
    return Promise.resolve(change());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
