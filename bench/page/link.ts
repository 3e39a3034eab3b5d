import type { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { PageRequest, RemotePage, RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { closeEngine, openEngine } from './engineStack';
import { deleteDatabase } from './measure';
import type { EmulatorTarget } from './types';

export interface LinkSync {
  ms: number;
  rows: number;
  /** Response bodies of the download pages, as the remote counted them. */
  bytes: number;
  pages: number;
}

/** Hands every call to `remote`, counting the download pages' bodies on the way. */
function counting(remote: WebApiRemote, total: { bytes: number; pages: number }): RemoteSource {
  return new Proxy(remote, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'fetchPage' || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return async (request: PageRequest): Promise<RemotePage> => {
        const page = await (value as RemoteSource['fetchPage']).call(target, request);
        total.bytes += page.bytes;
        total.pages += 1;
        return page;
      };
    },
  });
}

/**
 * A first sync of the whole bench profile on an empty device, over whatever link the runner set up (the
 * emulator's server time per request, Chromium's network emulation for round trip and bandwidth). The device is
 * deleted afterwards: each link starts from nothing.
 */
export async function linkFirstSync(key: string, target: EmulatorTarget, options: Partial<EngineOptions> = {}): Promise<LinkSync> {
  const total = { bytes: 0, pages: 0 };
  const engine = await openEngine(key, target, { wrapRemote: (remote) => counting(remote, total), options });
  try {
    const start = performance.now();
    await engine.syncNow();
    const ms = performance.now() - start;
    const status = engine.getStatus();
    if (!status.initialSyncComplete) throw new Error(`The first sync over the link did not complete: ${status.lastFailureCode ?? 'no failure code'}`);
    const rows = status.tables.reduce((sum, t) => sum + t.rows, 0);
    return { ms, rows, ...total };
  } finally {
    await closeEngine(key);
    await deleteDatabase(`bench:${key}`);
  }
}
