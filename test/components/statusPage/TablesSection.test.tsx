import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { SyncStatus } from '../../../SyncEngine/contracts';
import { SYNC_TIME, fakeEngine, noStrings, status, table } from './statusPageFixtures';

const tables = [
  table({ table: 'account', displayName: 'Accounts', rows: 1234, bytes: 1_572_864, effectiveIntervalMinutes: 5 }),
  table({ table: 'contact', displayName: 'Contacts', rows: 12, bytes: 2048, effectiveIntervalMinutes: 5, intervalDrivenBy: 'account' }),
  table({ table: 'product', displayName: 'Products', rows: 0, bytes: 0, effectiveIntervalMinutes: 1440, lastSyncedAt: undefined, state: 'notDownloaded' }),
  table({ table: 'task', displayName: 'Tasks', state: 'syncing', progress: { rowsDone: 120, rowsExpected: 500, bytes: 0 } }),
  table({ table: 'note', displayName: 'Notes', state: 'error', errorCode: 'privilege', effectiveIntervalMinutes: 120 }),
];

function renderPage(current: SyncStatus = status({ tables }), engine = fakeEngine(current)): typeof engine {
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" />);
  return engine;
}

function tableItem(name: string): HTMLElement {
  return screen.getByRole('heading', { name, level: 4 }).closest('[role="listitem"]') as HTMLElement;
}

describe('Offline Status page: tables', () => {
  it('lists every offline table under a Tables heading', () => {
    renderPage();
    const region = screen.getByRole('region', { name: 'Tables' });
    expect(within(region).getAllByRole('listitem')).toHaveLength(tables.length);
  });

  it('shows rows on the device, size, last sync and interval of a table', () => {
    renderPage();
    const item = within(tableItem('Accounts'));
    const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(SYNC_TIME);
    expect(item.getByText('Rows on device: 1,234')).toBeTruthy();
    expect(item.getByText('Size: 1.5 MB')).toBeTruthy();
    expect(item.getByText(`Last synced: ${time}`)).toBeTruthy();
    expect(item.getByText('Syncs every 5 minutes')).toBeTruthy();
    expect(item.getByText('State: available')).toBeTruthy();
  });

  it('explains when a related table drives the interval', () => {
    renderPage();
    const item = within(tableItem('Contacts'));
    expect(item.getByText('Size: 2 kB')).toBeTruthy();
    expect(item.getByText(/^Synced with Accounts: this table is related to Accounts, which syncs more often/)).toBeTruthy();
    expect(within(tableItem('Accounts')).queryByText(/Synced with/)).toBeNull();
  });

  it('says "every day", "every 2 hours" and when a table has not been downloaded', () => {
    renderPage();
    expect(within(tableItem('Products')).getByText('Syncs every day')).toBeTruthy();
    expect(within(tableItem('Products')).getByText('State: not downloaded')).toBeTruthy();
    expect(within(tableItem('Products')).getByText('Not synced yet')).toBeTruthy();
    expect(within(tableItem('Notes')).getByText('Syncs every 2 hours')).toBeTruthy();
  });

  it('shows download progress and error codes in words', () => {
    renderPage();
    expect(within(tableItem('Tasks')).getByText('State: syncing, 120 of 500 rows')).toBeTruthy();
    expect(within(tableItem('Notes')).getByText('State: error. Your security roles do not allow this. Ask your administrator for access.')).toBeTruthy();
    // The code only as a detail, for whoever the user asks for help.
    expect(within(tableItem('Notes')).getByText('Code: privilege')).toBeTruthy();
  });

  it('refreshes one table with its own Refresh button', async () => {
    const engine = renderPage();
    const refresh = screen.getByRole('button', { name: 'Refresh Contacts' });
    expect(refresh.textContent).toBe('Refresh');
    fireEvent.click(refresh);
    expect(engine.refreshTable).toHaveBeenCalledWith('contact');
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Refresh Contacts' }).disabled).toBe(false));
  });

  it('reports a failed refresh', async () => {
    const engine = fakeEngine();
    engine.refreshTable.mockRejectedValue(new Error('Privilege missing.'));
    renderPage(status({ tables }), engine);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh Notes' }));
    expect(await screen.findByText('Refresh Notes failed: Privilege missing.')).toBeTruthy();
  });

  it('says so when no table is offline', () => {
    renderPage(status({ tables: [] }));
    expect(screen.getByText('No tables are set up for offline use.')).toBeTruthy();
  });
});
