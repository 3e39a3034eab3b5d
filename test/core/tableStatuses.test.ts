import type { DisplayMetadata } from '../../SyncEngine/contracts/displayMetadata';
import { tableStatuses } from '../../SyncEngine/core/status/tableStatuses';
import { ACCOUNTS, CONTACTS, PROFILE } from '../support/engineFixture';

const none = new Map();
const names = (metadata?: DisplayMetadata): string[] => tableStatuses(PROFILE, none, none, none, none, metadata).map((t) => t.displayName);

describe('table names on the status page', () => {
  const noDisplayName = { ...PROFILE, tables: [{ ...ACCOUNTS, displayName: undefined }, CONTACTS] };

  it('are the display collection names in the user language when the metadata has them', () => {
    const french: DisplayMetadata = { language: 1036, profileKey: 'k', fetchedAt: 1, tables: { account: { logicalName: 'account', displayCollectionName: 'Comptes', columns: {} } } };
    expect(names(french)).toEqual(['Comptes', CONTACTS.displayName ?? 'contact']);
  });

  it('fall back to the profile names, then to the logical names', () => {
    expect(names()).toEqual([ACCOUNTS.displayName, CONTACTS.displayName ?? 'contact']);
    expect(tableStatuses(noDisplayName, none, none, none, none).map((t) => t.displayName)[0]).toBe('account');
  });
});
