import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { DisplayMetadata, OfflineProfile } from '../../../SyncEngine/contracts';
import { tableStatuses } from '../../../SyncEngine/core/status/tableStatuses';
import { fakeEngine, noStrings, status } from './statusPageFixtures';

const PROFILE: OfflineProfile = {
  name: 'p',
  relationships: [],
  tables: [
    { logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid', columns: ['accountid'], syncIntervalMinutes: 60, filter: { kind: 'all' } },
    { logicalName: 'contact', entitySet: 'contacts', primaryId: 'contactid', columns: ['contactid'], syncIntervalMinutes: 5, filter: { kind: 'related' } },
  ],
};

const GERMAN: DisplayMetadata = {
  language: 1031,
  profileKey: 'k',
  fetchedAt: 1,
  tables: { account: { logicalName: 'account', displayCollectionName: 'Firmen', columns: {} }, contact: { logicalName: 'contact', displayCollectionName: 'Kontakte', columns: {} } },
};

function headings(metadata?: DisplayMetadata): string[] {
  const none = new Map();
  const intervals = new Map([['account', { table: 'account', ownMinutes: 60, effectiveMinutes: 5, drivenBy: 'contact' }]]);
  const current = status({ tables: tableStatuses(PROFILE, none, none, intervals, none, metadata) });
  render(<OfflineStatusPageView engine={fakeEngine(current)} status={current} t={noStrings} locale="de-DE" />);
  const region = within(screen.getByRole('region', { name: 'Tables' }));
  return region.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);
}

describe('Offline Status page: table names', () => {
  it('lists the tables by their display names in the user language, also where one drives another', () => {
    expect(headings(GERMAN)).toEqual(['Firmen', 'Kontakte']);
    expect(screen.getByRole('button', { name: 'Refresh Firmen' })).toBeTruthy();
    expect(screen.getByText(/Kontakte/, { selector: 'p' })).toBeTruthy();
  });

  it('falls back to the logical names without metadata', () => {
    expect(headings()).toEqual(['account', 'contact']);
  });
});
