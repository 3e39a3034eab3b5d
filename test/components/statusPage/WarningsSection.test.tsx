import * as React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import { STATUS_PAGE_TRANSLATIONS } from '../../../components/statusPage/statusPageStrings.translations';
import type { SyncStatus, SyncWarning } from '../../../SyncEngine/contracts';
import { SYNC_TIME, fakeEngine, noStrings, status } from './statusPageFixtures';

const NEXT_TRY = SYNC_TIME + 5 * 60_000;
const timeIn = (locale: string): string => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(NEXT_TRY));

function renderPage(current: SyncStatus, t: (key: string) => string = noStrings, locale = 'en-US'): void {
  render(<OfflineStatusPageView engine={fakeEngine(current)} status={current} t={t} locale={locale} />);
}

/** The warning bar's lines; Fluent's MessageBar renders its content a moment later, for screen readers. */
async function warningLines(): Promise<string[]> {
  const section = screen.getByRole('region', { name: /^(Warnings|Warnungen|Avertissements)$/ });
  await waitFor(() => {
    expect(section.querySelector('li')).not.toBeNull();
  });
  return [...section.querySelectorAll('li')].map((item) => item.textContent);
}

const FAILING_UPLOADS: SyncWarning = {
  code: 'retrying',
  message: 'Uploads are failing and will be retried automatically.',
  since: SYNC_TIME,
  nextAttemptAt: NEXT_TRY,
  failingChanges: 3,
};

describe('Offline Status page: warnings', () => {
  it('says that uploads are failing and when the next try is', async () => {
    renderPage(status({ warnings: [FAILING_UPLOADS], outbox: { rows: 3, files: 0, images: 0, held: 0 } }));
    const [line] = await warningLines();
    expect(line).toContain(`Uploads are failing; next try at ${timeIn('en-US')}.`);
  });

  it('says when a failed pass and a busy server are tried again', async () => {
    renderPage(
      status({
        warnings: [
          { code: 'retrying', message: 'Sync failed and will retry automatically.', since: SYNC_TIME, nextAttemptAt: NEXT_TRY },
          { code: 'server-busy', message: 'busy', since: SYNC_TIME, nextAttemptAt: NEXT_TRY },
        ],
      }),
    );
    const lines = await warningLines();
    expect(lines[0]).toContain(`Sync failed; next try at ${timeIn('en-US')}.`);
    expect(lines[1]).toContain(`The server is busy; next try at ${timeIn('en-US')}.`);
  });

  it('says it is waiting for Wi-Fi', async () => {
    renderPage(status({ connectionType: 'cellular', warnings: [{ code: 'wifi-only-waiting', message: 'wifi', since: SYNC_TIME }] }));
    expect((await warningLines())[0]).toContain('Waiting for a Wi-Fi connection to sync.');
  });

  it('keeps the engine’s order, most important first', async () => {
    renderPage(status({ warnings: [FAILING_UPLOADS, { code: 'stalled', message: 'stalled', since: SYNC_TIME }] }));
    const lines = await warningLines();
    expect(lines[0]).toContain('Uploads are failing');
    expect(lines[1]).toContain('Sync has not made progress for a while.');
  });

  it.each([
    ['1031', 'de-DE', 'Uploads schlagen fehl; nächster Versuch um'],
    ['1036', 'fr-FR', 'Les envois échouent ; prochain essai à'],
  ] as const)('says it in language %s with the time in that locale', async (lcid, locale, sentence) => {
    const translations = STATUS_PAGE_TRANSLATIONS[lcid] as Record<string, string>;
    renderPage(status({ warnings: [FAILING_UPLOADS] }), (key) => translations[key] ?? key, locale);
    expect((await warningLines())[0]).toContain(`${sentence} ${timeIn(locale)}.`);
  });

  it.each([
    ['en-US', noStrings, 'Changes are waiting to upload and the browser may clear the offline data that holds them.'],
    ['fr-FR', (key: string) => (STATUS_PAGE_TRANSLATIONS['1036'] as Record<string, string>)[key] ?? key, 'le navigateur peut effacer les données'],
  ] as const)('warns in %s that queued changes sit on storage the browser may clear', async (locale, t, sentence) => {
    const warning: SyncWarning = { code: 'storage-not-persistent', message: 'engine text', since: SYNC_TIME };
    renderPage(status({ storagePersistence: 'best-effort', warnings: [warning], outbox: { rows: 1, files: 0, images: 0, held: 0 } }), t, locale);
    expect((await warningLines())[0]).toContain(sentence);
  });

  it.each([
    ['en-US', undefined, 'Offline data was removed by the browser; 1,234 changes made offline could not be recovered. The data is downloading again.'],
    ['de-DE', '1031', 'Die Offlinedaten wurden vom Browser entfernt; 1.234 offline vorgenommene Änderungen konnten nicht wiederhergestellt werden.'],
    ['fr-FR', '1036', 'supprimées par le navigateur ; 1\u202f234 modifications faites hors connexion n’ont pas pu être récupérées.'],
  ] as const)('says in %s that the offline data was removed and how many changes went with it', async (locale, lcid, sentence) => {
    const translations = lcid ? (STATUS_PAGE_TRANSLATIONS[lcid] as Record<string, string>) : {};
    const warning: SyncWarning = { code: 'offline-data-removed', message: 'engine text', since: SYNC_TIME, lostChanges: 1234 };
    renderPage(status({ warnings: [warning] }), (key) => translations[key] ?? key, locale);
    expect((await warningLines())[0]).toContain(sentence);
  });

  it('says the removed data is downloading again when no change was lost, and one change in the singular', async () => {
    const none: SyncWarning = { code: 'offline-data-removed', message: 'engine text', since: SYNC_TIME, lostChanges: 0 };
    renderPage(status({ warnings: [none] }));
    expect((await warningLines())[0]).toContain('Offline data was removed by the browser. No changes were waiting to upload; the data is downloading again.');
  });
});
