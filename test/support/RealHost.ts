import { randomUUID } from 'node:crypto';
import type { ConnectionType, HostEnvironment, StorageEstimate } from '../../SyncEngine/contracts/HostEnvironment';

/** A HostEnvironment on real time for integration tests over HTTP; network and visibility set by the test. */
export class RealHost implements HostEnvironment {
  online = true;
  connection: ConnectionType = 'ethernet';
  active = true;
  private listeners = new Set<() => void>();

  now(): number {
    return Date.now();
  }

  setTimer(callback: () => void, ms: number): () => void {
    const handle = setTimeout(callback, Math.max(0, ms));
    return () => {
      clearTimeout(handle);
    };
  }

  random(): number {
    return Math.random();
  }

  newId(): string {
    return randomUUID();
  }

  isNetworkAvailable(): boolean {
    return this.online;
  }

  connectionType(): ConnectionType {
    return this.online ? this.connection : 'none';
  }

  isAppActive(): boolean {
    return this.active;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  storageEstimate(): Promise<StorageEstimate | null> {
    return Promise.resolve(null);
  }

  set(changes: Partial<Pick<RealHost, 'online' | 'active'>>): void {
    Object.assign(this, changes);
    for (const listener of [...this.listeners]) listener();
  }
}
