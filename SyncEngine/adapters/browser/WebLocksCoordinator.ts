import type { TabCoordinator, TabMessage } from '../../contracts/TabCoordinator';

interface LockManagerLike {
  request(name: string, options: { mode: 'exclusive'; signal?: AbortSignal }, callback: () => Promise<void>): Promise<void>;
}

interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface WebLocksCoordinatorOptions {
  /** One name per database (organisation + user): tabs of other users never coordinate. */
  name: string;
  locks?: LockManagerLike;
  channel?: ChannelLike;
}

/**
 * Leader election with the Web Locks API: every tab asks for the same exclusive lock and holds it until it
 * closes, so exactly one tab holds it and the next in line gets it when that tab goes — even when it crashes,
 * since the browser releases a dead tab's locks. Messages go over a BroadcastChannel. Where the platform has
 * neither, this tab simply leads: it is then the only one that can be coordinated anyway.
 */
export class WebLocksCoordinator implements TabCoordinator {
  private leader: boolean;
  private readonly leadershipListeners = new Set<() => void>();
  private readonly messageListeners = new Set<(message: TabMessage) => void>();
  private readonly channel: ChannelLike | undefined;
  private readonly release = new AbortController();
  private releaseLock: (() => void) | undefined;

  constructor(options: WebLocksCoordinatorOptions) {
    const nav = globalThis.navigator as (Navigator & { locks?: LockManagerLike }) | undefined;
    const locks = options.locks ?? nav?.locks;
    this.channel = options.channel ?? (typeof BroadcastChannel === 'function' ? new BroadcastChannel(`oss:${options.name}`) : undefined);
    this.channel?.addEventListener('message', (event) => {
      for (const listener of [...this.messageListeners]) listener(event.data as TabMessage);
    });
    this.leader = locks === undefined;
    locks
      ?.request(`oss:${options.name}:leader`, { mode: 'exclusive', signal: this.release.signal }, () => this.lead())
      .catch(() => undefined);
  }

  isLeader(): boolean {
    return this.leader;
  }

  onLeadershipChange(listener: () => void): () => void {
    this.leadershipListeners.add(listener);
    return () => this.leadershipListeners.delete(listener);
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }

  onMessage(listener: (message: TabMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  close(): void {
    this.release.abort();
    this.releaseLock?.();
    this.channel?.close();
    this.setLeader(false);
  }

  /** Runs while this tab holds the lock; the lock is released when the promise settles. */
  private lead(): Promise<void> {
    this.setLeader(true);
    return new Promise<void>((resolve) => {
      this.releaseLock = resolve;
    });
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    for (const listener of [...this.leadershipListeners]) listener();
  }
}
