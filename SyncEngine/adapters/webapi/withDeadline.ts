import { AbortedError, ServiceUnavailableError } from '../../contracts/errors';
import { clientApiError } from './clientApiErrors';

/**
 * The client API cannot be cancelled: a cancel or a deadline stops the wait, not the request (it may still land,
 * which uploads tolerate: creates carry their id, deletes of gone rows succeed).
 */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError('The operation was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      finish();
      reject(new AbortedError('The operation was cancelled.'));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new ServiceUnavailableError(`No answer within ${timeoutMs} ms.`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(clientApiError(error));
      },
    );
  });
}
