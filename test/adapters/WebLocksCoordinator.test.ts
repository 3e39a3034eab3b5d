import { WebLocksCoordinator } from '../../SyncEngine/adapters/browser/WebLocksCoordinator';
import type { TabMessage } from '../../SyncEngine/contracts/TabCoordinator';

/** A lock manager like the browser's: one holder per name, the rest wait in order. */
class FakeLocks {
  private queue: { grant: () => void; signal?: AbortSignal }[] = [];
  private held = false;

  request(_name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.held = true;
        void callback().then(() => {
          this.held = false;
          resolve();
          this.next();
        });
      };
      this.queue.push({ grant, signal: options.signal });
      options.signal?.addEventListener('abort', () => {
        this.queue = this.queue.filter((w) => w.grant !== grant);
        resolve();
      });
      if (!this.held) this.next();
    });
  }

  private next(): void {
    const waiter = this.queue.shift();
    waiter?.grant();
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('leader election across tabs with Web Locks', () => {
  it('makes the first tab the leader and the next one leader when it closes', async () => {
    const locks = new FakeLocks();
    const a = new WebLocksCoordinator({ name: 'org:user', locks, channel: new BroadcastChannel('t1') });
    const b = new WebLocksCoordinator({ name: 'org:user', locks, channel: new BroadcastChannel('t1') });
    await tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    const changes: boolean[] = [];
    b.onLeadershipChange(() => changes.push(b.isLeader()));
    a.close();
    await tick();
    await tick();
    expect(b.isLeader()).toBe(true);
    expect(changes).toEqual([true]);
    b.close();
  });

  it('delivers messages to the other tabs only', async () => {
    const a = new WebLocksCoordinator({ name: 'x', locks: new FakeLocks(), channel: new BroadcastChannel('t2') });
    const b = new WebLocksCoordinator({ name: 'x', locks: new FakeLocks(), channel: new BroadcastChannel('t2') });
    const seenByA: TabMessage[] = [];
    const seenByB: TabMessage[] = [];
    a.onMessage((m) => seenByA.push(m));
    b.onMessage((m) => seenByB.push(m));
    a.post({ kind: 'outbox-changed' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seenByB).toEqual([{ kind: 'outbox-changed' }]);
    expect(seenByA).toEqual([]);
    a.close();
    b.close();
  });

  it('leads alone where the platform has no Web Locks', () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
    try {
      const only = new WebLocksCoordinator({ name: 'y', channel: new BroadcastChannel('t3') });
      expect(only.isLeader()).toBe(true);
      only.close();
    } finally {
      if (original) Object.defineProperty(globalThis, 'navigator', original);
    }
  });
});
