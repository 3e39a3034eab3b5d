import * as React from 'react';
import type { SyncEngineApi, SyncStatus } from '../../SyncEngine/index';

/**
 * The engine's current status, kept up to date: subscribes on mount, unsubscribes on unmount. Hosts do not
 * reliably call `updateView` after `requestRender` (pcf-start does not for these controls), so the views
 * follow the engine themselves.
 */
export function useSyncStatus(engine: SyncEngineApi): SyncStatus {
  const [status, setStatus] = React.useState(() => engine.getStatus());
  React.useEffect(() => {
    setStatus(engine.getStatus());
    return engine.subscribe(setStatus);
  }, [engine]);
  return status;
}

/** Renders `children` with the live status. */
export function LiveStatus({ engine, children }: { engine: SyncEngineApi; children: (status: SyncStatus) => React.ReactElement }): React.ReactElement {
  return children(useSyncStatus(engine));
}
