import * as React from 'react';
import { SyncEngineError } from '../../SyncEngine/contracts/errors';

export interface ActionFailure {
  /** The visible name of what the user tried ("Sync now"), so the message says what failed. */
  action: string;
  error: unknown;
}

export interface EngineActionState {
  /** True while an action started here has not settled: buttons stay disabled against double submits. */
  busy: boolean;
  failure: ActionFailure | null;
  run: (action: string, call: () => Promise<void>) => void;
  clearFailure: () => void;
}

/**
 * Runs engine calls from click handlers. Every rejection is caught and kept for an error bar: an engine action
 * must never become an unhandled rejection. Results arriving after unmount are dropped, since React 16 warns on
 * state updates of unmounted components.
 */
export function useEngineAction(): EngineActionState {
  const [pending, setPending] = React.useState(0);
  const [failure, setFailure] = React.useState<ActionFailure | null>(null);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = React.useCallback((action: string, call: () => Promise<void>) => {
    setPending((n) => n + 1);
    setFailure(null);
    const settle = (error?: { error: unknown }): void => {
      if (!mounted.current) return;
      setPending((n) => n - 1);
      // A passing failure (offline, busy server) already shows in the status, and sync retries by itself: an
      // error bar about it would only go stale.
      if (error && !(error.error instanceof SyncEngineError && error.error.transient)) setFailure({ action, error: error.error });
    };
    let promise: Promise<void>;
    try {
      promise = call();
    } catch (error) {
      // A synchronous throw from an engine method is still an engine failure, not a crash of the page.
      promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    promise.then(
      () => {
        settle();
      },
      (error: unknown) => {
        settle({ error });
      },
    );
  }, []);

  const clearFailure = React.useCallback(() => {
    setFailure(null);
  }, []);

  return { busy: pending > 0, failure, run, clearFailure };
}
