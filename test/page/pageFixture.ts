import { setImmediate as nodeSetImmediate } from 'timers';
import { deserialize, serialize } from 'v8';
import type { SyncEngineApi } from '../../SyncEngine/contracts/SyncEngineApi';
import { PageEngines } from '../../SyncEngine/page/pageEngines';
import { createPageOfflineApi, type PageOfflineApi } from '../../SyncEngine/page/pageOfflineApi';
import { USER } from '../support/engineFixture';

/** jsdom lacks structuredClone, which the stores need; Node's v8 serializer is the same algorithm. */
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
}
// The engine fixture's `settle()` drains promise chains with setImmediate, which jsdom hides.
if (typeof globalThis.setImmediate !== 'function') globalThis.setImmediate = nodeSetImmediate;

/** A page object of its own (not the page's shared one), whose current user is `user` as Xrm would say it. */
export function freshPage(user?: string): PageOfflineApi {
  return createPageOfflineApi(new PageEngines(() => user));
}

export interface Announced {
  /** Takes the engine off the page, as `disposeAllEngines` does. */
  retire(): void;
}

/** Tells `page` about `engine` the way `getSyncEngine` does; started at once unless `started` says otherwise. */
export function announce(page: PageOfflineApi, engine: SyncEngineApi, options: { userId?: string; started?: Promise<void> } = {}): Announced {
  let live = true;
  page.announce({ engine, userId: options.userId ?? USER, started: options.started ?? Promise.resolve(), live: () => live });
  return {
    retire: () => {
      live = false;
    },
  };
}

/** The settled state of a promise without awaiting it forever: for "still waiting" assertions. */
export async function stateOf(promise: Promise<unknown>, withinMs = 20): Promise<'pending' | 'resolved' | 'rejected'> {
  const pending = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), withinMs));
  return Promise.race([
    promise.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    pending,
  ]);
}
