import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { SYNC_TIME, fakeEngine, noStrings, status, table } from './statusPageFixtures';
import type { SyncStatus } from '../../../SyncEngine/contracts';

function renderPage(current: SyncStatus, locale = 'en-US'): void {
  render(<OfflineStatusPageView engine={fakeEngine(current)} status={current} t={noStrings} locale={locale} />);
}

function connectionSection(): HTMLElement {
  return screen.getByRole('region', { name: 'Connection' });
}

describe('Offline Status page: connection', () => {
  it('announces that the app is online in a status line', () => {
    renderPage(status({ connectivity: 'online' }));
    expect(screen.getByRole('heading', { name: 'Connection' })).toBeTruthy();
    expect(screen.getAllByRole('status').some((el) => el.textContent === 'Online')).toBe(true);
  });

  it('says the app is offline and that changes wait on the device', () => {
    renderPage(status({ connectivity: 'offline', connectionType: 'none' }));
    expect(connectionSection().textContent).toContain('Offline');
    expect(screen.getByText(/working offline\. Your changes are saved on this device/)).toBeTruthy();
    expect(screen.getByText('Connection type: None')).toBeTruthy();
  });

  it('shows "Network or Service Unavailable" with the reasons when the service does not answer', () => {
    renderPage(status({ connectivity: 'unavailable' }));
    const line = screen.getAllByRole('status').find((el) => el.textContent === 'Network or Service Unavailable');
    expect(line).toBeDefined();
    expect(screen.getByText(/new data is not synced and features that need the network, such as searches/)).toBeTruthy();
    expect(screen.getByText(/network check gets no answer or the answer takes too long/)).toBeTruthy();
  });

  it('says in words when the platform cannot tell the connection type', () => {
    renderPage(status({ connectionType: 'unknown' }));
    expect(screen.getByText('Connection type: not reported by this device')).toBeTruthy();
  });

  it('formats the overall last sync for the user locale', () => {
    const expected = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(SYNC_TIME);
    renderPage(status(), 'de-DE');
    expect(within(connectionSection()).getByText(`Last synced: ${expected}`)).toBeTruthy();
  });

  it('uses the oldest table sync time, since everything is at least that fresh', () => {
    const older = SYNC_TIME - 3_600_000;
    const tables = [table({ table: 'account' }), table({ table: 'contact', lastSyncedAt: older })];
    renderPage(status({ tables }));
    const expected = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(older);
    expect(connectionSection().textContent).toContain(`Last synced: ${expected}`);
  });

  it('says when nothing has synced yet and the first download is incomplete', () => {
    renderPage(status({ tables: [], lastSuccessAt: undefined, initialSyncComplete: false }));
    expect(connectionSection().textContent).toContain('Not synced yet');
    expect(screen.getByText('The first download of offline data is not complete yet.')).toBeTruthy();
  });

  it('survives a malformed locale from the host', () => {
    renderPage(status(), 'not a locale!');
    expect(connectionSection().textContent).toContain('Last synced: ');
  });

  it('shows what a running pass is doing and the code of a failed one', () => {
    const phase = { kind: 'downloading', mode: 'DELTA_SYNC', table: 'account', tablesDone: 1, tablesTotal: 3 } as const;
    renderPage(status({ phase, lastFailureCode: 'auth' }));
    expect(screen.getByText('Downloading Accounts: table 2 of 3')).toBeTruthy();
    expect(screen.getByText('The last sync failed: Your session expired. Sign in again.')).toBeTruthy();
    expect(screen.getByText('Code: auth')).toBeTruthy();
  });

  it('counts the table being fetched after the tables this pass finished, and that table says it is syncing', () => {
    const phase = { kind: 'downloading', mode: 'FIRST_SYNC', table: 'contact', tablesDone: 3, tablesTotal: 5 } as const;
    const tables = [
      table({ table: 'account', displayName: 'Accounts' }),
      table({ table: 'contact', displayName: 'Contacts', initialComplete: false, lastSyncedAt: undefined, state: 'syncing', progress: { rowsDone: 0, bytes: 0 } }),
    ];
    renderPage(status({ phase, tables, initialSyncComplete: false }));
    expect(connectionSection().textContent).toContain('Downloading Contacts: table 4 of 5');
    expect(screen.getByText('State: syncing, 0 rows')).toBeTruthy();
    expect(screen.queryByText('State: not downloaded')).toBeNull();
  });
});
