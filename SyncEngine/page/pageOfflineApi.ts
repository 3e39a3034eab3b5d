import { toSyncError } from '../contracts/errors';
import type { Row } from '../contracts/rows';
import type { OfflineApi, RetrieveMultipleResult } from '../contracts/SyncEngineApi';
import { PageEngines, type PageEngine } from './pageEngines';

/**
 * The page API's version (semver). Bundles of one major version share one page object, whichever loaded first;
 * an incompatible major would get its own symbol and leave `window.OfflineSyncSuite` to the first.
 */
export const PAGE_API_VERSION = '1.0.0';

/** How long a call waits for an engine (and for it to open its database) before it rejects. */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** `Symbol.for`, not a module-local symbol: each control bundle compiles its own copy of this file. */
const PAGE_STATE = Symbol.for('OfflineSyncSuite.page/1');

/** `window.OfflineSyncSuite`: the engine's offline API for app code on the page (form scripts, other controls). */
export interface OfflineSyncSuitePage {
  readonly version: string;
  /** `Xrm.WebApi.offline`'s signatures, answered by the current user's engine from the offline database. */
  readonly offline: OfflineApi;
  /**
   * Resolves when an engine of the current user exists and has opened its offline database (at once when one
   * has); rejects after `readyTimeoutMs` when none does. Each read answers a promise for the page as it is then.
   */
  readonly ready: Promise<void>;
  /** How long `ready` and the calls wait for an engine; shared by everything on the page. */
  readyTimeoutMs: number;
}

/** What a bundle holds after installing: the shared page object and the way to tell it about an engine. */
export interface PageOfflineApi {
  readonly suite: OfflineSyncSuitePage;
  announce(entry: PageEngine): void;
}

type PageGlobal = Record<symbol, PageOfflineApi | undefined> & { OfflineSyncSuite?: unknown };

/**
 * Installs the page object once per page and answers it to every later caller, from this bundle or another.
 * `window.OfflineSyncSuite` is set only when the name is free: something else already there is left alone, and the
 * object stays reachable under `Symbol.for('OfflineSyncSuite.page/1')`.
 */
export function installPageOfflineApi(global: object = globalThis): PageOfflineApi {
  const holder = global as PageGlobal;
  let installed = holder[PAGE_STATE];
  if (!installed) {
    installed = createPageOfflineApi();
    Object.defineProperty(holder, PAGE_STATE, { value: installed, configurable: true });
  }
  holder.OfflineSyncSuite ??= installed.suite;
  return installed;
}

/** A fresh page object over its own engine list; `installPageOfflineApi` keeps one per page. */
export function createPageOfflineApi(engines = new PageEngines()): PageOfflineApi {
  const suite: OfflineSyncSuitePage = {
    version: PAGE_API_VERSION,
    readyTimeoutMs: DEFAULT_READY_TIMEOUT_MS,
    get ready(): Promise<void> {
      return engines.ready(undefined, suite.readyTimeoutMs).then(
        () => undefined,
        (error: unknown) => Promise.reject(typedError(error)),
      );
    },
    offline: pageOffline(engines, () => suite.readyTimeoutMs),
  };
  Object.defineProperty(suite, 'version', { writable: false });
  return {
    suite,
    announce: (entry) => {
      engines.add(entry);
    },
  };
}

/**
 * The calls, each routed to the engine that holds its table. Closures, not methods, so app code may pass them
 * around detached (`const { retrieveRecord } = OfflineSyncSuite.offline`). They never throw synchronously.
 */
function pageOffline(engines: PageEngines, timeoutMs: () => number): OfflineApi {
  const call = async <T>(table: string, run: (api: OfflineApi) => Promise<T>): Promise<T> => {
    try {
      const engine = await engines.ready(table, timeoutMs());
      return await run(engine.offline);
    } catch (error) {
      throw typedError(error);
    }
  };
  return Object.freeze({
    createRecord: (entityLogicalName: string, data: Row) => call(entityLogicalName, (api) => api.createRecord(entityLogicalName, data)),
    retrieveRecord: (entityLogicalName: string, id: string, options?: string) =>
      call(entityLogicalName, (api) => api.retrieveRecord(entityLogicalName, id, options)),
    retrieveMultipleRecords: (entityLogicalName: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult> =>
      call(entityLogicalName, (api) => api.retrieveMultipleRecords(entityLogicalName, options, maxPageSize)),
    updateRecord: (entityLogicalName: string, id: string, data: Row) =>
      call(entityLogicalName, (api) => api.updateRecord(entityLogicalName, id, data)),
    deleteRecord: (entityLogicalName: string, id: string) => call(entityLogicalName, (api) => api.deleteRecord(entityLogicalName, id)),
    // Synchronous, as in Xrm: before an engine exists nothing is available offline yet.
    isAvailableOffline: (entityLogicalName: string) => engines.mine().some((e) => e.engine.offline.isAvailableOffline(entityLogicalName)),
  });
}

/**
 * The engine's own error when it is one. Duck-typed, not `instanceof`: an engine created by another control's
 * bundle throws that bundle's copy of the error classes.
 */
function typedError(error: unknown): Error {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const typed = error instanceof Error && typeof e?.name === 'string' && typeof e.code === 'string' && typeof e.message === 'string';
  return typed ? error : toSyncError(error);
}
