import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { OutboxEntry, SyncErrorRecord } from '../../../SyncEngine/contracts';
import { expectNoAxeViolations } from '../statusFixtures';
import { fakeEngine, noStrings, status, syncError, table } from './statusPageFixtures';

const tables = [table({ table: 'account', displayName: 'Accounts' }), table({ table: 'contact', displayName: 'Contacts' })];

function entry(seq: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return { seq, table: 'account', rowId: `r${seq}`, op: 'update', createdAt: Date.now() - 60_000, attempts: 0, state: 'pending', ...overrides };
}

function renderPage(pending: OutboxEntry[], errors: SyncErrorRecord[] = []): ReturnType<typeof fakeEngine> {
  const current = status({ tables, errors, outbox: { rows: pending.length, files: 0, images: 0, held: 0 } });
  const engine = fakeEngine(current);
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" pending={pending} />);
  return engine;
}

function openDiscard(name: string, scope: HTMLElement = document.body): Promise<HTMLElement> {
  fireEvent.click(within(scope).getByRole('button', { name }));
  return screen.findByRole('alertdialog', { name: 'Discard this change?' });
}

const lostValues = (dialog: HTMLElement): string[] =>
  within(within(dialog).getByRole('list', { name: 'Values that will be lost:' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

const closed = (): Promise<void> => waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

describe('Offline Status page: Discard asks first', () => {
  it('names the table, the record and the values of a queued update before discarding anything', async () => {
    const engine = renderPage([entry(4, { recordName: 'Fabrikam', data: { telephone1: '555-0100', creditlimit: 2500, description: null } })]);
    const dialog = await openDiscard('Discard Fabrikam');
    expect(dialog.textContent).toContain('Table: Accounts');
    expect(dialog.textContent).toContain('Record: Fabrikam');
    expect(dialog.textContent).toContain('Change: Update');
    expect(dialog.textContent).toContain("the record gets the server's version back");
    expect(lostValues(dialog)).toEqual(['telephone1: 555-0100', 'creditlimit: 2500', 'description: (empty)']);
    expect(engine.discardChange).not.toHaveBeenCalled();
  });

  it('puts focus in the dialog, on Cancel, and has no accessibility violations', async () => {
    renderPage([entry(4, { recordName: 'Fabrikam', data: { telephone1: '555-0100' } })]);
    const dialog = await openDiscard('Discard Fabrikam');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    await expectNoAxeViolations(document.body);
  });

  it('keeps the change when the user cancels', async () => {
    const engine = renderPage([entry(4, { recordName: 'Fabrikam' })]);
    await openDiscard('Discard Fabrikam');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await closed();
    expect(engine.discardChange).not.toHaveBeenCalled();
  });

  it('keeps the change when the user presses Escape', async () => {
    const engine = renderPage([entry(4, { recordName: 'Fabrikam' })]);
    const dialog = await openDiscard('Discard Fabrikam');
    fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Cancel' }), { key: 'Escape', code: 'Escape', keyCode: 27, which: 27 });
    await closed();
    expect(engine.discardChange).not.toHaveBeenCalled();
  });

  it('discards the change once, and only after the user confirms', async () => {
    const engine = renderPage([entry(4, { recordName: 'Fabrikam' }), entry(5, { recordName: 'Contoso' })]);
    await openDiscard('Discard Contoso');
    fireEvent.click(screen.getByRole('button', { name: 'Discard change' }));
    expect(engine.discardChange).toHaveBeenCalledTimes(1);
    expect(engine.discardChange).toHaveBeenCalledWith(5, { discarding: [5] });
    await closed();
  });

  it('says a discarded create leaves the device, listing what was typed but not the id the device made up', async () => {
    renderPage([entry(6, { table: 'contact', op: 'create', rowId: 'c-1', recordName: 'Ada Lovelace', data: { contactid: 'c-1', firstname: 'Ada', lastname: 'Lovelace' } })]);
    const dialog = await openDiscard('Discard Ada Lovelace');
    expect(dialog.textContent).toContain('Table: Contacts');
    expect(dialog.textContent).toContain('Change: Create');
    expect(dialog.textContent).toContain('The new record is removed from this device and never uploaded');
    expect(lostValues(dialog)).toEqual(['firstname: Ada', 'lastname: Lovelace']);
  });

  it('says a discarded delete keeps the record, and names a record without a name as the list does', async () => {
    renderPage([entry(7, { op: 'delete' })]);
    const dialog = await openDiscard('Discard (no name)');
    expect(dialog.textContent).toContain('Record: (no name)');
    expect(dialog.textContent).toContain('The record is not deleted: it is kept');
    expect(within(dialog).queryByRole('list')).toBeNull();
  });

  it('lists the first 10 values of a wide change and counts the rest', async () => {
    const data = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`column${String(i + 1)}`, `value ${String(i + 1)}`]));
    renderPage([entry(8, { recordName: 'Wide', data })]);
    const values = lostValues(await openDiscard('Discard Wide'));
    expect(values).toHaveLength(11);
    expect(values[0]).toBe('column1: value 1');
    expect(values[9]).toBe('column10: value 10');
    expect(values[10]).toBe('and 3 more');
  });

  it('renders markup in names and values as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    renderPage([entry(9, { recordName: hostile, data: { name: hostile } })]);
    const dialog = await openDiscard(`Discard ${hostile}`);
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.textContent).toContain(`Record: ${hostile}`);
    expect(lostValues(dialog)).toEqual([`name: ${hostile}`]);
  });
});

describe('Offline Status page: discarding a sync error asks first', () => {
  it("shows the values of the change the error holds back, and discards the error once confirmed", async () => {
    const held = entry(11, { table: 'contact', op: 'create', rowId: 'c-2', recordName: 'Grace Hopper', state: 'quarantined', data: { emailaddress1: 'grace@example.com' } });
    const error = syncError({ id: 'e1', table: 'contact', rowId: 'c-2', recordName: 'Grace Hopper', action: 'create', code: 'already-exists', errorType: 2, outboxSeq: 11 });
    const engine = renderPage([held], [error]);
    // The queued create shows in the pending list too; this Discard is the error's.
    const dialog = await openDiscard('Discard Grace Hopper', screen.getByRole('region', { name: 'Sync errors (1)' }));
    expect(dialog.textContent).toContain('Table: Contacts');
    expect(dialog.textContent).toContain('Record: Grace Hopper');
    expect(dialog.textContent).toContain('The new record is removed from this device');
    expect(lostValues(dialog)).toEqual(['emailaddress1: grace@example.com']);
    expect(engine.discardError).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard change' }));
    expect(engine.discardError).toHaveBeenCalledTimes(1);
    expect(engine.discardError).toHaveBeenCalledWith('e1', { discarding: [11] });
    expect(engine.discardChange).not.toHaveBeenCalled();
    await closed();
  });

  it("lists the device's values a conflict would lose: those that differ from the server's, without system stamps", async () => {
    const conflict = syncError({
      id: 'c1',
      recordName: 'Contoso',
      code: 'conflict',
      errorType: 0,
      deviceVersion: { '@odata.etag': 'W/"1"', accountid: 'row-c1', name: 'Contoso', telephone1: '555-0100', city: 'Paris', modifiedon: '2024-03-14T09:31:00Z' },
      serverVersion: { '@odata.etag': 'W/"2"', accountid: 'row-c1', name: 'Contoso', telephone1: '555-0199', city: null, modifiedon: '2024-03-14T09:32:00Z' },
    });
    const engine = renderPage([], [conflict]);
    const dialog = await openDiscard('Discard Contoso');
    expect(dialog.textContent).toContain("Your version of the record is lost. The server's version, already on this device, stays.");
    expect(lostValues(dialog)).toEqual(['telephone1: 555-0100', 'city: Paris']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await closed();
    expect(engine.discardError).not.toHaveBeenCalled();
  });

  it('says a download error leaves only the list', async () => {
    renderPage([], [syncError({ id: 'n1', code: 'record-not-found', errorType: 1, action: 'download' })]);
    const dialog = await openDiscard('Discard Record n1');
    expect(dialog.textContent).toContain('Change: Download');
    expect(dialog.textContent).toContain('The error is removed from the list. The data on this device does not change.');
  });
});

describe('Offline Status page: Discard names how many changes go', () => {
  it('says one change goes for an update, on a button that says "Discard change"', async () => {
    renderPage([entry(4, { recordName: 'Fabrikam' }), entry(5, { recordName: 'Fabrikam', rowId: 'r4' })]);
    const dialog = await openDiscard('Discard Fabrikam', screen.getAllByRole('listitem')[0]);
    expect(dialog.textContent).toContain('1 queued change is discarded.');
    expect(within(dialog).getByRole('button', { name: 'Discard change' })).toBeTruthy();
  });

  it('counts the later changes of the same record that a discarded create takes with it', async () => {
    const create = entry(6, { op: 'create', rowId: 'C-1', recordName: 'Ada', data: { firstname: 'Ada' } });
    const engine = renderPage([create, entry(7, { rowId: 'c-1', recordName: 'Ada L.' }), entry(8, { rowId: 'other', recordName: 'Other' }), entry(9, { op: 'delete', rowId: 'c-1', recordName: 'Ada L.' })]);
    const dialog = await openDiscard('Discard Ada');
    expect(dialog.textContent).toContain('3 queued changes are discarded: this one and the later changes to the same record.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard 3 changes' }));
    expect(engine.discardChange).toHaveBeenCalledWith(6, { discarding: [6, 7, 9] });
    await closed();
  });

  it('counts what discarding a sync error drops: its held create and that record\'s later changes', async () => {
    const held = entry(11, { table: 'contact', op: 'create', rowId: 'c-2', recordName: 'Grace Hopper', state: 'quarantined', data: { emailaddress1: 'grace@example.com' } });
    const later = entry(12, { table: 'contact', rowId: 'c-2', recordName: 'Grace Hopper', data: { jobtitle: 'Admiral' } });
    const error = syncError({ id: 'e1', table: 'contact', rowId: 'c-2', recordName: 'Grace Hopper', action: 'create', code: 'already-exists', errorType: 2, outboxSeq: 11 });
    const engine = renderPage([held, later], [error]);
    const dialog = await openDiscard('Discard Grace Hopper', screen.getByRole('region', { name: 'Sync errors (1)' }));
    expect(dialog.textContent).toContain('2 queued changes are discarded');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard 2 changes' }));
    expect(engine.discardError).toHaveBeenCalledWith('e1', { discarding: [11, 12] });
    await closed();
  });

  it('says no queued change goes when a conflict or a download error is discarded', async () => {
    const conflict = syncError({ id: 'c1', recordName: 'Contoso', code: 'conflict', errorType: 0, deviceVersion: { name: 'Mine' }, serverVersion: { name: 'Theirs' } });
    renderPage([], [conflict]);
    const dialog = await openDiscard('Discard Contoso');
    expect(dialog.textContent).toContain('No queued change is discarded.');
  });
});
