import type { RecordStore } from '../../contracts/RecordStore';
import type { TabCoordinator, TabMessage } from '../../contracts/TabCoordinator';
import type { EngineState } from '../EngineState';
import type { SyncRequest } from '../sync/SyncRequest';

export interface TabLinkEngine {
  /** Re-reads what the engine mirrors in memory from the store. */
  reload(): Promise<void>;
  /** This tab now syncs what is in the database: reload and schedule. */
  takeOver(): Promise<void>;
  /** Runs a user's request from another tab. */
  run(request: SyncRequest): Promise<void>;
}

/**
 * The engine's side of multi-tab coordination. Tabs of one app and user share the database: the leader syncs and
 * tells the others what changed and how things stand; the others mirror its status and hand it their requests
 * and queued changes. Without a coordinator this tab simply leads.
 */
export class TabLink {
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly coordinator: TabCoordinator | undefined,
    private readonly store: RecordStore,
    private readonly state: EngineState,
    private readonly engine: TabLinkEngine,
  ) {}

  start(): void {
    const coordinator = this.coordinator;
    if (!coordinator) return;
    this.state.mirroring = !coordinator.isLeader();
    this.state.onPublished = (status) => {
      if (coordinator.isLeader()) coordinator.post({ kind: 'status', status });
    };
    this.unsubscribe.push(
      coordinator.onMessage((message) => {
        void this.onMessage(message).catch(() => undefined);
      }),
      coordinator.onLeadershipChange(() => {
        this.state.mirroring = !coordinator.isLeader();
        if (coordinator.isLeader()) void this.engine.takeOver().catch(() => undefined);
      }),
    );
  }

  leads(): boolean {
    return this.coordinator?.isLeader() ?? true;
  }

  /** This tab changed the shared database: the others must know. */
  announce(): void {
    this.coordinator?.post(this.leads() ? { kind: 'data-changed' } : { kind: 'outbox-changed' });
  }

  /** A user's request in a tab that does not lead goes to the leader; everyone sees the result in the status. */
  forward(request: SyncRequest): void {
    const forwarded = request.kind === 'refreshTable' ? { refreshTable: request.table } : request.kind === 'refreshAll' ? 'refreshAll' : 'syncNow';
    this.coordinator?.post({ kind: 'request', request: forwarded });
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.coordinator?.close();
  }

  private async onMessage(message: TabMessage): Promise<void> {
    const leads = this.leads();
    if (message.kind === 'status') {
      this.state.mirror(message.status);
    } else if (message.kind === 'data-changed' && !leads) {
      await this.store.invalidate?.();
      await this.engine.reload();
      this.state.publish();
    } else if (message.kind === 'outbox-changed' && leads) {
      await this.engine.takeOver();
    } else if (message.kind === 'request' && leads) {
      const r = message.request;
      await this.engine.run(r === 'syncNow' ? { kind: 'syncNow' } : r === 'refreshAll' ? { kind: 'refreshAll' } : { kind: 'refreshTable', table: r.refreshTable });
    }
  }
}
