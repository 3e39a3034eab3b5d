import { SLICE_WINDOW, seedRows } from './seed';
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
