import * as React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { OutboxEntry } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status, table } from './statusPageFixtures';

const tables = [table({ table: 'account', displayName: 'Accounts' }), table({ table: 'contact', displayName: 'Contacts' })];

function entry(seq: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return { seq, table: 'account', rowId: `r${seq}`, op: 'update', createdAt: Date.now() - 5 * 60_000, attempts: 0, state: 'pending', ...overrides };
}

function pendingRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Pending uploads' });
}

describe('Offline Status page: pending uploads', () => {
  it('counts rows, files, images and held changes', () => {
    const current = status({ tables, outbox: { rows: 3, files: 1, images: 2, held: 1 } });
    render(<OfflineStatusPageView engine={fakeEngine()} status={current} t={noStrings} locale="en-US" />);
    const region = within(pendingRegion());
    expect(region.getByText('6 changes are waiting to upload.')).toBeTruthy();
    expect(region.getByText('Rows: 3')).toBeTruthy();
    expect(region.getByText('Files: 1')).toBeTruthy();
    expect(region.getByText('Images: 2')).toBeTruthy();
    expect(region.getByText('Held back by errors: 1')).toBeTruthy();
  });

  it('says when nothing waits', () => {
    render(<OfflineStatusPageView engine={fakeEngine()} status={status()} t={noStrings} locale="en-US" />);
    expect(within(pendingRegion()).getByText('No changes are waiting to upload.')).toBeTruthy();
    expect(within(pendingRegion()).queryByRole('list')).toBeNull();
  });

  it('lists each queued change with table, record, operation, age and state', () => {
    const pending = [
      entry(1, { recordName: 'Contoso' }),
      entry(2, { table: 'contact', op: 'create', recordName: 'Ada Lovelace', createdAt: Date.now() - 2 * 3_600_000 }),
      entry(3, { op: 'delete', state: 'failed', lastErrorMessage: 'The record is locked.' }),
    ];
    const current = status({ tables, outbox: { rows: 3, files: 0, images: 0, held: 1 } });
    render(<OfflineStatusPageView engine={fakeEngine()} status={current} t={noStrings} locale="en-US" pending={pending} />);
    const items = within(pendingRegion()).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByRole('heading', { name: 'Accounts: Contoso' })).toBeTruthy();
    expect(items[0].textContent).toContain('Update');
    expect(items[0].textContent).toContain('Changed 5 minutes ago');
    expect(items[0].textContent).toContain('Waiting');
    expect(within(items[1]).getByRole('heading', { name: 'Contacts: Ada Lovelace' })).toBeTruthy();
    expect(items[1].textContent).toContain('Create');
    expect(items[1].textContent).toContain('Changed 2 hours ago');
    expect(within(items[2]).getByRole('heading', { name: 'Accounts: (no name)' })).toBeTruthy();
    expect(items[2].textContent).toContain('Delete');
    expect(items[2].textContent).toContain('Failed');
    expect(items[2].textContent).toContain('The record is locked.');
  });

  it('renders a long queue a window at a time', () => {
    const pending = Array.from({ length: 5000 }, (_, i) => entry(i + 1, { recordName: `Row ${i + 1}` }));
    const current = status({ tables, outbox: { rows: 5000, files: 0, images: 0, held: 0 } });
    render(<OfflineStatusPageView engine={fakeEngine()} status={current} t={noStrings} locale="en-US" pending={pending} />);
    const rendered = within(pendingRegion()).getAllByRole('listitem').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(200);
    expect(screen.getByRole('group', { name: 'Changes waiting to upload' }).tabIndex).toBe(0);
  });

  it('reads the queued changes from the engine and discards one once the user confirms', async () => {
    const engine = fakeEngine(status({ tables, outbox: { rows: 1, files: 0, images: 0, held: 0 } }));
    engine.listPending.mockReturnValue([entry(7, { recordName: 'Fabrikam' })]);
    render(<OfflineStatusPageView engine={engine} status={engine.getStatus()} t={noStrings} locale="en-US" />);
    const button = within(pendingRegion()).getByRole('button', { name: 'Discard Fabrikam' });
    act(() => {
      button.click();
    });
    await screen.findByRole('alertdialog', { name: 'Discard this change?' });
    expect(engine.discardChange).not.toHaveBeenCalled();
    await act(async () => {
      screen.getByRole('button', { name: 'Discard change' }).click();
      await Promise.resolve();
    });
    expect(engine.discardChange).toHaveBeenCalledWith(7, { discarding: [7] });
  });
});
