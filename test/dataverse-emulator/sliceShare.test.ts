import { DEFAULT_BOOKING_SHARE, SLICE_WINDOW, seedRows } from './seed';
import { EMULATOR_USER } from './tables';

type Data = Record<string, unknown>;

describe('seedRows with sliceShare', () => {
  const plain = seedRows(10_000, 7);
  const sliced = seedRows(10_000, 7, 0.01);
  const bookings = (data: Map<string, Data[]>): Data[] => data.get('bookableresourcebookings') ?? [];

  it('gives the user about the share of the bookings inside the window, and a quarter as many outside it', () => {
    const mine = bookings(sliced).filter((row) => row._ownerid_value === EMULATOR_USER.userId);
    const inside = mine.filter((row) => String(row.starttime) >= SLICE_WINDOW.from && String(row.starttime) < SLICE_WINDOW.to);
    expect(inside.length).toBeGreaterThan(10);
    expect(inside.length).toBeLessThan(35);
    expect(mine.length - inside.length).toBeGreaterThan(0);
    expect(mine.length - inside.length).toBeLessThan(inside.length);
    for (const row of inside) expect(String(row.endtime) < SLICE_WINDOW.to).toBe(true);
  });

  it('leaves every other table, and the bookings apart from owner and times, as the default seed makes them', () => {
    for (const [set, rows] of plain) {
      if (set === 'bookableresourcebookings') continue;
      expect(sliced.get(set)).toEqual(rows);
    }
    const strip = (row: Data): Data => ({ ...row, _ownerid_value: null, _owningbusinessunit_value: null, starttime: null, endtime: null });
    expect(bookings(sliced).map(strip)).toEqual(bookings(plain).map(strip));
  });
});

describe('the default seed around "today"', () => {
  const DAY = 86_400_000;
  const today = Date.UTC(2026, 11, 2, 15, 30);
  const midnight = Date.UTC(2026, 11, 2);
  const data = seedRows(10_000, 7, undefined, today);
  const bookings = data.get('bookableresourcebookings') ?? [];
  const mine = bookings.filter((row) => row._ownerid_value === EMULATOR_USER.userId);
  const days = (row: Data): number => (Date.parse(String(row.starttime)) - midnight) / DAY;

  it('puts about DEFAULT_BOOKING_SHARE of the bookings in the user\'s fortnight, and the user\'s others well away from it', () => {
    const near = mine.filter((row) => Math.abs(days(row)) < 7);
    expect(near.length / bookings.length).toBeGreaterThan(DEFAULT_BOOKING_SHARE * 0.7);
    expect(near.length / bookings.length).toBeLessThan(DEFAULT_BOOKING_SHARE * 1.3);
    for (const row of mine) expect(Math.abs(days(row)) < 7 || Math.abs(days(row)) >= 9).toBe(true);
    // Colleagues' bookings fill the same days: the owner condition has rows to exclude inside the window.
    expect(bookings.some((row) => row._ownerid_value !== EMULATOR_USER.userId && Math.abs(days(row)) < 7)).toBe(true);
  });

  it('moves only the bookings\' times with the day, and stays the same within a day', () => {
    const later = seedRows(10_000, 7, undefined, today + 40 * DAY);
    const strip = (row: Data): Data => ({ ...row, starttime: null, endtime: null });
    for (const [set, rows] of data) {
      if (set === 'bookableresourcebookings') expect((later.get(set) ?? []).map(strip)).toEqual(rows.map(strip));
      else expect(later.get(set)).toEqual(rows);
    }
    expect(seedRows(10_000, 7, undefined, midnight + 1)).toEqual(data);
  });
});
