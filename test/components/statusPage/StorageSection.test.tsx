import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { STATUS_PAGE_TRANSLATIONS } from '../../../components/statusPage/statusPageStrings.translations';
import type { StoragePersistence, SyncStatus } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status, table } from './statusPageFixtures';

function renderPage(current: SyncStatus, t: (key: string) => string = noStrings, locale = 'en-US'): void {
  render(<OfflineStatusPageView engine={fakeEngine(current)} status={current} t={t} locale={locale} />);
}

function persistenceLine(heading = 'Storage'): string | null {
  const region = screen.getByRole('region', { name: heading });
  return region.querySelector('[data-persistence]')?.textContent ?? null;
}

function storageLine(): string {
  return within(screen.getByRole('region', { name: 'Storage' })).getByText(/^Offline data uses/).textContent;
}

describe('Offline Status page: storage', () => {
  it('gives the size of the offline data as the sizes of the tables listed, added up', () => {
    renderPage(
      status({
        tables: [
          table({ table: 'account', displayName: 'Accounts', bytes: 1_100_000 }),
          table({ table: 'contact', displayName: 'Contacts', bytes: 450_000 }),
          table({ table: 'task', displayName: 'Tasks', bytes: 211_600 }),
        ],
      }),
    );
    expect(storageLine()).toBe('Offline data uses 1.7 MB on this device.');
    expect(screen.getByText('Size: 1 MB')).toBeTruthy();
    expect(screen.getByText('Size: 439.5 kB')).toBeTruthy();
  });

  it('counts a table being downloaded with what has landed so far', () => {
    renderPage(
      status({
        tables: [
          table({ table: 'account', displayName: 'Accounts', bytes: 2048 }),
          table({ table: 'contact', displayName: 'Contacts', bytes: 1024, state: 'syncing', progress: { rowsDone: 4, bytes: 1024 } }),
        ],
      }),
    );
    expect(storageLine()).toBe('Offline data uses 3 kB on this device.');
  });

  it('says no space is used before anything was downloaded', () => {
    renderPage(status({ tables: [table({ table: 'account', displayName: 'Accounts', bytes: 0, initialComplete: false, state: 'notDownloaded' })] }));
    expect(storageLine()).toBe('Offline data uses 0 bytes on this device.');
  });

  it.each([
    ['persisted', 'The browser keeps the offline data until you remove it.'],
    ['best-effort', 'The browser may clear the offline data when the device runs low on storage.'],
    ['unknown', 'This browser does not say whether it may clear the offline data.'],
  ] as const)('says whether the browser may clear the offline data (%s)', (persistence: StoragePersistence, line) => {
    renderPage(status({ storagePersistence: persistence }));
    expect(persistenceLine()).toBe(line);
  });

  it('reads a snapshot without the field as unknown', () => {
    renderPage(status());
    expect(persistenceLine()).toBe('This browser does not say whether it may clear the offline data.');
  });

  it('says it in German', () => {
    const translations = STATUS_PAGE_TRANSLATIONS['1031'] as Record<string, string>;
    renderPage(status({ storagePersistence: 'best-effort' }), (key) => translations[key] ?? key, 'de-DE');
    expect(persistenceLine('Speicher')).toBe('Der Browser kann die Offlinedaten löschen, wenn der Speicher des Geräts knapp wird.');
  });
});
