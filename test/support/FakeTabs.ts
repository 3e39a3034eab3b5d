import type { TabCoordinator, TabMessage } from '../../SyncEngine/contracts/TabCoordinator';

/** Tabs of one browser: the first to join leads, the next in line takes over when it closes; messages are async. */
export class TabHub {
  private readonly tabs: FakeTab[] = [];

  join(): FakeTab {
    const tab = new FakeTab(this);
    this.tabs.push(tab);
    if (this.tabs.length === 1) tab.setLeader(true);
    return tab;
  }

  leave(tab: FakeTab): void {
    const index = this.tabs.indexOf(tab);
    if (index < 0) return;
    this.tabs.splice(index, 1);
    if (tab.isLeader()) {
      tab.setLeader(false);
      this.tabs[0]?.setLeader(true);
    }
  }

  send(from: FakeTab, message: TabMessage): void {
    for (const tab of this.tabs) {
      if (tab !== from) {
        const copy = structuredClone(message);
        setImmediate(() => {
          tab.deliver(copy);
        });
      }
    }
  }
}

export class FakeTab implements TabCoordinator {
  private leader = false;
  private readonly leadership = new Set<() => void>();
  private readonly listeners = new Set<(message: TabMessage) => void>();

  constructor(private readonly hub: TabHub) {}

  isLeader(): boolean {
    return this.leader;
  }

  setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    for (const listener of [...this.leadership]) listener();
  }

  onLeadershipChange(listener: () => void): () => void {
    this.leadership.add(listener);
    return () => this.leadership.delete(listener);
  }

  post(message: TabMessage): void {
    this.hub.send(this, message);
  }

  onMessage(listener: (message: TabMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(message: TabMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }

  close(): void {
    this.hub.leave(this);
  }
}
