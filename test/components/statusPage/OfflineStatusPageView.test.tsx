import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { axe } from 'jest-axe';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { STATUS_PAGE_STRINGS } from '../../../components/statusPage/statusPageStrings';
import { STATUS_PAGE_TRANSLATIONS } from '../../../components/statusPage/statusPageStrings.translations';
import { DEFAULT_USER_SETTINGS, type SyncStatus } from '../../../SyncEngine/contracts';
import { SYNC_TIME, fakeEngine, noStrings, status, syncError, table } from './statusPageFixtures';

function fullStatus(): SyncStatus {
  return status({
    connectivity: 'unavailable',
    connectionType: 'unknown',
    tables: [
      table({ table: 'account', displayName: 'Accounts', rows: 10, effectiveIntervalMinutes: 5 }),
      table({ table: 'contact', displayName: 'Contacts', intervalDrivenBy: 'account', effectiveIntervalMinutes: 5 }),
    ],
    outbox: { rows: 2, files: 0, images: 0, held: 1 },
    errors: [
      syncError({ id: 'e1' }),
      syncError({
        id: 'c1',
        code: 'conflict',
        errorType: 0,
        deviceVersion: { name: 'A', city: 'Paris' },
        serverVersion: { name: 'A', city: 'Lyon' },
      }),
    ],
    warnings: [{ code: 'server-busy', message: 'HTTP 429', since: SYNC_TIME }],
    makerSettings: { conflictDetection: true, allowUserFrequency: true, allowWifiOnly: true, allowOnlineMode: true },
    userSettings: { ...DEFAULT_USER_SETTINGS, onDemand: true },
  });
}

describe('Offline Status page', () => {
  it('has a heading for the page and for every section, the most important first', () => {
    render(<OfflineStatusPageView engine={fakeEngine()} status={fullStatus()} t={noStrings} locale="en-US" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Offline Status' })).toBeTruthy();
    const sections = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(sections).toEqual([
      'Warnings',
      'Connection',
      'Sync errors (2)',
      'Pending uploads',
      'Actions',
      'Tables',
      'Storage',
      'Sync settings',
    ]);
  });

  it('shows warnings in a warning bar, translated by code', async () => {
    render(<OfflineStatusPageView engine={fakeEngine()} status={fullStatus()} t={noStrings} locale="en-US" />);
    const region = within(screen.getByRole('region', { name: 'Warnings' }));
    expect(await region.findByText(/^The server is busy\. Sync continues when it has capacity again\. \(since /)).toBeTruthy();
    expect(region.getByRole('status')).toBeTruthy();
  });

  it('shows no warnings section when all is well', () => {
    render(<OfflineStatusPageView engine={fakeEngine()} status={status()} t={noStrings} locale="en-US" />);
    expect(screen.queryByRole('region', { name: 'Warnings' })).toBeNull();
  });

  it('shows the storage offline data uses: the sizes of its tables added up', () => {
    const tables = [table({ table: 'account', bytes: 2 * 1024 * 1024 }), table({ table: 'contact', bytes: 1024 * 1024 })];
    render(<OfflineStatusPageView engine={fakeEngine()} status={status({ tables })} t={noStrings} locale="en-US" />);
    expect(within(screen.getByRole('region', { name: 'Storage' })).getByText('Offline data uses 3 MB on this device.')).toBeTruthy();
  });

  it('reads every string through t, so the resx translation wins', () => {
    const german = (key: string): string => (STATUS_PAGE_TRANSLATIONS['1031'] as Record<string, string>)[key] ?? key;
    render(<OfflineStatusPageView engine={fakeEngine()} status={fullStatus()} t={german} locale="de-DE" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Offlinestatus' })).toBeTruthy();
    expect(screen.getByText('Netzwerk oder Dienst nicht verfügbar')).toBeTruthy();
    expect(screen.getByText('Verbindungstyp: vom Gerät nicht gemeldet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Jetzt synchronisieren' })).toBeTruthy();
    expect(screen.getAllByText('Synchronisierung alle 5 Minuten')).toHaveLength(2);
  });

  it('falls back to English when t answers an empty string', () => {
    render(<OfflineStatusPageView engine={fakeEngine()} status={status()} t={() => ''} locale="en-US" />);
    expect(screen.getByRole('heading', { level: 2, name: 'Offline Status' })).toBeTruthy();
  });

  it('has German and French for every English string, with the same placeholders', () => {
    const placeholders = (s: string): string[] => (s.match(/\{[\w-]+\}/g) ?? []).sort();
    for (const lcid of ['1031', '1036'] as const) {
      const translations = STATUS_PAGE_TRANSLATIONS[lcid];
      expect(Object.keys(translations).sort()).toEqual(Object.keys(STATUS_PAGE_STRINGS).sort());
      for (const [key, english] of Object.entries(STATUS_PAGE_STRINGS)) {
        expect([key, placeholders(translations[key as keyof typeof STATUS_PAGE_STRINGS])]).toEqual([key, placeholders(english)]);
      }
    }
  });

  it('has no detectable accessibility violations with every section showing', async () => {
    const { container } = render(
      <OfflineStatusPageView engine={fakeEngine()} status={fullStatus()} t={noStrings} locale="en-US" pending={[]} />,
    );
    await screen.findByText(/^The server is busy/);
    const results = await axe(container);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
