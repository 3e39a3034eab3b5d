import * as React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { OfflineStatusPageView } from '../../../components/statusPage/OfflineStatusPageView';
import type { DisplayMetadata, SyncErrorRecord } from '../../../SyncEngine/contracts';
import { fakeEngine, noStrings, status, syncError, table } from './statusPageFixtures';

const OWNER = '8b6a2d4e-1f3c-4e5a-9b7d-0c1e2f3a4b5c';
const FORMATTED = '@OData.Community.Display.V1.FormattedValue';

/** A conflict as the engine records it: the server side annotated, the device side changed offline (no annotations). */
const conflict: SyncErrorRecord = syncError({
  id: 'c1',
  table: 'account',
  recordName: 'Contoso',
  code: 'conflict',
  errorType: 0,
  deviceVersion: {
    '@odata.etag': 'W/"1"', name: 'Contoso', statecode: 1, _ownerid_value: OWNER, revenue: 20000,
    createdon: '2025-01-01T09:00:00Z', modifiedon: '2025-03-01T10:00:00.123Z', versionnumber: 11,
  },
  serverVersion: {
    '@odata.etag': 'W/"2"', name: 'Contoso', statecode: 0, [`statecode${FORMATTED}`]: 'Aktiv',
    _ownerid_value: OWNER, [`_ownerid_value${FORMATTED}`]: 'Emulator User', '_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'systemuser',
    revenue: 25000, [`revenue${FORMATTED}`]: '25.000,00 $', createdon: '2025-01-01T09:00:00Z', modifiedon: '2025-03-01T10:00:05Z', versionnumber: 12,
  },
});

const GERMAN: DisplayMetadata = {
  language: 1031,
  profileKey: 'k',
  fetchedAt: 1,
  tables: {
    account: {
      logicalName: 'account',
      displayCollectionName: 'Firmen',
      columns: {
        name: { displayName: 'Firmenname', kind: 'text' },
        statecode: { displayName: 'Status', kind: 'choice', options: { 0: 'Aktiv', 1: 'Inaktiv' } },
        _ownerid_value: { displayName: 'Besitzer', kind: 'lookup' },
        revenue: { displayName: 'Jahresumsatz', kind: 'money' },
        createdon: { displayName: 'Erstellt am', kind: 'dateTime' },
      },
    },
  },
};

function renderConflict(metadata: DisplayMetadata | undefined, locale = 'de-DE', error = conflict): ReturnType<typeof within> {
  const engine = { ...fakeEngine(), getDisplayMetadata: jest.fn(() => metadata) };
  const current = status({ tables: [table({ table: 'account', displayName: metadata ? 'Firmen' : 'account' })], errors: [error] });
  render(<OfflineStatusPageView engine={engine} status={current} t={noStrings} locale={locale} />);
  return within(screen.getByRole('table', { name: 'Device and server versions of Contoso' }));
}

const cells = (comparison: ReturnType<typeof within>, name: RegExp): (string | null)[] =>
  within(comparison.getByRole('row', { name })).getAllByRole('cell').map((c) => c.textContent);

describe('conflict comparison in the user language', () => {
  it('names columns by their display names and shows labels, names, money and dates as the user reads them', () => {
    const comparison = renderConflict(GERMAN);
    expect(cells(comparison, /^Status/)).toEqual(['Inaktiv', 'Aktiv', 'Differs']);
    expect(cells(comparison, /^Besitzer/)).toEqual(['Emulator User', 'Emulator User', 'Same']);
    // Changed on the device, the amount takes the symbol of the server's formatted value in the same currency.
    expect(cells(comparison, /^Jahresumsatz/)).toEqual(['20.000,00 $', '25.000,00 $', 'Differs']);
    const created = new Intl.DateTimeFormat('de-DE', { dateStyle: 'short', timeStyle: 'short' }).format(Date.UTC(2025, 0, 1, 9));
    expect(cells(comparison, /^Erstellt am/)).toEqual([created, created, 'Same']);
    expect(comparison.queryByText('statecode')).toBeNull();
    expect(comparison.queryByText(OWNER)).toBeNull();
  });

  it('leaves out the system columns that differ only because of the sync, and the annotations', () => {
    const comparison = renderConflict(GERMAN);
    expect(comparison.queryByRole('row', { name: /modifiedon|versionnumber/ })).toBeNull();
    expect(comparison.queryByText(/lookuplogicalname|FormattedValue/)).toBeNull();
    expect(comparison.getAllByRole('row')).toHaveLength(1 + 5);
  });

  it('says what Retry and Discard do to the server version', () => {
    renderConflict(GERMAN);
    expect(screen.getByText(/^Retry: your values from this device are uploaded again and replace the server's values/)).toBeTruthy();
    expect(screen.getByText("Discard: the server's version stays as it is, and your version is dropped.")).toBeTruthy();
  });

  it('without metadata falls back to logical names, and to the server formatted values where it has them', () => {
    const comparison = renderConflict(undefined, 'en-US');
    expect(cells(comparison, /^statecode/)).toEqual(['1', 'Aktiv', 'Differs']);
    expect(cells(comparison, /^_ownerid_value/)).toEqual([OWNER, 'Emulator User', 'Same']);
    expect(cells(comparison, /^name/)).toEqual(['Contoso', 'Contoso', 'Same']);
  });

  it('the Discard dialog of the error list names the values that go in the user language', async () => {
    renderConflict(GERMAN);
    fireEvent.click(screen.getByRole('button', { name: 'Discard Contoso' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard this change?' });
    const values = within(within(dialog).getByRole('list', { name: 'Values that will be lost:' })).getAllByRole('listitem').map((item) => item.textContent);
    expect(values).toEqual(['Status: Inaktiv', 'Jahresumsatz: 20.000,00 $']);
  });
});

describe('values changed on the device', () => {
  const PARENT_BEFORE = '1f0e5a52-3b7c-4d8e-9f10-2a3b4c5d6e7f';
  const PARENT_PICKED = '2e1f6b63-4c8d-4e9f-8a21-3b4c5d6e7f80';
  const EURO = '3d2e7c74-5d9e-4fa0-9b32-4c5d6e7f8091';
  const DOLLAR = '4c3f8d85-6eaf-4ab1-8c43-5d6e7f8091a2';
  const account = { logicalName: 'account', columns: {}, ...GERMAN.tables.account };
  const withParent: DisplayMetadata = {
    ...GERMAN,
    tables: { account: { ...account, columns: { ...account.columns, _parentaccountid_value: { displayName: 'Übergeordnete Firma', kind: 'lookup' } } } },
  };

  it('a lookup picked on the device shows the related row name the engine stored with it, not its id', () => {
    const picked = syncError({
      ...conflict,
      deviceVersion: { ...conflict.deviceVersion, _parentaccountid_value: PARENT_PICKED, [`_parentaccountid_value${FORMATTED}`]: 'Fabrikam', '_parentaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account' },
      serverVersion: { ...conflict.serverVersion, _parentaccountid_value: PARENT_BEFORE, [`_parentaccountid_value${FORMATTED}`]: 'Contoso Holding' },
    });
    const comparison = renderConflict(withParent, 'de-DE', picked);
    expect(cells(comparison, /^Übergeordnete Firma/)).toEqual(['Fabrikam', 'Contoso Holding', 'Differs']);
    expect(comparison.queryByText(PARENT_PICKED)).toBeNull();
  });

  it('an amount in another currency than the server version shows without a symbol it may not have', () => {
    const otherCurrency = syncError({
      ...conflict,
      deviceVersion: { ...conflict.deviceVersion, _transactioncurrencyid_value: EURO },
      serverVersion: { ...conflict.serverVersion, _transactioncurrencyid_value: DOLLAR },
    });
    const comparison = renderConflict(GERMAN, 'de-DE', otherCurrency);
    expect(cells(comparison, /^Jahresumsatz/)).toEqual(['20.000,00', '25.000,00 $', 'Differs']);
  });
});
