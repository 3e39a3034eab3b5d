import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { SyncErrorRecord, SyncStatus } from '../../../SyncEngine/contracts';
import { SYNC_TIME, fakeEngine, noStrings, status, syncError, table } from './statusPageFixtures';

const tables = [table({ table: 'account', displayName: 'Accounts' })];

function renderErrors(errors: SyncErrorRecord[], engine = fakeEngine()): typeof engine {
  const current: SyncStatus = status({ tables, errors });
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" />);
  return engine;
}

const conflict = syncError({
  id: 'c1',
  recordName: 'Contoso',
  code: 'conflict',
  errorType: 0,
  message: 'The record changed on the server.',
  deviceVersion: { '@odata.etag': 'W/"1"', name: 'Contoso', telephone1: '555-0100', city: 'Paris' },
  serverVersion: { '@odata.etag': 'W/"2"', name: 'Contoso', telephone1: '555-0199', city: null },
});

describe('Offline Status page: sync errors', () => {
  it('lists active errors with table, record, action, message and time', () => {
    renderErrors([syncError({ id: 'e1' }), syncError({ id: 'e2', state: 'resolved' })]);
    const region = within(screen.getByRole('region', { name: 'Sync errors (1)' }));
    const item = within(region.getByRole('listitem'));
    const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(SYNC_TIME);
    expect(item.getByRole('heading', { name: 'Accounts: Record e1' })).toBeTruthy();
    expect(item.getByText('Action: Update')).toBeTruthy();
    expect(item.getByText('The server did not accept this change.')).toBeTruthy();
    expect(item.getByText('Details: A business rule rejected the change.')).toBeTruthy();
    expect(item.getByText(`Time: ${time}`)).toBeTruthy();
    expect(item.getByText('Code: rejected')).toBeTruthy();
  });

  it('says how many changes made offline were lost with removed offline data, and lets the user dismiss it', () => {
    const removed = syncError({ id: 'r1', table: '', rowId: '', action: 'download', code: 'offline-data-removed', errorType: 3, message: 'engine text', lostChanges: 3 });
    renderErrors([removed]);
    const item = within(within(screen.getByRole('region', { name: 'Sync errors (1)' })).getByRole('listitem'));
    expect(item.getByRole('heading', { name: 'Offline data on this device' })).toBeTruthy();
    expect(item.getByText('3 changes made offline could not be recovered.')).toBeTruthy();
    expect(item.getByText(/removed by the browser or by clearing site data/)).toBeTruthy();
    expect(item.getByRole('button', { name: /Discard/ })).toBeTruthy();
  });

  it('offers no way out of a database written by a newer release: only updating the app helps', () => {
    renderErrors([syncError({ id: 'store:open', table: '', rowId: '', action: 'download', code: 'store-newer-version', errorType: 3, message: 'engine text' })]);
    const item = within(within(screen.getByRole('region', { name: 'Sync errors (1)' })).getByRole('listitem'));
    expect(item.getByRole('heading', { name: 'Offline data on this device' })).toBeTruthy();
    expect(item.getByText(/saved by a newer version of the app/)).toBeTruthy();
    expect(item.queryByRole('button')).toBeNull();
  });

  it('offers Discard but not Retry for a queued change that could not be read, and names the table of damaged rows', () => {
    renderErrors([
      syncError({ id: 'store-corrupt:outbox:4', rowId: 'a-1', recordName: 'Contoso', code: 'store-corrupt', errorType: 3, outboxSeq: 4, message: 'engine text' }),
      syncError({ id: 'store-corrupt:table:account', rowId: '', recordName: undefined, action: 'download', code: 'store-corrupt', errorType: 3, message: 'engine text' }),
    ]);
    const [change, damaged] = within(screen.getByRole('region', { name: 'Sync errors (2)' })).getAllByRole('listitem').map((li) => within(li));
    expect(change.getByRole('heading', { name: 'Accounts: Contoso' })).toBeTruthy();
    expect(change.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(change.getByRole('button', { name: /Discard/ })).toBeTruthy();
    expect(damaged.getByRole('heading', { name: 'Accounts' })).toBeTruthy();
  });

  it('says so when there are none', () => {
    renderErrors([]);
    expect(screen.getByRole('heading', { name: 'Sync errors (0)' })).toBeTruthy();
    expect(screen.getByText('There are no sync errors.')).toBeTruthy();
  });

  it('retries and discards one error at a time', async () => {
    const engine = renderErrors([syncError({ id: 'e1' }), syncError({ id: 'e2' })]);
    fireEvent.click(screen.getByRole('button', { name: 'Retry Record e2' }));
    expect(engine.retryError).toHaveBeenCalledWith('e2');
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Discard Record e1' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Discard Record e1' }));
    await screen.findByRole('alertdialog', { name: 'Discard this change?' });
    expect(engine.discardError).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Discard change' }));
    expect(engine.discardError).toHaveBeenCalledWith('e1', { discarding: [] });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Discard Record e1' }).disabled).toBe(false));
  });

  it('shows why a retry failed', async () => {
    const engine = fakeEngine();
    engine.retryError.mockRejectedValue(new Error('Still offline.'));
    renderErrors([syncError({ id: 'e1' })], engine);
    fireEvent.click(screen.getByRole('button', { name: 'Retry Record e1' }));
    expect(await screen.findByText('Retry Record e1 failed: Still offline.')).toBeTruthy();
  });

  it('shows both versions of a conflicting record side by side, differences marked in words', () => {
    renderErrors([conflict]);
    expect(screen.getByText(/changed on the server after you changed it on this device/)).toBeTruthy();
    const comparison = within(screen.getByRole('table', { name: 'Device and server versions of Contoso' }));
    expect(comparison.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Column',
      'On this device',
      'On the server',
      'Differs',
    ]);
    const phone = comparison.getByRole('row', { name: /telephone1/ });
    expect(within(phone).getAllByRole('cell').map((c) => c.textContent)).toEqual(['555-0100', '555-0199', 'Differs']);
    const city = comparison.getByRole('row', { name: /city/ });
    expect(within(city).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Paris', '(empty)', 'Differs']);
    const name = comparison.getByRole('row', { name: /^name/ });
    expect(within(name).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Contoso', 'Contoso', 'Same']);
    expect(comparison.queryByText('@odata.etag')).toBeNull();
  });

  it('explains "Record Not Found" as data that left the offline profile', () => {
    renderErrors([syncError({ id: 'n1', code: 'record-not-found', errorType: 1, action: 'download' })]);
    expect(screen.getByText('Action: Download')).toBeTruthy();
    expect(screen.getByText(/no longer matches the offline profile filter/)).toBeTruthy();
  });

  it('renders 5,000 errors without putting 5,000 rows into the page', () => {
    const errors = Array.from({ length: 5000 }, (_, i) => syncError({ id: `e${i}` }));
    const started = performance.now();
    renderErrors(errors);
    const elapsed = performance.now() - started;
    expect(screen.getByRole('heading', { name: 'Sync errors (5,000)' })).toBeTruthy();
    const list = screen.getByRole('group', { name: 'Sync errors' });
    const rendered = within(list).getAllByRole('listitem').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    expect(screen.getAllByRole('button', { name: /^Retry / }).length).toBe(rendered);
    // Generous for slow CI; rendering every row takes several seconds in jsdom.
    expect(elapsed).toBeLessThan(3000);
  });
});
