import { axe } from 'jest-axe';
import { SyncStatus, type ResetOptions, type StatusListener, type SyncEngineApi, type SyncStatusInit, type UserSettings } from '../../SyncEngine/index';
import { buildChangesExport } from '../../SyncEngine/core/export/buildChangesExport';
import { englishString } from '../support/mockContext';

export const NOW = Date.UTC(2025, 0, 15, 9, 30);

/** An idle, connected, fully synced status; tests change only what their sentence is about. */
export function makeStatus(changes: Partial<SyncStatusInit> = {}): SyncStatus {
  return new SyncStatus({
    connectivity: 'online',
    connectionType: 'wifi',
    phase: { kind: 'idle' },
    tables: [
      {
        table: 'account',
        displayName: 'Accounts',
        rows: 1200,
        bytes: 800_000,
        lastSyncedAt: NOW,
        initialComplete: true,
        effectiveIntervalMinutes: 60,
        state: 'available',
      },
    ],
    outbox: { rows: 0, files: 0, images: 0, held: 0 },
    errors: [],
    warnings: [],
    notice: null,
    lastSuccessAt: NOW,
    initialSyncComplete: true,
    userSettings: { wifiOnly: false, onDemand: false, onlineMode: false, frequencyMinutes: null },
    makerSettings: { conflictDetection: false, allowUserFrequency: false, allowWifiOnly: false, allowOnlineMode: false },
    ...changes,
  });
}

/** An engine whose actions are jest mocks; components under test only ever call these. */
export function makeFakeEngine(status: SyncStatus = makeStatus()) {
  return {
    getStatus: jest.fn(() => status),
    subscribe: jest.fn((_listener: StatusListener) => () => undefined),
    syncNow: jest.fn(() => Promise.resolve()),
    checkForUpdates: jest.fn(() => Promise.resolve()),
    refreshTable: jest.fn((_table: string) => Promise.resolve()),
    refreshAll: jest.fn(() => Promise.resolve()),
    listPending: jest.fn(() => []),
    discardChange: jest.fn((_seq: number) => Promise.resolve()),
    retryError: jest.fn((_id: string) => Promise.resolve()),
    discardError: jest.fn((_id: string) => Promise.resolve()),
    reset: jest.fn((_options?: ResetOptions) => Promise.resolve()),
    exportChanges: jest.fn(() =>
      Promise.resolve(buildChangesExport({ outbox: [], errors: [], identity: { orgId: 'org', userId: 'user' }, exportedAt: NOW, suiteVersion: '0.1.0' })),
    ),
    updateUserSettings: jest.fn((_changes: Partial<UserSettings>) => Promise.resolve()),
    dismissNotice: jest.fn(),
    offline: {} as SyncEngineApi['offline'],
  } satisfies SyncEngineApi;
}

/** The English string table, as the controls' `t`. */
export const t = englishString;

/** No axe violations, listed by rule and element when there are (jest-axe's matcher has no types here). */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe(container);
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
