import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { DEFAULT_USER_SETTINGS, QueueChangedError, type OutboxEntry, type SyncStatus } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status } from './statusPageFixtures';

function renderPage(current: SyncStatus, engine = fakeEngine(current), pending?: readonly OutboxEntry[]): typeof engine {
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" pending={pending} />);
  return engine;
}

const queued = (...seqs: number[]): OutboxEntry[] =>
  seqs.map((seq) => ({ seq, table: 'account', rowId: `r${String(seq)}`, op: 'update', data: { name: `Typed ${String(seq)}` }, createdAt: Date.now(), attempts: 0, state: 'pending' }));

const button = (name: string): HTMLButtonElement => screen.getByRole('button', { name });

/** The dialog has closed (Fluent animates it out) and the engine call has settled. */
async function settled(): Promise<void> {
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  await waitFor(() => expect(button('Reset offline data').disabled).toBe(false));
}

describe('Offline Status page: actions', () => {
  it('syncs now when the user asks', async () => {
    const engine = renderPage(status());
    fireEvent.click(button('Sync now'));
    expect(engine.syncNow).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button('Sync now').disabled).toBe(false));
  });

  it('offers "Check for updates" only in on-demand mode', () => {
    renderPage(status());
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
  });

  it('checks for updates in on-demand mode', async () => {
    const engine = renderPage(status({ userSettings: { ...DEFAULT_USER_SETTINGS, onDemand: true } }));
    fireEvent.click(button('Check for updates'));
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(button('Check for updates').disabled).toBe(false));
  });

  it('disables syncing while a pass runs and says why', () => {
    renderPage(
      status({
        phase: { kind: 'uploading', done: 1, total: 4 },
        userSettings: { ...DEFAULT_USER_SETTINGS, onDemand: true },
      }),
    );
    expect(button('Sync now').disabled).toBe(true);
    expect(button('Check for updates').disabled).toBe(true);
    expect(screen.getByText('A sync is running. You can sync again when it finishes.')).toBeTruthy();
    expect(screen.getByText('Uploading changes: 1 of 4')).toBeTruthy();
  });

  it('shows a failed sync in an alert instead of throwing', async () => {
    const engine = fakeEngine();
    engine.syncNow.mockRejectedValue(new Error('The service did not answer.'));
    renderPage(status(), engine);
    fireEvent.click(button('Sync now'));
    const alert = await screen.findByText('Sync now failed: The service did not answer.');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    fireEvent.click(button('Dismiss'));
    await waitFor(() => expect(screen.queryByText(/Sync now failed/)).toBeNull());
  });

  it('leaves a passing failure (busy server) to the status instead of an error bar that would go stale', async () => {
    const { ServerBusyError } = await import('../../../SyncEngine/contracts/errors');
    const engine = fakeEngine();
    engine.syncNow.mockRejectedValue(new ServerBusyError('The server is busy.', { status: 429 }));
    renderPage(status(), engine);
    fireEvent.click(button('Sync now'));
    await waitFor(() => expect(engine.syncNow).toHaveBeenCalled());
    await waitFor(() => expect(button('Sync now').disabled).toBe(false));
    expect(screen.queryByText(/Sync now failed/)).toBeNull();
  });

  it('catches an engine method that throws synchronously', async () => {
    const engine = fakeEngine();
    engine.checkForUpdates.mockImplementation(() => {
      throw new Error('not ready');
    });
    renderPage(status({ userSettings: { ...DEFAULT_USER_SETTINGS, onDemand: true } }), engine);
    fireEvent.click(button('Check for updates'));
    expect(await screen.findByText('Check for updates failed: not ready')).toBeTruthy();
  });
});

describe('Offline Status page: reset', () => {
  const pendingStatus = status({ outbox: { rows: 3, files: 1, images: 1, held: 0 } });

  it('warns how many changes a reset would lose and, once confirmed, discards exactly the changes it showed', async () => {
    const engine = renderPage(pendingStatus, undefined, queued(3, 4, 7, 8, 9));
    fireEvent.click(button('Reset offline data'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    expect(dialog.textContent).toContain('Reset offline data?');
    expect(dialog.textContent).toContain('5 changes have not been uploaded yet and will be lost.');
    fireEvent.click(button('Discard changes and reset'));
    expect(engine.reset).toHaveBeenCalledWith({ force: true, discarding: [3, 4, 7, 8, 9] });
    await settled();
  });

  it('offers to export the changes before a reset that would lose them', async () => {
    const engine = renderPage(pendingStatus, undefined, queued(1, 2, 3, 4, 5));
    fireEvent.click(button('Reset offline data'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    expect(dialog.textContent).toContain('export the changes before you reset');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export changes' }));
    await waitFor(() => expect(engine.exportChanges).toHaveBeenCalledTimes(1));
    expect(engine.reset).not.toHaveBeenCalled();
    expect(screen.getByRole('alertdialog', { name: 'Reset offline data?' })).toBeTruthy();
  });

  it('says in words that nothing was discarded when a change was queued after the confirmation', async () => {
    const engine = fakeEngine(pendingStatus);
    engine.reset.mockRejectedValue(new QueueChangedError('1 change(s) were queued after the reset was confirmed and would be lost: nothing was discarded.'));
    renderPage(pendingStatus, engine, queued(1, 2, 3, 4, 5));
    fireEvent.click(button('Reset offline data'));
    await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    fireEvent.click(button('Discard changes and reset'));
    expect(
      await screen.findByText('Reset offline data failed: New changes were made after you confirmed, so nothing was discarded. Review the changes and try again.'),
    ).toBeTruthy();
  });

  it('does not force a reset when nothing is pending', async () => {
    const engine = renderPage(status());
    fireEvent.click(button('Reset offline data'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    expect(dialog.textContent).toContain('No changes are waiting to upload, so nothing is lost.');
    expect(within(dialog).queryByRole('button', { name: 'Export changes' })).toBeNull();
    fireEvent.click(button('Reset'));
    expect(engine.reset).toHaveBeenCalledWith({ force: false, discarding: [] });
    await settled();
  });

  it('uses the singular for one pending change', async () => {
    renderPage(status({ outbox: { rows: 1, files: 0, images: 0, held: 0 } }));
    fireEvent.click(button('Reset offline data'));
    expect((await screen.findByRole('alertdialog', { name: 'Reset offline data?' })).textContent).toContain('1 change has not been uploaded yet and will be lost.');
  });

  it('leaves the data alone when the user cancels', async () => {
    const engine = renderPage(pendingStatus);
    fireEvent.click(button('Reset offline data'));
    await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    fireEvent.click(button('Cancel'));
    expect(engine.reset).not.toHaveBeenCalled();
  });

  it('shows why a reset was refused', async () => {
    const engine = fakeEngine();
    engine.reset.mockRejectedValue(new Error('Changes are pending.'));
    renderPage(pendingStatus, engine);
    fireEvent.click(button('Reset offline data'));
    await screen.findByRole('alertdialog', { name: 'Reset offline data?' });
    fireEvent.click(button('Discard changes and reset'));
    expect(await screen.findByText('Reset offline data failed: Changes are pending.')).toBeTruthy();
  });
});
