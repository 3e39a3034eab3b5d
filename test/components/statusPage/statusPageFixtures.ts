import {
  DEFAULT_MAKER_SETTINGS,
  DEFAULT_USER_SETTINGS,
  SyncStatus,
  type OfflineApi,
  type SyncEngineApi,
  type SyncErrorRecord,
  type SyncStatusInit,
  type TableStatus,
  type ChangesExport,
} from '../../../SyncEngine/contracts';
import { buildChangesExport } from '../../../SyncEngine/core/export/buildChangesExport';

/** 14 March 2024, 09:30 UTC: a fixed, recognisable sync time. */
export const SYNC_TIME = Date.UTC(2024, 2, 14, 9, 30);

export function table(overrides: Partial<TableStatus> & Pick<TableStatus, 'table'>): TableStatus {
  return {
    displayName: overrides.table,
    rows: 0,
    bytes: 0,
    lastSyncedAt: SYNC_TIME,
    initialComplete: true,
    effectiveIntervalMinutes: 60,
    state: 'available',
    ...overrides,
  };
}

export function status(overrides: Partial<SyncStatusInit> = {}): SyncStatus {
  return new SyncStatus({
    connectivity: 'online',
    connectionType: 'wifi',
    phase: { kind: 'idle' },
    tables: [table({ table: 'account', displayName: 'Accounts', rows: 1234, bytes: 1_572_864 })],
    outbox: { rows: 0, files: 0, images: 0, held: 0 },
    errors: [],
    warnings: [],
    notice: null,
    lastSuccessAt: SYNC_TIME,
    initialSyncComplete: true,
    userSettings: DEFAULT_USER_SETTINGS,
    makerSettings: DEFAULT_MAKER_SETTINGS,
    ...overrides,
  });
}

export function syncError(overrides: Partial<SyncErrorRecord> & Pick<SyncErrorRecord, 'id'>): SyncErrorRecord {
  return {
    table: 'account',
    rowId: `row-${overrides.id}`,
    recordName: `Record ${overrides.id}`,
    action: 'update',
    errorType: 3,
    code: 'rejected',
    message: 'A business rule rejected the change.',
    time: SYNC_TIME,
    state: 'active',
    ...overrides,
  };
}

export type FakeEngine = { [K in keyof SyncEngineApi]: K extends 'offline' ? OfflineApi : jest.Mock };

/** Every engine action resolves unless a test says otherwise. */
export function fakeEngine(current: SyncStatus = status()): FakeEngine & SyncEngineApi {
  const resolved = (): jest.Mock => jest.fn().mockResolvedValue(undefined);
  return {
    getStatus: jest.fn(() => current),
    subscribe: jest.fn(() => jest.fn()),
    syncNow: resolved(),
    checkForUpdates: resolved(),
    refreshTable: resolved(),
    refreshAll: resolved(),
    listPending: jest.fn(() => []),
    discardChange: resolved(),
    retryError: resolved(),
    discardError: resolved(),
    reset: resolved(),
    exportChanges: jest.fn().mockResolvedValue(emptyExport()),
    updateUserSettings: resolved(),
    dismissNotice: jest.fn(),
    offline: {
      createRecord: jest.fn(),
      retrieveRecord: jest.fn(),
      retrieveMultipleRecords: jest.fn(),
      updateRecord: jest.fn(),
      deleteRecord: jest.fn(),
      isAvailableOffline: jest.fn(() => true),
    },
  };
}

/** What an engine with nothing queued and no errors exports. */
export function emptyExport(): ChangesExport {
  return buildChangesExport({ outbox: [], errors: [], identity: { orgId: 'org', userId: 'user' }, exportedAt: SYNC_TIME, suiteVersion: '0.1.0' });
}

/** A host without a string table: PCF answers the key itself, so the page must fall back to English. */
export const noStrings = (key: string): string => key;
