import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { SyncStatus } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status, table } from './statusPageFixtures';

function renderPage(current: SyncStatus): void {
  render(<OfflineStatusPageView engine={fakeEngine(current)} status={current} t={noStrings} locale="en-US" />);
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
});
