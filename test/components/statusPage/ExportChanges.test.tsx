import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { RejectedError, type ChangesExport, type OutboxEntry, type SyncStatus } from '../../../SyncEngine/contracts';
import { buildChangesExport } from '../../../SyncEngine/core/export/buildChangesExport';
import { expectNoAxeViolations } from '../statusFixtures';
import { fakeEngine, noStrings, status, syncError } from './statusPageFixtures';

const typed: OutboxEntry = { seq: 1, table: 'account', rowId: 'r1', op: 'update', data: { name: 'Typed offline' }, createdAt: 0, attempts: 0, state: 'pending' };
const queuedStatus = status({ outbox: { rows: 1, files: 0, images: 0, held: 0 } });

function renderPage(current: SyncStatus, engine = fakeEngine(current)): typeof engine & { container: HTMLElement } {
  const { container } = render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale="en-US" pending={current.pendingCount > 0 ? [typed] : []} />);
  return Object.assign(engine, { container });
}

const pendingRegion = (): HTMLElement => screen.getByRole('region', { name: 'Pending uploads' });

interface Download {
  name: string;
  blob: Blob;
}

/** jsdom has no object URLs and does not download: record what the page hands the browser instead. */
function catchDownloads(): { downloads: Download[]; revoked: string[] } {
  const blobs = new Map<string, Blob>();
  const downloads: Download[] = [];
  const revoked: string[] = [];
  URL.createObjectURL = jest.fn((blob: Blob) => {
    const url = `blob:test/${String(blobs.size)}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = jest.fn((url: string) => {
    revoked.push(url);
  });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) downloads.push({ name: this.download, blob });
  });
  return { downloads, revoked };
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('unreadable'));
    };
    reader.readAsText(blob);
  });
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Offline Status page: Export changes', () => {
  it('is offered with the pending uploads while changes are queued, and has no accessibility violations', async () => {
    const { container } = renderPage(queuedStatus);
    expect(within(pendingRegion()).getByRole('button', { name: 'Export changes' })).toBeTruthy();
    expect(pendingRegion().textContent).toContain('with the values you entered');
    await expectNoAxeViolations(container);
  });

  it('is offered when only sync errors are left, and not when there is nothing to export', () => {
    const { unmount } = render(<OfflineStatusPageView engine={fakeEngine()} status={status()} t={noStrings} locale="en-US" pending={[]} />);
    expect(screen.queryByRole('button', { name: 'Export changes' })).toBeNull();
    unmount();
    renderPage(status({ errors: [syncError({ id: 'e1' })] }));
    expect(within(pendingRegion()).getByRole('button', { name: 'Export changes' })).toBeTruthy();
  });

  it('downloads the engine\'s document as offline-changes-<date>-<time>.json and revokes its URL afterwards', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    jest.setSystemTime(new Date(2026, 11, 3, 9, 5, 7));
    try {
      const { downloads, revoked } = catchDownloads();
      const engine = fakeEngine(queuedStatus);
      const document: ChangesExport = buildChangesExport({ outbox: [typed], errors: [], identity: { orgId: 'o', userId: 'u' }, exportedAt: 0, suiteVersion: '0.1.0' });
      engine.exportChanges.mockResolvedValue(document);
      renderPage(queuedStatus, engine);
      fireEvent.click(within(pendingRegion()).getByRole('button', { name: 'Export changes' }));
      await waitFor(() => expect(downloads).toHaveLength(1));
      expect(downloads[0].name).toBe('offline-changes-2026-12-03-090507.json');
      expect(downloads[0].blob.type).toBe('application/json');
      expect(JSON.parse(await readBlob(downloads[0].blob))).toEqual(document);
      expect(revoked).toEqual([]);
      jest.advanceTimersByTime(1_000);
      expect(revoked).toEqual(['blob:test/0']);
      expect(window.document.querySelector('a[download]')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows a failed export in the error bar and downloads nothing', async () => {
    const { downloads } = catchDownloads();
    const engine = fakeEngine(queuedStatus);
    engine.exportChanges.mockRejectedValue(new RejectedError('The offline database could not be read.'));
    renderPage(queuedStatus, engine);
    fireEvent.click(within(pendingRegion()).getByRole('button', { name: 'Export changes' }));
    expect(await screen.findByText('Export changes failed: The offline database could not be read.')).toBeTruthy();
    expect(downloads).toEqual([]);
  });
});
