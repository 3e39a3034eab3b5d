import { EMULATOR_TABLES, EMULATOR_USER, EMULATOR_USER_TEAMS, OTHER_BUSINESS_UNIT, OTHER_USERS, TABLE_SHARES } from './tables';
import { Random, isoSeconds } from './random';

type Data = Record<string, unknown>;

/** Seeded rows keyed by entity set, each a plain object of the table's columns (no etag). */
export type SeedData = Map<string, Data[]>;

/** Seeded timestamps stay stable run to run; live edits use the real clock, so they sort after every seed. */
const BASE_TIME = Date.UTC(2025, 0, 1);
const TWO_YEARS = 2 * 365 * 24 * 3600 * 1000;

const COMPANY = [
  'Contoso', 'Fabrikam', 'Northwind', 'Adventure Works', 'Litware', 'Proseware', 'Tailspin', 'Wingtip', 'Woodgrove', 'Alpine Ski House',
];
const SUFFIX = ['Ltd', 'Inc.', 'Services', 'Manufacturing', 'Pharmaceuticals', 'Logistics', 'Energy', 'Foods'];
const FIRST = ['Ann', 'Bruno', 'Chen', 'Dana', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nora', "Owen"];
const LAST = ['Meyer', "O'Brien", 'Novak', 'Silva', 'Tanaka', 'Okafor', 'Larsen', 'Rossi', 'Kowalski', 'Haddad', 'Smith'];
const STREET = ['Main St', 'Harbour Rd', 'Station Ave', 'Mill Lane', 'Industrial Way', 'Elm Street', 'Parkway Dr'];
const CITY = ['Seattle', 'Redmond', 'Dublin', 'Munich', 'Lyon', 'Oslo', 'Leeds', 'Porto', 'Utrecht', 'Graz'];
const JOB = ['Facilities Manager', 'Plant Engineer', 'Purchasing Lead', 'Site Supervisor', 'Operations Director'];
const MAKER = ['Contoso Pumps', 'Fabrikam HVAC', 'Litware Electrical', 'Northwind Compressors'];
const SENTENCES = [
  'Customer reported intermittent pressure drops on the primary circulation pump during the night shift.',
  'Technician must check in at the security desk and wear safety boots and a high-visibility vest on site.',
  'Replace the worn drive belt and inspect the bearings for noise; record vibration readings before and after.',
  'Access to the rooftop unit is through the service stairwell at the rear of building B; key at reception.',
  'Preventive maintenance visit covering filters, refrigerant levels, thermostat calibration and a safety test.',
  'The site runs a 24/7 production line, so any shutdown must be agreed with the shift lead in advance.',
  'Previous visit noted corrosion on the condenser coil; quote for replacement was sent and is awaiting approval.',
  'Bring spare fuses, a multimeter and the firmware update kit for the controller, version 4.2 or later.',
  'Parking is available in the visitor bays; loading dock opens at 07:00 and closes at 18:00 on weekdays.',
  'Warranty covers parts only; labour is billed according to the service agreement signed last spring.',
];

/**
 * Rows the first colleague would own go to the user's first team instead: team ownership gets rows without
 * drawing another random number, so every other seeded value stays what it was.
 */
function teamOrColleague(colleague: string): string {
  return colleague === OTHER_USERS[0] ? EMULATOR_USER_TEAMS[0] : colleague;
}

function paragraph(random: Random, sentences: number): string {
  const parts: string[] = [];
  for (let index = 0; index < sentences; index += 1) parts.push(random.pick(SENTENCES));
  return parts.join(' ');
}

/** Splits `total` across the tables by share; rounding leftovers go to the first tables. */
export function splitRows(total: number): number[] {
  const counts = TABLE_SHARES.map((share) => Math.floor(total * share));
  let leftover = total - counts.reduce((sum, count) => sum + count, 0);
  for (let index = 0; leftover > 0; index = (index + 1) % counts.length, leftover -= 1) counts[index] += 1;
  return counts;
}

class Seeder {
  /** Long texts come from a small pool: generating each one would dominate seeding 100,000 rows. */
  private readonly texts: string[];

  constructor(private readonly random: Random) {
    this.texts = Array.from({ length: 64 }, () => paragraph(random, 4));
  }

  text(): string {
    return this.random.pick(this.texts);
  }

  /** Writes the audit columns into `row` in place: a spread per row doubled the garbage of seeding. */
  audit(row: Data): Data {
    const { random } = this;
    const mine = random.chance(0.8);
    const createdon = BASE_TIME - random.int(0, TWO_YEARS);
    const active = random.chance(0.9);
    row.statecode = active ? 0 : 1;
    row.statuscode = active ? 1 : 2;
    row._ownerid_value = mine ? EMULATOR_USER.userId : teamOrColleague(random.pick(OTHER_USERS));
    row._owningbusinessunit_value = mine || random.chance(0.5) ? EMULATOR_USER.businessUnitId : OTHER_BUSINESS_UNIT;
    row.createdon = isoSeconds(createdon);
    row.modifiedon = isoSeconds(random.int(createdon, BASE_TIME));
    return row;
  }

  address(): { line: string; city: string; postal: string } {
    const { random } = this;
    return { line: `${random.int(1, 999)} ${random.pick(STREET)}`, city: random.pick(CITY), postal: String(random.int(10000, 99999)) };
  }

  coordinates(): { latitude: number; longitude: number } {
    return { latitude: Math.round((40 + this.random.next() * 20) * 1e6) / 1e6, longitude: Math.round((-10 + this.random.next() * 30) * 1e6) / 1e6 };
  }

  ref(ids: readonly string[]): string | null {
    return ids.length === 0 ? null : this.random.pick(ids);
  }
}

function account(s: Seeder, random: Random, index: number): Data {
  const company = `${random.pick(COMPANY)} ${random.pick(SUFFIX)}`;
  const address = s.address();
  return s.audit({
    accountid: random.guid(),
    name: `${company} ${index + 1}`,
    accountnumber: `ACC-${String(100000 + index)}`,
    telephone1: `+1 425 555 ${String(random.int(1000, 9999))}`,
    emailaddress1: `info${index + 1}@${company.split(' ')[0].toLowerCase()}.example.com`,
    websiteurl: `https://www.${company.split(' ')[0].toLowerCase()}.example.com`,
    address1_line1: address.line,
    address1_city: address.city,
    address1_stateorprovince: 'WA',
    address1_postalcode: address.postal,
    address1_country: 'United States',
    revenue: random.int(10, 5000) * 1000,
    numberofemployees: random.int(5, 5000),
    industrycode: random.int(1, 33),
    description: s.text(),
  });
}

function contact(s: Seeder, random: Random, accounts: readonly string[]): Data {
  const firstname = random.pick(FIRST);
  const lastname = random.pick(LAST);
  const address = s.address();
  return s.audit({
    contactid: random.guid(),
    fullname: `${firstname} ${lastname}`, firstname, lastname,
    jobtitle: random.pick(JOB),
    emailaddress1: `${firstname}.${lastname}@example.com`.toLowerCase().replace("'", ''),
    telephone1: `+1 425 555 ${String(random.int(1000, 9999))}`,
    mobilephone: `+1 206 555 ${String(random.int(1000, 9999))}`,
    address1_line1: address.line,
    address1_city: address.city,
    address1_postalcode: address.postal,
    _parentcustomerid_value: s.ref(accounts),
    donotemail: random.chance(0.2),
    description: s.text(),
  });
}

function workOrder(s: Seeder, random: Random, index: number, accounts: readonly string[]): Data {
  const address = s.address();
  const { latitude, longitude } = s.coordinates();
  const start = BASE_TIME + random.int(-30, 60) * 86400000 + random.int(7, 15) * 3600000;
  return s.audit({
    msdyn_workorderid: random.guid(),
    msdyn_name: `WO-${String(index + 1).padStart(6, '0')}`,
    _msdyn_serviceaccount_value: s.ref(accounts),
    msdyn_systemstatus: random.pick([690970000, 690970001, 690970002, 690970003, 690970004]),
    msdyn_priority: random.int(1, 3),
    msdyn_workordersummary: s.text().slice(0, 200),
    msdyn_instructions: s.text(),
    msdyn_address1: address.line,
    msdyn_city: address.city,
    msdyn_postalcode: address.postal,
    msdyn_latitude: latitude,
    msdyn_longitude: longitude,
    msdyn_timewindowstart: isoSeconds(start),
    msdyn_timewindowend: isoSeconds(start + 4 * 3600000),
  });
}

function booking(s: Seeder, random: Random, index: number, workOrders: readonly string[]): Data {
  const { latitude, longitude } = s.coordinates();
  const start = BASE_TIME + random.int(-30, 60) * 86400000 + random.int(7, 16) * 3600000;
  const duration = random.pick([30, 60, 90, 120, 240]);
  return s.audit({
    bookableresourcebookingid: random.guid(),
    name: `Booking ${String(index + 1)}`,
    _msdyn_workorder_value: s.ref(workOrders),
    _resource_value: random.pick(OTHER_USERS),
    starttime: isoSeconds(start),
    endtime: isoSeconds(start + duration * 60000), duration,
    bookingtype: 1,
    msdyn_estimatedtravelduration: random.int(5, 90),
    msdyn_worklocation: random.pick([690970000, 690970001, 690970002]),
    msdyn_bookingnotes: s.text(),
    msdyn_latitude: latitude,
    msdyn_longitude: longitude,
  });
}

function customerAsset(s: Seeder, random: Random, index: number, accounts: readonly string[]): Data {
  const { latitude, longitude } = s.coordinates();
  return s.audit({
    msdyn_customerassetid: random.guid(),
    msdyn_name: `${random.pick(MAKER)} unit ${String(index + 1)}`,
    _msdyn_account_value: s.ref(accounts),
    msdyn_assettag: `AT-${String(random.int(100000, 999999))}`,
    msdyn_manufacturer: random.pick(MAKER),
    msdyn_modelnumber: `M${String(random.int(100, 999))}`,
    msdyn_serialnumber: `SN${String(random.int(1e7, 9e7))}`,
    msdyn_installdate: isoSeconds(BASE_TIME - random.int(0, TWO_YEARS * 2)),
    msdyn_latitude: latitude,
    msdyn_longitude: longitude,
    msdyn_notes: s.text(),
  });
}

/**
 * The date window of the user's bookings when `sliceShare` is set: 2024-12-25 to 2025-01-08 (the seed's "today",
 * 2025-01-01, less and plus 7 days), as a profile's rule view would select them with fixed dates.
 */
export const SLICE_WINDOW: { from: string; to: string } = { from: isoSeconds(BASE_TIME - 7 * 86400000), to: isoSeconds(BASE_TIME + 7 * 86400000) };

/**
 * Hands the bookings to owners so the signed-in user owns `share` of them, every one starting inside
 * `SLICE_WINDOW`, plus a quarter as many outside it (the window has rows to exclude); the rest go to colleagues.
 * Draws from a PRNG of its own, after every other row is made, so the other tables stay exactly the default seed's.
 */
function assignSlice(bookings: Data[], share: number, seed: number): void {
  const random = new Random(seed ^ 0x5117ce);
  const from = BASE_TIME - 7 * 86400000;
  const span = 14 * 86400000 - 6 * 3600000;
  for (const row of bookings) {
    const draw = random.next();
    const inside = draw < share;
    const outside = !inside && draw < share * 1.25;
    const mine = inside || outside;
    row._ownerid_value = mine ? EMULATOR_USER.userId : random.pick(OTHER_USERS);
    row._owningbusinessunit_value = mine ? EMULATOR_USER.businessUnitId : OTHER_BUSINESS_UNIT;
    if (!mine) continue;
    const start = inside ? from + random.int(0, span) : BASE_TIME + random.int(20, 60) * 86400000;
    const duration = typeof row.duration === 'number' ? row.duration : 60;
    row.starttime = isoSeconds(start);
    row.endtime = isoSeconds(start + duration * 60000);
  }
}

const DAY = 86400000;

/**
 * Share of the bookings the default seed puts in the user's schedule: owned by the user and dated within a week of
 * the seed's "today". The built-in profile (and Field Service Mobile's) takes those bookings, their work orders,
 * those work orders' accounts and the accounts' contacts and assets: about five rows per booking, so 3% of the
 * bookings (a fifth of the org) make a slice of about 3% of the org.
 */
export const DEFAULT_BOOKING_SHARE = 0.03;
/** The user's other bookings stay at least this many days from "today": outside "today ± 7 days" with room to spare. */
const AWAY_DAYS = 10;

/** Midnight UTC of the day holding `time`: what relative dates (`today`, `next-seven-days`) count from. */
export function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY) * DAY;
}

/**
 * The default seed's schedule, around `today` (the emulator's start day): `DEFAULT_BOOKING_SHARE` of the bookings
 * become the user's and start within 6 days of it; the user's other bookings move to at least `AWAY_DAYS` away;
 * colleagues' bookings keep their spread (30 days before to 60 after), so the date window has rows to exclude
 * besides the owner's. Draws from a PRNG of its own, after every other row is made, so the other tables and the
 * bookings' other columns stay the same whatever the day.
 */
function placeBookings(bookings: Data[], seed: number, today: number): void {
  const random = new Random(seed ^ 0xb00c);
  const day = startOfUtcDay(today);
  const shift = day - BASE_TIME;
  for (const row of bookings) {
    const draw = random.next();
    const duration = typeof row.duration === 'number' ? row.duration : 60;
    let start = Date.parse(String(row.starttime)) + shift;
    if (draw < DEFAULT_BOOKING_SHARE) {
      row._ownerid_value = EMULATOR_USER.userId;
      row._owningbusinessunit_value = EMULATOR_USER.businessUnitId;
      start = day + random.int(-6, 6) * DAY + random.int(7, 16) * 3600000;
    } else if (row._ownerid_value === EMULATOR_USER.userId && Math.abs(start - day) < AWAY_DAYS * DAY) {
      start += (start < day ? -1 : 1) * AWAY_DAYS * DAY;
    }
    row.starttime = isoSeconds(start);
    row.endtime = isoSeconds(start + duration * 60000);
  }
}

/**
 * Deterministic Field Service-like rows (about 1 KB each) with lookups between the tables. With `sliceShare`
 * the user owns that share of the bookings inside the fixed `SLICE_WINDOW` (see `assignSlice`); without it, the
 * default seed, whose bookings are placed around `today` (see `placeBookings`).
 */
export function seedRows(totalRows: number, seed: number, sliceShare?: number, today: number = Date.now()): SeedData {
  const random = new Random(seed);
  const s = new Seeder(random);
  const [accountCount, contactCount, workOrderCount, bookingCount, assetCount] = splitRows(totalRows);
  const times = (count: number, make: (index: number) => Data): Data[] => Array.from({ length: count }, (_, index) => make(index));
  const accounts = times(accountCount, (index) => account(s, random, index));
  const accountIds = accounts.map((row) => row.accountid as string);
  const contacts = times(contactCount, () => contact(s, random, accountIds));
  const workOrders = times(workOrderCount, (index) => workOrder(s, random, index, accountIds));
  const workOrderIds = workOrders.map((row) => row.msdyn_workorderid as string);
  const bookings = times(bookingCount, (index) => booking(s, random, index, workOrderIds));
  const assets = times(assetCount, (index) => customerAsset(s, random, index, accountIds));
  if (sliceShare !== undefined) assignSlice(bookings, sliceShare, seed);
  else placeBookings(bookings, seed, today);
  const bySet = [accounts, contacts, workOrders, bookings, assets];
  return new Map(EMULATOR_TABLES.map((table, index) => [table.entitySet, bySet[index]]));
}
