import { FORMATTED_VALUE, formatColumnValue } from '../../../components/statusPage/columnDisplay';
import type { Row, TableDisplay } from '../../../SyncEngine/contracts';

const ACCOUNT: TableDisplay = { logicalName: 'account', columns: { revenue: { kind: 'money' } } };
const DOLLAR = '4c3f8d85-6eaf-4ab1-8c43-5d6e7f8091a2';
const YEN = '5b4a9e96-7fb0-4bc2-9d54-6e7f8091a2b3';

/** The server version of the row, as a single-row read with formatted values returns it. */
const server = (revenue: number, shown: string, currency = DOLLAR): Row => ({ revenue, [`revenue${FORMATTED_VALUE}`]: shown, _transactioncurrencyid_value: currency });
const device = (revenue: number, currency = DOLLAR): Row => ({ revenue, _transactioncurrencyid_value: currency });
const shown = (row: Row, other: Row | undefined, locale = 'en-US'): string | null => formatColumnValue(row, 'revenue', other, ACCOUNT, locale);

describe('money changed on the device is shown in the row currency', () => {
  it('takes the symbol, its place and the decimals from the other version in the same currency', () => {
    expect(shown(device(20000), server(25000, '$25,000.00'))).toBe('$20,000.00');
    expect(shown(device(1234.5), server(25000, '25.000,00 $'), 'de-DE')).toBe('1.234,50 $');
    expect(shown(device(20000, YEN), server(25000, '¥25,000', YEN))).toBe('¥20,000');
    expect(shown(device(-150), server(0, '$0.00'))).toBe('-$150.00');
  });

  it('shows the amount alone when the currency differs, is unknown, or the formatted value is in another locale', () => {
    expect(shown(device(20000, YEN), server(25000, '$25,000.00'))).toBe('20,000.00');
    expect(shown(device(20000), undefined)).toBe('20,000.00');
    expect(shown(device(20000), { revenue: 25000, _transactioncurrencyid_value: DOLLAR })).toBe('20,000.00');
    expect(shown(device(20000), server(25000, '$25,000.00'), 'de-DE')).toBe('20.000,00');
  });

  it('never reads a longer amount as this one', () => {
    // 25,000 and 25,000.00 are both the start of 25,000.000: the three decimals of the currency are kept.
    expect(shown(device(20000.5), server(25000, 'KWD 25,000.000'))).toBe('KWD 20,000.500');
  });
});
