import { fireEvent, render, screen } from '@testing-library/react';
import * as React from 'react';
import { SyncStatusIcon } from '../../components/icon/SyncStatusIcon';
import type { IconState, SyncStatus } from '../../SyncEngine/index';
import { STATUS_PAGE_TRANSLATIONS } from '../../components/statusPage/statusPageStrings.translations';
import { NOW, expectNoAxeViolations, makeFakeEngine, makeStatus, t } from './statusFixtures';

const ERROR = {
  id: 'e1',
  table: 'account',
  rowId: 'a1',
  action: 'update' as const,
  errorType: 0 as const,
  code: 'conflict',
  message: 'conflict',
  time: NOW,
  state: 'active' as const,
};

/** One status per icon state, as the engine would derive it. */
const STATUS_FOR: Record<IconState, () => SyncStatus> = {
  connected: () => makeStatus(),
  notConnected: () => makeStatus({ connectivity: 'offline' }),
  syncing: () => makeStatus({ phase: { kind: 'uploading', done: 1, total: 3 } }),
  pendingUpload: () => makeStatus({ outbox: { rows: 2, files: 1, images: 0, held: 0 } }),
  error: () => makeStatus({ errors: [ERROR] }),
  warning: () => makeStatus({ warnings: [{ code: 'server-busy', message: 'busy', since: NOW }] }),
};

const EXPECTED: Record<IconState, { name: string; tooltip: string; badge: string | null }> = {
  connected: { name: 'Offline status: Connected', tooltip: 'App is connected to the internet.', badge: null },
  notConnected: { name: 'Offline status: Not connected', tooltip: 'App is not connected to the internet.', badge: null },
  syncing: { name: 'Offline status: Syncing', tooltip: 'App is syncing data.', badge: null },
  pendingUpload: {
    name: 'Offline status: Changes to upload, Changes waiting to upload: 3',
    tooltip: 'App has pending changes to upload.',
    badge: '3',
  },
  error: { name: 'Offline status: Sync error', tooltip: 'There is an error in the synchronization process.', badge: null },
  // The warning state says which warning, not only that there is one.
  warning: { name: 'Offline status: Sync warning', tooltip: 'The server is busy. Sync continues when it has capacity again.', badge: null },
};

function renderIcon(status: SyncStatus, props: Partial<React.ComponentProps<typeof SyncStatusIcon>> = {}) {
  const engine = makeFakeEngine(status);
  return { engine, ...render(<SyncStatusIcon engine={engine} status={status} t={t} locale="en-US" {...props} />) };
}

describe('SyncStatusIcon', () => {
  describe.each(Object.keys(STATUS_FOR) as IconState[])('in the %s state', (state) => {
    it('is a button named after the state, with the pending badge only when changes wait', () => {
      const status = STATUS_FOR[state]();
      expect(status.iconState).toBe(state);
      renderIcon(status);
      const button = screen.getByRole('button', { name: EXPECTED[state].name });
      expect(button.getAttribute('data-icon-state')).toBe(state);
      const badge = screen.queryByTestId('pending-badge');
      if (EXPECTED[state].badge === null) expect(badge).toBeNull();
      else expect(badge?.textContent).toBe(EXPECTED[state].badge);
    });

    it('shows its tooltip when focused', async () => {
      renderIcon(STATUS_FOR[state]());
      fireEvent.focus(screen.getByRole('button'));
      expect((await screen.findByRole('tooltip')).textContent).toBe(EXPECTED[state].tooltip);
    });

    it('has no axe violations', async () => {
      const { container } = renderIcon(STATUS_FOR[state]());
      await expectNoAxeViolations(container);
    });
  });

  describe('in the warning state', () => {
    const NEXT_TRY = NOW + 90_000;
    const timeIn = (locale: string): string => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(NEXT_TRY));
    const failingUploads = makeStatus({
      outbox: { rows: 2, files: 0, images: 0, held: 0 },
      warnings: [
        { code: 'retrying', message: 'Uploads are failing and will be retried automatically.', since: NOW, nextAttemptAt: NEXT_TRY, failingChanges: 2 },
        { code: 'stalled', message: 'stalled', since: NOW },
      ],
    });

    it('says in its tooltip that uploads are failing and when the next try is, in the user’s time format', async () => {
      renderIcon(failingUploads);
      fireEvent.focus(screen.getByRole('button'));
      expect((await screen.findByRole('tooltip')).textContent).toBe(`Uploads are failing; next try at ${timeIn('en-US')}.`);
      expect(screen.queryByText('There is a warning in the synchronization process.')).toBeNull();
    });

    it('gives the same sentence to screen readers as the button’s description, with the pending count in its name', () => {
      renderIcon(failingUploads);
      const button = screen.getByRole('button', { name: 'Offline status: Sync warning, Changes waiting to upload: 2' });
      const description = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(description?.textContent).toBe(`Uploads are failing; next try at ${timeIn('en-US')}.`);
    });

    it('names the warning in the user’s language and time format', async () => {
      const german = (key: string): string => (key.startsWith('statusPage.') ? (STATUS_PAGE_TRANSLATIONS['1031'] as Record<string, string>)[key] : t(key));
      renderIcon(failingUploads, { t: german, locale: 'de-DE' });
      fireEvent.focus(screen.getByRole('button'));
      expect((await screen.findByRole('tooltip')).textContent).toBe(`Uploads schlagen fehl; nächster Versuch um ${timeIn('de-DE')}.`);
    });

    it('says it is waiting for a Wi-Fi connection when that is the warning', async () => {
      renderIcon(makeStatus({ connectionType: 'cellular', warnings: [{ code: 'wifi-only-waiting', message: 'wifi', since: NOW }] }));
      fireEvent.focus(screen.getByRole('button'));
      expect((await screen.findByRole('tooltip')).textContent).toBe('Waiting for a Wi-Fi connection to sync.');
    });

    it('has no description outside the warning state', () => {
      renderIcon(STATUS_FOR.pendingUpload());
      expect(screen.getByRole('button').getAttribute('aria-describedby')).toBeNull();
    });
  });

  describe('its live region', () => {
    const announcer = (): HTMLElement => screen.getByTestId('icon-announcer');

    it('is polite and says nothing on the first render, when the button’s name already says the state', () => {
      renderIcon(STATUS_FOR.connected());
      expect(announcer().getAttribute('role')).toBe('status');
      expect(announcer().getAttribute('aria-live')).toBe('polite');
      expect(announcer().textContent).toBe('');
    });

    it('speaks when the state changes, and not again when a re-render keeps the state', () => {
      const { rerender, engine } = renderIcon(STATUS_FOR.connected());
      const show = (status: SyncStatus): void => {
        rerender(<SyncStatusIcon engine={engine} status={status} t={t} locale="en-US" />);
      };
      show(makeStatus({ lastSuccessAt: NOW + 1000 }));
      expect(announcer().textContent).toBe('');
      show(STATUS_FOR.notConnected());
      expect(announcer().textContent).toBe('Offline status: Not connected');
      const region = announcer();
      // Still offline, now with a change queued: the badge and the name change, the announcement does not.
      show(makeStatus({ connectivity: 'offline', outbox: { rows: 1, files: 0, images: 0, held: 0 } }));
      expect(screen.getByRole('button', { name: 'Offline status: Not connected, Changes waiting to upload: 1' })).toBeTruthy();
      expect(announcer()).toBe(region);
      expect(announcer().textContent).toBe('Offline status: Not connected');
      show(STATUS_FOR.syncing());
      expect(announcer().textContent).toBe('Offline status: Syncing');
    });
  });

  it('spins the sync arrows only while a pass runs', () => {
    const { rerender, engine } = renderIcon(STATUS_FOR.syncing());
    expect(document.querySelector('[data-spinning="true"]')).not.toBeNull();
    rerender(<SyncStatusIcon engine={engine} status={STATUS_FOR.connected()} t={t} locale="en-US" />);
    expect(document.querySelector('[data-spinning]')).toBeNull();
  });

  it('badges the pending count in every state, e.g. offline with changes waiting', () => {
    renderIcon(makeStatus({ connectivity: 'offline', outbox: { rows: 1234, files: 0, images: 0, held: 0 } }));
    expect(screen.getByRole('button', { name: 'Offline status: Not connected, Changes waiting to upload: 1,234' })).toBeTruthy();
    expect(screen.getByTestId('pending-badge').textContent).toBe('999+');
  });

  it('formats the count for the user’s locale', () => {
    renderIcon(makeStatus({ outbox: { rows: 1234, files: 0, images: 0, held: 0 } }), { locale: 'de-DE' });
    expect(screen.getByRole('button', { name: /upload: 1\.234/ })).toBeTruthy();
  });

  it('draws the three sizes and an optional visible label', () => {
    const { rerender, engine } = renderIcon(makeStatus(), { size: 'small' });
    expect(document.querySelector('svg')?.getAttribute('width')).toBe('16');
    expect(screen.queryByText('Connected')).toBeNull();
    rerender(<SyncStatusIcon engine={engine} status={makeStatus()} t={t} locale="en-US" size="large" showLabel />);
    expect(document.querySelector('svg')?.getAttribute('width')).toBe('32');
    expect(screen.getByText('Connected')).toBeTruthy();
  });

  it.each([
    ['a click', (button: HTMLElement) => fireEvent.click(button)],
    ['Enter', (button: HTMLElement) => fireEvent.keyDown(button, { key: 'Enter' })],
    ['Space', (button: HTMLElement) => fireEvent.keyDown(button, { key: ' ' })],
  ])('opens the Offline Status page in a panel on %s, and closes it again', async (_how, press) => {
    renderIcon(makeStatus());
    const button = screen.getByRole('button', { name: 'Offline status: Connected' });
    press(button);
    const dialog = await screen.findByRole('dialog', { name: 'Offline Status' });
    expect(dialog.textContent).toContain('Connection');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('has no axe violations with the Offline Status page open', async () => {
    renderIcon(STATUS_FOR.pendingUpload());
    fireEvent.click(screen.getByRole('button', { name: /^Offline status/ }));
    await screen.findByRole('dialog', { name: 'Offline Status' });
    await expectNoAxeViolations(document.body);
  });
});
