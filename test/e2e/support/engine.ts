import type { Page } from 'playwright-core';
import type { IconState, Row, SyncEngineApi } from '../../../SyncEngine/contracts';

/**
 * The page's engine as the tests reach it: `getSyncEngine` keeps every engine of the page in a registry under
 * this symbol. Functions passed to `page.evaluate` run in the page, so each one looks the engine up itself
 * (they cannot close over anything here).
 */
export const REGISTRY_KEY = 'OfflineSyncSuite.engines';

/** What the tests read from `engine.getStatus()`: plain data, so it crosses from the page as JSON. */
export interface EngineSnapshot {
  iconState: IconState;
  connectivity: string;
  pendingCount: number;
  syncing: boolean;
  initialSyncComplete: boolean;
  rows: Record<string, number>;
  warnings: string[];
  errors: { code: string; table: string; rowId: string }[];
  notice: string | null;
  /** The engine has read the offline database: before that its counts are not the device's. */
  deviceRead: boolean;
  /** The engine holds names and labels from the server's metadata (read once after the first good pass). */
  displayMetadata: boolean;
}

export function engineSnapshot(page: Page): Promise<EngineSnapshot> {
  return page.evaluate((key) => {
    const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
    const engine = engines ? [...engines.values()][0] : undefined;
    if (!engine) throw new Error('No sync engine on the page');
    const status = engine.getStatus();
    return {
      iconState: status.iconState,
      connectivity: status.connectivity,
      pendingCount: status.pendingCount,
      syncing: status.isSyncing,
      initialSyncComplete: status.initialSyncComplete,
      rows: Object.fromEntries(status.tables.map((t) => [t.table, t.rows])),
      displayMetadata: engine.getDisplayMetadata?.() !== undefined,
      deviceRead: status.deviceRead,
      warnings: status.warnings.map((w) => w.code),
      errors: status.activeErrors.map((e) => ({ code: e.code, table: e.table, rowId: e.rowId })),
      notice: status.notice?.kind ?? null,
    };
  }, REGISTRY_KEY);
}

/** Polls the engine until `accept` holds; the message says what was awaited and what was last seen. */
export async function waitForEngine(page: Page, what: string, accept: (s: EngineSnapshot) => boolean, timeoutMs = 30_000): Promise<EngineSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: EngineSnapshot | undefined;
  while (Date.now() < deadline) {
    try {
      last = await engineSnapshot(page);
      if (accept(last)) return last;
    } catch {
      // The bundle has not created the engine yet (or the page is reloading).
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`Timed out after ${String(timeoutMs)} ms waiting for the engine: ${what}. Last status: ${JSON.stringify(last)}`);
}

/** The first sync finished and nothing runs: the state every scenario starts from. */
export function waitForInitialSync(page: Page, timeoutMs = 30_000): Promise<EngineSnapshot> {
  return waitForEngine(page, 'initial sync complete and idle', (s) => s.initialSyncComplete && !s.syncing, timeoutMs);
}

/**
 * The first sync done and the display metadata it asks for afterwards read: the requests the page makes on its own
 * are over, so faults set next meet the scenario's requests, not the metadata's, and names show as the user sees them.
 */
export function waitForSettled(page: Page, timeoutMs = 30_000): Promise<EngineSnapshot> {
  return waitForEngine(page, 'initial sync complete, display metadata read, idle', (s) => s.initialSyncComplete && s.displayMetadata && !s.syncing, timeoutMs);
}

/** A row of `table` from the offline database (`engine.offline.retrieveMultipleRecords`). */
export function firstOfflineRow(page: Page, table: string): Promise<Row> {
  return page.evaluate(
    async ({ key, table: name }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      const { entities } = await engine.offline.retrieveMultipleRecords(name, '?$top=1');
      if (entities.length === 0) throw new Error(`No ${name} row on the device`);
      return entities[0];
    },
    { key: REGISTRY_KEY, table },
  );
}

/** The app edits a row the way app code does offline: `engine.offline.updateRecord`. */
export async function editOffline(page: Page, table: string, id: string, data: Row): Promise<void> {
  await page.evaluate(
    async ({ key, table: name, id: rowId, data: changes }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      await engine.offline.updateRecord(name, rowId, changes);
    },
    { key: REGISTRY_KEY, table, id, data },
  );
}

/** The app creates a row the way app code does offline: `engine.offline.createRecord`; answers its id. */
export function createOffline(page: Page, table: string, data: Row): Promise<string> {
  return page.evaluate(
    async ({ key, table: name, data: values }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      return (await engine.offline.createRecord(name, values)).id;
    },
    { key: REGISTRY_KEY, table, data },
  );
}

/** A row as the device holds it (`engine.offline.retrieveRecord`). */
export function offlineRow(page: Page, table: string, id: string): Promise<Row> {
  return page.evaluate(
    async ({ key, table: name, id: rowId }) => {
      const engines = (globalThis as unknown as Record<symbol, Map<string, SyncEngineApi> | undefined>)[Symbol.for(key)];
      const engine = engines ? [...engines.values()][0] : undefined;
      if (!engine) throw new Error('No sync engine on the page');
      return engine.offline.retrieveRecord(name, rowId);
    },
    { key: REGISTRY_KEY, table, id },
  );
}
