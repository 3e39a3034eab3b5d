import { EMULATOR_USER, OTHER_BUSINESS_UNIT, OTHER_USERS } from '../dataverse-emulator/tables';

/** A row the test adds to the emulator's seeded data before the engine syncs (`POST /_emulator/create`). */
export interface FixtureRow {
  entitySet: string;
  data: Record<string, unknown>;
}

const DAY = 86_400_000;
const id = (prefix: string, n: number): string => `${prefix}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
/** Fixture keys sort before every seeded (random) key, so they are easy to spot in a diff. */
export const FIXTURE_ACCOUNT = (n: number): string => id('0000a000', n);
const FIXTURE_CONTACT = (n: number): string => id('0000c000', n);
const FIXTURE_BOOKING = (n: number): string => id('0000b000', n);

const iso = (instant: number): string => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * What the seeded rows lack: null columns (for `ne`, `not-like`, `null`), names holding the wildcard characters
 * themselves (`%`, `_`, `[`), rows owned by the user's team and rows of another business unit, and an account
 * with no contacts, work orders or assets (for outer joins and `not any`).
 */
function staticRows(team: string): FixtureRow[] {
  const audit = (owner: string, unit: string) => ({
    statecode: 0, statuscode: 1, _ownerid_value: owner, _owningbusinessunit_value: unit,
    createdon: '2025-06-01T10:00:00Z', modifiedon: '2025-06-02T10:00:00Z',
  });
  const account = (n: number, name: string, extra: Record<string, unknown>, owner = team, unit = EMULATOR_USER.businessUnitId): FixtureRow => ({
    entitySet: 'accounts',
    data: { accountid: FIXTURE_ACCOUNT(n), name, accountnumber: `FIX-${String(n)}`, ...audit(owner, unit), ...extra },
  });
  const contact = (n: number, fullname: string, extra: Record<string, unknown>, owner = team): FixtureRow => ({
    entitySet: 'contacts',
    data: { contactid: FIXTURE_CONTACT(n), fullname, lastname: fullname.split(' ').pop(), ...audit(owner, EMULATOR_USER.businessUnitId), ...extra },
  });
  return [
    account(1, '100% Quality Parts', { address1_city: 'Seattle', revenue: 250000, numberofemployees: 12, industrycode: 7 }),
    account(2, 'Under_Score Works', { address1_city: 'Dublin', telephone1: '+1 425 555 0100', revenue: 1200000, numberofemployees: 40 }, team, OTHER_BUSINESS_UNIT),
    account(3, '[Bracket] Supplies', { address1_city: 'Lyon', telephone1: '+1 425 555 0101', numberofemployees: 7 }, OTHER_USERS[0], OTHER_BUSINESS_UNIT),
    account(4, 'Zeta Empty Holdings', {}, EMULATOR_USER.userId),
    contact(1, 'Orphan Nobody', { donotemail: false }),
    contact(2, 'Percy Percent', { jobtitle: '50% Manager', _parentcustomerid_value: FIXTURE_ACCOUNT(1), address1_city: 'Seattle', donotemail: true }),
    contact(3, 'Una Underscore', { _parentcustomerid_value: FIXTURE_ACCOUNT(2), firstname: 'Una' }, EMULATOR_USER.userId),
  ];
}

/** UTC noon of the day `days` from `now`'s day: safely inside that day whatever the time of the run. */
function noon(now: number, days: number): number {
  return Math.floor(now / DAY) * DAY + days * DAY + DAY / 2;
}

/** Noon on the 15th of the month `months` from now's month (of July 1st, `months` years away when yearly). */
function midMonth(now: number, months: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 15, 12);
}

function midYear(now: number, years: number): number {
  return Date.UTC(new Date(now).getUTCFullYear() + years, 6, 1, 12);
}

/**
 * Bookings named `Clock …` whose start lies at known distances from `now`, so each relative date operator selects
 * a known, non-empty set whatever day the tests run: the emulator and the engine read the same real clock.
 */
export function clockInstants(now: number): [string, number][] {
  return [
    ['minus 90 min', now - 90 * 60_000], ['minus 30 min', now - 30 * 60_000],
    ['plus 30 min', now + 30 * 60_000], ['plus 90 min', now + 90 * 60_000],
    ['today noon', noon(now, 0)], ['minus 1 day', noon(now, -1)], ['plus 1 day', noon(now, 1)],
    ['minus 2 days', noon(now, -2)], ['plus 2 days', noon(now, 2)], ['minus 5 days', noon(now, -5)], ['plus 5 days', noon(now, 5)],
    ['minus 7 days', noon(now, -7)], ['plus 7 days', noon(now, 7)], ['minus 10 days', noon(now, -10)], ['plus 10 days', noon(now, 10)],
    ['minus 40 days', noon(now, -40)], ['plus 40 days', noon(now, 40)], ['minus 400 days', noon(now, -400)], ['plus 400 days', noon(now, 400)],
    ['last month', midMonth(now, -1)], ['next month', midMonth(now, 1)], ['last year', midYear(now, -1)], ['next year', midYear(now, 1)],
  ];
}

function clockRows(now: number): FixtureRow[] {
  return clockInstants(now).map(([label, start], index) => ({
    entitySet: 'bookableresourcebookings',
    data: {
      bookableresourcebookingid: FIXTURE_BOOKING(index + 1),
      name: `Clock ${label}`,
      starttime: iso(start),
      endtime: iso(start + 3_600_000),
      duration: 60,
      bookingtype: 1,
      statecode: 0, statuscode: 1,
      _ownerid_value: EMULATOR_USER.userId, _owningbusinessunit_value: EMULATOR_USER.businessUnitId,
      createdon: iso(now - DAY), modifiedon: iso(now - DAY),
    },
  }));
}

/** Every fixture row, for the clock reading `now` and the user's first team. */
export function fixtureRows(now: number, team: string): FixtureRow[] {
  return [...staticRows(team), ...clockRows(now)];
}

/** The UTC date (yyyy-mm-dd) `days` from now's day, for `on`, `on-or-after`, `on-or-before`. */
export function dateOf(now: number, days: number): string {
  return new Date(noon(now, days)).toISOString().slice(0, 10);
}
