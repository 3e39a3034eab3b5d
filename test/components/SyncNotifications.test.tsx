import { act, fireEvent, render, screen } from '@testing-library/react';
import * as React from 'react';
import type { XrmAppNotifications } from '../../components/notifications/useHostNotification';
import { MINIMUM_NOTICE_MS, SyncNotifications } from '../../components/notifications/SyncNotifications';
import { registerStatusPageOpener } from '../../components/control/statusPageOpener';
import type { SyncNotice } from '../../SyncEngine/index';
import { CLOSE_PATH } from '../../components/shared/svgIcons';
import { readResx } from '../support/mockContext';
import { expectNoAxeViolations, makeFakeEngine, makeStatus, t } from './statusFixtures';

function renderNotice(notice: SyncNotice | null, props: Partial<React.ComponentProps<typeof SyncNotifications>> = {}) {
  const status = makeStatus({ notice });
  const engine = makeFakeEngine(status);
  const view = render(<SyncNotifications engine={engine} status={status} t={t} locale="en-US" hostNotifications={null} {...props} />);
  const rerenderNotice = (next: SyncNotice | null): void => {
    view.rerender(<SyncNotifications engine={engine} status={makeStatus({ notice: next })} t={t} locale="en-US" hostNotifications={null} {...props} />);
  };
  return { engine, rerenderNotice, ...view };
}

const KINDS: [string, SyncNotice, string][] = [
  [
    'the initial sync, with rows downloaded and disk space used',
    { kind: 'initialSync', rowsDownloaded: 12500, bytesOnDisk: 3_400_000, table: 'account' },
    'Downloading offline data. Rows downloaded: 12,500. Disk space used: 3.2 MB.',
  ],
  ['a table refresh', { kind: 'updating', table: 'account', rowsDownloaded: 10 }, 'Updating data…'],
  [
    'a large incremental sync',
    { kind: 'largeIncremental', rowsDownloaded: 4200 },
    'Catching up on changes since your last sync. Rows downloaded: 4,200.',
  ],
  ['a finished large sync', { kind: 'refreshAvailable' }, 'Your offline data is up to date. Refresh to see the latest changes.'],
  ['sync errors', { kind: 'error', code: 'rejected', count: 2 }, 'Changes that couldn’t be synchronized: 2.'],
  ['conflicts', { kind: 'error', code: 'conflict', count: 1 }, 'Changes in conflict with newer data on the server: 1.'],
  ['a busy server', { kind: 'error', code: 'server-busy', count: 1 }, 'The server is busy. Sync will retry automatically.'],
];

describe('SyncNotifications', () => {
  it('offers no way to the status page when nothing on the page can open it, and says no more than the count', () => {
    renderNotice({ kind: 'error', code: 'rejected', count: 1 });
    expect(screen.queryByRole('button', { name: 'Open Offline Status' })).toBeNull();
    expect(screen.getByRole('status').textContent).not.toMatch(/Open the Offline Status/);
  });

  it('opens the status page from an error notice where a control on the page offers it, even one that came later', () => {
    renderNotice({ kind: 'error', code: 'rejected', count: 1 });
    const open = jest.fn();
    let unregister: () => void = () => undefined;
    act(() => {
      unregister = registerStatusPageOpener(open);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Open Offline Status' }));
    expect(open).toHaveBeenCalledTimes(1);
    act(() => {
      unregister();
    });
    expect(screen.queryByRole('button', { name: 'Open Offline Status' })).toBeNull();
  });

  it('gives the host notification the action that opens the status page', async () => {
    const unregister = registerStatusPageOpener(jest.fn());
    const added: Parameters<XrmAppNotifications['addGlobalNotification']>[0][] = [];
    const app: XrmAppNotifications = {
      addGlobalNotification: (n) => {
        added.push(n);
        return Promise.resolve('id-1');
      },
      clearGlobalNotification: () => Promise.resolve(),
    };
    try {
      renderNotice({ kind: 'error', code: 'rejected', count: 1 }, { hostNotifications: app });
      await act(() => Promise.resolve());
      expect(added.at(-1)).toMatchObject({ level: 2, action: { actionLabel: 'Open Offline Status' } });
    } finally {
      act(() => {
        unregister();
      });
    }
  });

  it('keeps "Updating data…" up for at least 2 s although the refresh ended in milliseconds, then lets it go', () => {
    jest.useFakeTimers();
    try {
      const { rerenderNotice } = renderNotice({ kind: 'updating', table: 'account', rowsDownloaded: 1 });
      act(() => {
        jest.advanceTimersByTime(7);
      });
      rerenderNotice(null);
      expect(screen.getByRole('status').textContent).toContain('Updating data…');
      act(() => {
        jest.advanceTimersByTime(MINIMUM_NOTICE_MS - 100);
      });
      expect(screen.getByRole('status').textContent).toContain('Updating data…');
      act(() => {
        jest.advanceTimersByTime(200);
      });
      expect(screen.getByRole('status').textContent).toBe('');
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts the 2 s afresh for a refresh that follows a held initial-sync notice', () => {
    jest.useFakeTimers();
    try {
      const { rerenderNotice } = renderNotice({ kind: 'initialSync', rowsDownloaded: 10, bytesOnDisk: null, table: 'account' });
      act(() => {
        jest.advanceTimersByTime(1_500);
      });
      rerenderNotice(null);
      rerenderNotice({ kind: 'updating', table: 'account', rowsDownloaded: 1 });
      rerenderNotice(null);
      act(() => {
        jest.advanceTimersByTime(MINIMUM_NOTICE_MS - 100);
      });
      expect(screen.getByRole('status').textContent).toContain('Updating data…');
    } finally {
      jest.useRealTimers();
    }
  });

  it('replaces a held notice at once with a newer one, and never holds one the user dismisses', () => {
    jest.useFakeTimers();
    try {
      const { rerenderNotice } = renderNotice({ kind: 'updating', table: 'account', rowsDownloaded: 1 });
      rerenderNotice({ kind: 'error', code: 'rejected', count: 1 });
      expect(screen.getByRole('status').textContent).toContain('Changes that couldn’t be synchronized: 1.');
      rerenderNotice(null);
      expect(screen.getByRole('status').textContent).toBe('');
    } finally {
      jest.useRealTimers();
    }
  });

  it.each(KINDS)('tells the user about %s inside the live region', async (_what, notice, text) => {
    const { container } = renderNotice(notice);
    const region = screen.getByRole('status', { name: 'Sync notifications' });
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain(text);
    await expectNoAxeViolations(container);
  });

  it('keeps the empty live region in place when there is nothing to say', async () => {
    const { container } = renderNotice(null);
    expect(screen.getByRole('status', { name: 'Sync notifications' }).textContent).toBe('');
    await expectNoAxeViolations(container);
  });

  it('updates the initial sync counts live, and says so without disk size when the device cannot tell', () => {
    const { rerenderNotice } = renderNotice({ kind: 'initialSync', rowsDownloaded: 5000, bytesOnDisk: null, table: 'account' });
    expect(screen.getByText('Downloading offline data. Rows downloaded: 5,000.')).toBeTruthy();
    rerenderNotice({ kind: 'initialSync', rowsDownloaded: 10000, bytesOnDisk: 2_000_000, table: 'contact' });
    expect(screen.getByText('Downloading offline data. Rows downloaded: 10,000. Disk space used: 1.9 MB.')).toBeTruthy();
  });

  it('offers Refresh after a large sync: it dismisses the notice and refreshes the view', () => {
    const onRefresh = jest.fn();
    const { engine } = renderNotice({ kind: 'refreshAvailable' }, { onRefresh });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(engine.dismissNotice).toHaveBeenCalledTimes(1);
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it('lets the user dismiss an error, but not a sync in progress', () => {
    const { engine, rerenderNotice } = renderNotice({ kind: 'error', code: 'rejected', count: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(engine.dismissNotice).toHaveBeenCalledTimes(1);
    rerenderNotice({ kind: 'updating', table: 'account', rowsDownloaded: 0 });
    expect(screen.queryByRole('button', { name: 'Dismiss' })).toBeNull();
  });

  it('draws a visible cross in the dismiss button and names it in the user’s language', () => {
    const german = readResx('1031');
    renderNotice({ kind: 'error', code: 'rejected', count: 1 }, { t: (key) => german.get(key) ?? key });
    const dismiss = screen.getByRole('button', { name: 'Schließen' });
    // Without an icon name Fluent rendered no icon at all: an empty square.
    expect([...dismiss.querySelectorAll('svg path')].map((p) => p.getAttribute('d'))).toEqual([CLOSE_PATH]);
    expect(dismiss.getAttribute('title')).toBe('Schließen');
  });

  it.each(KINDS)('has no axe violations showing %s', async (_what, notice) => {
    const unregister = registerStatusPageOpener(jest.fn());
    try {
      const { container } = renderNotice(notice);
      await expectNoAxeViolations(container);
    } finally {
      act(() => {
        unregister();
      });
    }
  });

  it('formats numbers for the user’s locale', () => {
    renderNotice({ kind: 'largeIncremental', rowsDownloaded: 4200 }, { locale: 'de-DE' });
    expect(screen.getByText(/4\.200/)).toBeTruthy();
  });

  describe('in a model-driven app with Xrm.App', () => {
    type HostNotification = Parameters<XrmAppNotifications['addGlobalNotification']>[0];

    function makeApp() {
      let next = 0;
      return {
        addGlobalNotification: jest.fn((_notification: HostNotification) => Promise.resolve(`n${++next}`)),
        clearGlobalNotification: jest.fn((_id: string) => Promise.resolve()),
      };
    }

    afterEach(() => {
      delete (globalThis as { Xrm?: unknown }).Xrm;
    });

    it('posts the notice as a global notification of type 2 with the matching level, instead of its own bar', async () => {
      const app = makeApp();
      (globalThis as { Xrm?: unknown }).Xrm = { App: app };
      const status = makeStatus({ notice: { kind: 'error', code: 'rejected', count: 3 } });
      render(<SyncNotifications engine={makeFakeEngine(status)} status={status} t={t} locale="en-US" />);
      await act(() => Promise.resolve());
      expect(app.addGlobalNotification).toHaveBeenCalledWith(
        expect.objectContaining({ type: 2, level: 2, message: expect.stringContaining('couldn’t be synchronized: 3') }),
      );
      expect(screen.getByRole('status', { name: 'Sync notifications' }).textContent).toBe('');
    });

    it('replaces the host notification when the notice changes and clears it on unmount', async () => {
      const app = makeApp();
      const engine = makeFakeEngine();
      const onRefresh = jest.fn();
      const view = (notice: SyncNotice | null) => (
        <SyncNotifications engine={engine} status={makeStatus({ notice })} t={t} locale="en-US" hostNotifications={app} onRefresh={onRefresh} />
      );
      const { rerender, unmount } = render(view({ kind: 'updating', table: 'account', rowsDownloaded: 0 }));
      await act(() => Promise.resolve());
      expect(app.addGlobalNotification).toHaveBeenLastCalledWith(expect.objectContaining({ level: 4, message: 'Updating data…' }));
      rerender(view({ kind: 'refreshAvailable' }));
      await act(() => Promise.resolve());
      expect(app.clearGlobalNotification).toHaveBeenCalledWith('n1');
      const posted = app.addGlobalNotification.mock.calls[1][0];
      expect(posted).toMatchObject({ type: 2, level: 1, action: { actionLabel: 'Refresh' } });
      posted.action?.eventHandler();
      expect(engine.dismissNotice).toHaveBeenCalled();
      expect(onRefresh).toHaveBeenCalled();
      unmount();
      expect(app.clearGlobalNotification).toHaveBeenCalledWith('n2');
    });
  });
});
