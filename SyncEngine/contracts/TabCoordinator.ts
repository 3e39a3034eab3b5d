import type { SyncStatusInit } from './SyncStatus';

/** What the tabs of one app and user tell each other. */
export type TabMessage =
  /** A tab queued local changes in the shared database: the leader reloads its outbox and uploads them. */
  | { kind: 'outbox-changed' }
  /** The leader changed rows, outbox or errors in the shared database: other tabs drop what they cached. */
  | { kind: 'data-changed' }
  /** The leader's status, so every tab shows the same. */
  | { kind: 'status'; status: SyncStatusInit }
  /** A user action in another tab, for the leader to run. */
  | { kind: 'request'; request: 'syncNow' | 'refreshAll' | { refreshTable: string } };

/**
 * Several tabs of the same app and user share one offline database; exactly one of them — the leader — syncs.
 * When the leader goes away another tab takes over.
 */
export interface TabCoordinator {
  isLeader(): boolean;
  /** Leadership of this tab changed; answers an unsubscribe function. */
  onLeadershipChange(listener: () => void): () => void;
  post(message: TabMessage): void;
  onMessage(listener: (message: TabMessage) => void): () => void;
  close(): void;
}
