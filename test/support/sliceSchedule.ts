import fc from 'fast-check';
import type { OfflineProfile, ProfileTable } from '../../SyncEngine/contracts/profile';
import type { OutboxEntry, Row, SyncErrorRecord } from '../../SyncEngine/contracts/rows';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { EMULATOR_USER } from '../dataverse-emulator';
import { OTHER_USERS } from '../dataverse-emulator/tables';
import { expectTruthfulStatus, type Aim, type Fault, type ScheduleTarget } from './faultSchedule';

/**
 * Random slice schedules: the Field Service chain (my bookings → their work orders → those work orders' accounts →
 * the accounts' contacts) while rows enter and leave the slice directly and through their parents, parents are
 * deleted, the device edits rows (also rows about to leave), the maker republishes the profile with a table or a
 * column added or removed, and the network and the service misbehave. After every schedule the device must hold
 * exactly the server's slice, with every queued change uploaded.
 *
 * The oracle is independent of the engine's slice code: `expectedSlice` is the chain in plain TS over the server's
 * rows. Conflict detection is off and the device only edits columns no server step touches, so "last writer wins"
 * never has to be decided: a device edit lands unless its row was deleted on the server while the edit waited (or
 * before it was made), and then the engine reports it as a Record Not Found error, which the user discards.
 */

export const ME = EMULATOR_USER.userId;
export type SliceTable = 'bookableresourcebooking' | 'msdyn_workorder' | 'account' | 'contact';
export const SLICE_TABLES: readonly SliceTable[] = ['bookableresourcebooking', 'msdyn_workorder', 'account', 'contact'];

interface TableDef {
  table: Omit<ProfileTable, 'columns' | 'filter'>;
  /** Always in the profile; includes the lookup the chain goes through. */
  columns: string[];
  /** In the profile only in some variants: a republish adds or removes it. */
  extraColumn: string;
  /** The column device edits write; no server step writes it. */
  editColumn: string;
}

const TABLES: Readonly<Record<SliceTable, TableDef>> = {
  bookableresourcebooking: {
    table: { logicalName: 'bookableresourcebooking', entitySet: 'bookableresourcebookings', primaryId: 'bookableresourcebookingid', primaryName: 'name', syncIntervalMinutes: 5 },
    columns: ['bookableresourcebookingid', 'name', '_msdyn_workorder_value', 'msdyn_bookingnotes'],
    extraColumn: 'duration',
    editColumn: 'msdyn_bookingnotes',
  },
  msdyn_workorder: {
    table: { logicalName: 'msdyn_workorder', entitySet: 'msdyn_workorders', primaryId: 'msdyn_workorderid', primaryName: 'msdyn_name', syncIntervalMinutes: 60 },
    columns: ['msdyn_workorderid', 'msdyn_name', '_msdyn_serviceaccount_value', 'msdyn_instructions'],
    extraColumn: 'msdyn_city',
    editColumn: 'msdyn_instructions',
  },
  account: {
    table: { logicalName: 'account', entitySet: 'accounts', primaryId: 'accountid', primaryName: 'name', syncIntervalMinutes: 1440 },
    columns: ['accountid', 'name', 'description'],
    extraColumn: 'telephone1',
    editColumn: 'description',
  },
  contact: {
    table: { logicalName: 'contact', entitySet: 'contacts', primaryId: 'contactid', primaryName: 'fullname', syncIntervalMinutes: 1440 },
    columns: ['contactid', 'fullname', '_parentcustomerid_value', 'jobtitle'],
    extraColumn: 'telephone1',
    editColumn: 'jobtitle',
  },
};

export const entitySetOf = (table: SliceTable): string => TABLES[table].table.entitySet;
export const primaryIdOf = (table: SliceTable): string => TABLES[table].table.primaryId;
const BOOKING_WORK_ORDER = '_msdyn_workorder_value';
const WORK_ORDER_ACCOUNT = '_msdyn_serviceaccount_value';
const CONTACT_ACCOUNT = '_parentcustomerid_value';
const OWNER = '_ownerid_value';

/** Every table with every column any variant reads, for seeding a server that has no schema of its own. */
export const SEED_TABLES: readonly ProfileTable[] = SLICE_TABLES.map((name) => ({
  ...TABLES[name].table,
  columns: [...TABLES[name].columns, TABLES[name].extraColumn, OWNER],
  filter: { kind: 'all' },
}));

// ---------------------------------------------------------------------------------------------------------------
// Profile variants: what a republish switches between.

/** Bit 0: contacts in the profile; bits 1–4: each table's extra column in the profile. 32 variants. */
export const VARIANTS = 32;

export interface Variant {
  contacts: boolean;
  extra: Readonly<Record<SliceTable, boolean>>;
}

export function variantOf(n: number): Variant {
  const bit = (i: number): boolean => (n & (1 << i)) !== 0;
  return { contacts: bit(0), extra: { bookableresourcebooking: bit(1), msdyn_workorder: bit(2), account: bit(3), contact: bit(4) } };
}

export function profileTables(variant: Variant): SliceTable[] {
  return SLICE_TABLES.filter((t) => t !== 'contact' || variant.contacts);
}

/** The columns a variant keeps of a table (the profile's, as the maker lists them). */
export function profileColumns(table: SliceTable, variant: Variant): string[] {
  const def = TABLES[table];
  return variant.extra[table] ? [...def.columns, def.extraColumn] : [...def.columns];
}

/** The Field Service chain with the variant's tables and columns. */
export function profileOf(n: number): OfflineProfile {
  const variant = variantOf(n);
  const tables = profileTables(variant).map(
    (name): ProfileTable => ({
      ...TABLES[name].table,
      columns: profileColumns(name, variant),
      filter: name === 'bookableresourcebooking' ? { kind: 'owner', scope: 'user' } : { kind: 'related' },
    }),
  );
  const relationships = [
    { from: 'bookableresourcebooking', to: 'msdyn_workorder', lookup: BOOKING_WORK_ORDER },
    { from: 'msdyn_workorder', to: 'account', lookup: WORK_ORDER_ACCOUNT },
    ...(variant.contacts ? [{ from: 'contact', to: 'account', lookup: CONTACT_ACCOUNT }] : []),
  ];
  return { name: `Field Service chain, variant ${n}`, tables, relationships };
}

// ---------------------------------------------------------------------------------------------------------------
// The world: a handful of rows per table, built by each schedule on an empty server.

const ACCOUNTS = 4;
const WORK_ORDERS = 5;
const CONTACTS = 5;

const guid = (prefix: string, n: number): string => `${prefix}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
export const accountId = (n: number): string => guid('aaaaaaaa', n);
export const contactId = (n: number): string => guid('cccccccc', n);
export const workOrderId = (n: number): string => guid('dddddddd', n);
/** Seeded bookings count from 0, bookings created by schedule steps from 1,000. */
export const bookingId = (n: number): string => guid('bbbbbbbb', n);

export interface World {
  bookings: { mine: boolean; workOrder: number }[];
  workOrders: (number | null)[];
  contacts: (number | null)[];
}

export const worldArbitrary: fc.Arbitrary<World> = fc.record({
  bookings: fc.array(fc.record({ mine: fc.boolean(), workOrder: fc.nat(WORK_ORDERS - 1) }), { minLength: 3, maxLength: 6 }),
  workOrders: fc.array(fc.option(fc.nat(ACCOUNTS - 1), { freq: 8 }), { minLength: WORK_ORDERS, maxLength: WORK_ORDERS }),
  contacts: fc.array(fc.option(fc.nat(ACCOUNTS - 1), { freq: 8 }), { minLength: CONTACTS, maxLength: CONTACTS }),
});

/** A colleague, never the signed-in user. */
const colleague = (n: number): string => OTHER_USERS[n % OTHER_USERS.length];

function bookingRow(id: string, n: number, mine: boolean, workOrder: string | null): Row {
  return { bookableresourcebookingid: id, name: `Booking ${n}`, [BOOKING_WORK_ORDER]: workOrder, msdyn_bookingnotes: `notes ${n}`, duration: 30 + n, [OWNER]: mine ? ME : colleague(n) };
}

/** Every row of the world, every column any variant reads, as the server gets them (in parent-first order). */
export function worldRows(world: World): Record<SliceTable, Row[]> {
  const ref = (n: number | null, id: (n: number) => string): string | null => (n === null ? null : id(n));
  return {
    account: Array.from({ length: ACCOUNTS }, (_, n) => ({ accountid: accountId(n), name: `Account ${n}`, description: `about ${n}`, telephone1: `555-010${n}`, [OWNER]: colleague(n) })),
    msdyn_workorder: world.workOrders.map((account, n) => ({
      msdyn_workorderid: workOrderId(n),
      msdyn_name: `WO-${n}`,
      [WORK_ORDER_ACCOUNT]: ref(account, accountId),
      msdyn_instructions: `instructions ${n}`,
      msdyn_city: `City ${n}`,
      [OWNER]: colleague(n),
    })),
    contact: world.contacts.map((account, n) => ({ contactid: contactId(n), fullname: `Contact ${n}`, [CONTACT_ACCOUNT]: ref(account, accountId), jobtitle: `title ${n}`, telephone1: `555-020${n}`, [OWNER]: colleague(n) })),
    bookableresourcebooking: world.bookings.map((b, n) => bookingRow(bookingId(n), n, b.mine, workOrderId(b.workOrder))),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The oracle's slice: the chain in plain TS over the server's rows.

const lower = (value: unknown): string | null => (typeof value === 'string' ? value.toLowerCase() : null);

/** Each table's slice by id: my bookings → the work orders they point at → those accounts → their contacts. */
export function expectedSlice(rows: Readonly<Record<SliceTable, readonly Row[]>>, contacts: boolean): Record<SliceTable, Set<string>> {
  const ids = (table: SliceTable, keep: (row: Row) => boolean): Set<string> =>
    new Set(rows[table].filter(keep).map((row) => lower(row[primaryIdOf(table)]) ?? ''));
  const bookings = ids('bookableresourcebooking', (b) => lower(b[OWNER]) === ME.toLowerCase());
  const wanted = new Set(rows.bookableresourcebooking.filter((b) => bookings.has(lower(b.bookableresourcebookingid) ?? '')).map((b) => lower(b[BOOKING_WORK_ORDER])));
  const workOrders = ids('msdyn_workorder', (w) => wanted.has(lower(w.msdyn_workorderid)));
  const served = new Set(rows.msdyn_workorder.filter((w) => workOrders.has(lower(w.msdyn_workorderid) ?? '')).map((w) => lower(w[WORK_ORDER_ACCOUNT])));
  const accounts = ids('account', (a) => served.has(lower(a.accountid)));
  const contactIds = contacts ? ids('contact', (c) => accounts.has(lower(c[CONTACT_ACCOUNT]) ?? '')) : new Set<string>();
  return { bookableresourcebooking: bookings, msdyn_workorder: workOrders, account: accounts, contact: contactIds };
}

// ---------------------------------------------------------------------------------------------------------------
// Steps.

export type SliceStep =
  /** Server: a booking changes owner (me ↔ a colleague): it enters or leaves, its work order, account, contacts follow. */
  | { kind: 'owner'; booking: number; mine: boolean }
  /** Server: a booking points at another work order. */
  | { kind: 'repointBooking'; booking: number; workOrder: number }
  /** Server: a work order points at another account (or none). */
  | { kind: 'repointWorkOrder'; workOrder: number; account: number | null }
  /** Server: a contact moves to another account (or none). */
  | { kind: 'repointContact'; contact: number; account: number | null }
  /** Server: a work order or an account is deleted; its children stay on the server, pointing at nothing. */
  | { kind: 'deleteParent'; table: 'msdyn_workorder' | 'account'; row: number }
  /** Server: someone creates a booking, mine or a colleague's. */
  | { kind: 'createBooking'; mine: boolean; workOrder: number }
  /** Device: `engine.offline.updateRecord` of a row the device holds, in a column no server step writes. */
  | { kind: 'deviceEdit'; table: SliceTable; row: number; value: number }
  /** The same, then at once a server step that makes that row leave the slice: the edit must still upload. */
  | { kind: 'editThenLeave'; table: SliceTable; row: number; value: number; via: number }
  /** The maker republishes: the engine restarts on the same device database with another profile variant. */
  | { kind: 'republish'; variant: number }
  | { kind: 'fault'; fault: Fault; aim?: Aim }
  | { kind: 'restart' }
  | { kind: 'network'; online: boolean }
  | { kind: 'sync' }
  | { kind: 'wait'; ms: number };

export interface SliceSchedule {
  world: World;
  /** The profile variant the device starts with. */
  variant: number;
  steps: SliceStep[];
}

export interface SliceScheduleOptions {
  faults: readonly Fault[];
  aims?: readonly Aim[];
  waits: readonly number[];
  /** Off while the engine mishandles a republish (see the test files' flags). */
  republish: boolean;
}

export function sliceStepArbitrary(options: SliceScheduleOptions): fc.Arbitrary<SliceStep> {
  const pick = fc.nat(60);
  const table = fc.constantFrom(...SLICE_TABLES);
  const account = fc.option(fc.nat(ACCOUNTS - 1), { freq: 6 });
  const fault = fc.constantFrom(...options.faults);
  const faultStep: fc.Arbitrary<SliceStep> = options.aims
    ? fc.record({ kind: fc.constant('fault' as const), fault, aim: fc.constantFrom(...options.aims) })
    : fc.record({ kind: fc.constant('fault' as const), fault });
  const steps: { weight: number; arbitrary: fc.Arbitrary<SliceStep> }[] = [
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('owner' as const), booking: pick, mine: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('repointBooking' as const), booking: pick, workOrder: pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('repointWorkOrder' as const), workOrder: pick, account }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repointContact' as const), contact: pick, account }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteParent' as const), table: fc.constantFrom('msdyn_workorder' as const, 'account' as const), row: pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('createBooking' as const), mine: fc.boolean(), workOrder: pick }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('deviceEdit' as const), table, row: pick, value: fc.nat(999) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('editThenLeave' as const), table, row: pick, value: fc.nat(999), via: pick }) },
    { weight: 3, arbitrary: faultStep },
    { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('network' as const), online: fc.boolean() }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(...options.waits) }) },
  ];
  if (options.republish) steps.push({ weight: 2, arbitrary: fc.record({ kind: fc.constant('republish' as const), variant: fc.nat(VARIANTS - 1) }) });
  return fc.oneof(...steps);
}

export function sliceScheduleArbitrary(options: SliceScheduleOptions): fc.Arbitrary<SliceSchedule> {
  return fc.record({ world: worldArbitrary, variant: fc.nat(VARIANTS - 1), steps: fc.array(sliceStepArbitrary(options), { minLength: 4, maxLength: 20 }) });
}

// ---------------------------------------------------------------------------------------------------------------
// Targets and the runner.

/** One stack (in-memory or over HTTP) as a slice schedule drives it. Ids are lower-case. */
export interface SliceTarget {
  readonly engine: SyncEngine;
  listOutbox(): Promise<OutboxEntry[]>;
  listErrors(): Promise<SyncErrorRecord[]>;
  /** The ids the device's store holds for a table, whether or not the current profile has it. */
  deviceIds(table: SliceTable): Promise<string[]>;
  deviceRow(table: SliceTable, id: string): Promise<Row | null>;
  /** Every server row of the table, every column (never subject to the faults). */
  serverRows(table: SliceTable): Promise<Row[]>;
  serverCreate(table: SliceTable, row: Row): Promise<void>;
  serverEdit(table: SliceTable, id: string, changes: Row): Promise<void>;
  serverDelete(table: SliceTable, id: string): Promise<void>;
  inject(fault: Fault, aim?: Aim): Promise<void>;
  clearFaults(): Promise<void>;
  /** dispose + a new engine on the same device database, with `profile` when given (a republish). */
  restart(profile?: OfflineProfile): Promise<void>;
  setOnline(online: boolean): void;
  wait(ms: number): Promise<void>;
  now(): number;
  close(): Promise<void>;
}

/** Builds the world on an empty server and starts the engine with `profile` (its first download included). */
export type StartSliceTarget = (rows: Record<SliceTable, Row[]>, profile: OfflineProfile) => Promise<SliceTarget>;

/** What the schedules exercised, for the summary line. */
export interface SliceStats {
  schedules: number;
  republishes: number;
  /** Device edits whose row left the slice right after, with the edit still queued. */
  leftWithQueuedChange: number;
  /** Rows whose device edit met a server delete (before it was made or while it waited): Record Not Found, discarded. */
  editsOfDeletedRows: number;
  /** Rows in the device's last slice and not its first, or the reverse, summed over schedules (net, not every move). */
  slicesMoved: number;
}

export const emptyStats = (): SliceStats => ({ schedules: 0, republishes: 0, leftWithQueuedChange: 0, editsOfDeletedRows: 0, slicesMoved: 0 });

export interface SliceCheck {
  /**
   * Tables whose device ids must equal the slice: every profile table, or (where the engine filters on the device
   * and a known bug keeps it from following parents) only the owner-filtered bookings.
   */
  exactTables: 'all' | 'owner-filtered';
}

/** The runner's own account of the server (what it changed) and of the device's edits. */
class Model {
  readonly server: Record<SliceTable, Map<string, Row>>;
  /** table:id → column → the value the device wrote last. */
  readonly edits = new Map<string, Map<string, string>>();
  /** table:id of device edits that can never land: the row was deleted on the server before they uploaded. */
  readonly doomed = new Set<string>();
  readonly deleted = new Set<string>();
  created = 0;
  edited = 0;

  constructor(
    rows: Record<SliceTable, Row[]>,
    public variant: number,
  ) {
    const byId = (table: SliceTable): Map<string, Row> => new Map(rows[table].map((r) => [String(r[primaryIdOf(table)]), { ...r }]));
    this.server = { bookableresourcebooking: byId('bookableresourcebooking'), msdyn_workorder: byId('msdyn_workorder'), account: byId('account'), contact: byId('contact') };
  }

  ids(table: SliceTable): string[] {
    return [...this.server[table].keys()].sort();
  }

  slice(): Record<SliceTable, Set<string>> {
    const rows = (t: SliceTable): Row[] => [...this.server[t].values()];
    return expectedSlice({ bookableresourcebooking: rows('bookableresourcebooking'), msdyn_workorder: rows('msdyn_workorder'), account: rows('account'), contact: rows('contact') }, true);
  }
}

const keyOf = (table: string, id: string): string => `${table}:${id.toLowerCase()}`;
const at = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** `expectTruthfulStatus` reads only the engine, the outbox and the error list, which a slice target has too. */
const statusView = (target: SliceTarget): ScheduleTarget => target as unknown as ScheduleTarget;

/**
 * Runs one schedule: builds the world, starts the engine, applies the steps (checking after each that the status
 * tells the truth about the store), then stops the faults, settles what is held, syncs, and checks the device
 * against the oracle.
 */
export async function runSliceSchedule(start: StartSliceTarget, schedule: SliceSchedule, check: SliceCheck, stats: SliceStats): Promise<void> {
  const rows = worldRows(schedule.world);
  const model = new Model(rows, schedule.variant);
  const target = await start(rows, profileOf(schedule.variant));
  try {
    const before = await deviceSlice(target);
    for (const step of schedule.steps) {
      await apply(target, step, model, stats);
      await expectTruthfulStatus(statusView(target));
    }
    await finalSync(target, model);
    await expectExact(target, model, check);
    const after = await deviceSlice(target);
    stats.editsOfDeletedRows += model.doomed.size;
    stats.slicesMoved += SLICE_TABLES.reduce((sum, t) => sum + symmetricDifference(before[t], after[t]), 0);
    stats.schedules++;
  } finally {
    await target.close();
  }
}

async function deviceSlice(target: SliceTarget): Promise<Record<SliceTable, Set<string>>> {
  const entries = await Promise.all(SLICE_TABLES.map(async (t) => [t, new Set(await target.deviceIds(t))] as const));
  return Object.fromEntries(entries) as Record<SliceTable, Set<string>>;
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  return [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
}

async function apply(target: SliceTarget, step: SliceStep, model: Model, stats: SliceStats): Promise<void> {
  switch (step.kind) {
    case 'owner': {
      const id = at(model.ids('bookableresourcebooking'), step.booking);
      if (id) await serverEdit(target, model, 'bookableresourcebooking', id, { [OWNER]: step.mine ? ME : colleague(step.booking) });
      return;
    }
    case 'repointBooking': {
      const id = at(model.ids('bookableresourcebooking'), step.booking);
      const workOrder = at(model.ids('msdyn_workorder'), step.workOrder);
      if (id && workOrder) await serverEdit(target, model, 'bookableresourcebooking', id, { [BOOKING_WORK_ORDER]: workOrder });
      return;
    }
    case 'repointWorkOrder': {
      const id = at(model.ids('msdyn_workorder'), step.workOrder);
      if (id) await serverEdit(target, model, 'msdyn_workorder', id, { [WORK_ORDER_ACCOUNT]: parentAt(model, step.account) });
      return;
    }
    case 'repointContact': {
      const id = at(model.ids('contact'), step.contact);
      if (id) await serverEdit(target, model, 'contact', id, { [CONTACT_ACCOUNT]: parentAt(model, step.account) });
      return;
    }
    case 'deleteParent': {
      const id = at(model.ids(step.table), step.row);
      if (id) await serverDelete(target, model, step.table, id);
      return;
    }
    case 'createBooking': {
      const n = 1_000 + model.created++;
      const row = bookingRow(bookingId(n), n, step.mine, at(model.ids('msdyn_workorder'), step.workOrder) ?? null);
      await target.serverCreate('bookableresourcebooking', row);
      model.server.bookableresourcebooking.set(bookingId(n), row);
      return;
    }
    case 'deviceEdit':
      await deviceEdit(target, model, step.table, step.row, step.value);
      return;
    case 'editThenLeave': {
      const id = await deviceEdit(target, model, step.table, step.row, step.value);
      if (id && (await leave(target, model, step.table, id, step.via))) stats.leftWithQueuedChange++;
      return;
    }
    case 'republish':
      model.variant = step.variant;
      stats.republishes++;
      await target.restart(profileOf(step.variant));
      return;
    case 'fault':
      await target.inject(step.fault, step.aim);
      return;
    case 'restart':
      await target.restart();
      return;
    case 'network':
      target.setOnline(step.online);
      return;
    case 'sync':
      await target.engine.syncNow().catch(() => undefined);
      return;
    case 'wait':
      await target.wait(step.ms);
  }
}

/** An account of the world still on the server, or none. */
function parentAt(model: Model, n: number | null): string | null {
  return n === null ? null : (at(model.ids('account'), n) ?? null);
}

async function serverEdit(target: SliceTarget, model: Model, table: SliceTable, id: string, changes: Row): Promise<void> {
  const row = model.server[table].get(id);
  if (!row) return;
  await target.serverEdit(table, id, changes);
  model.server[table].set(id, { ...row, ...changes });
}

async function serverDelete(target: SliceTarget, model: Model, table: SliceTable, id: string): Promise<void> {
  await target.serverDelete(table, id);
  model.server[table].delete(id);
  model.deleted.add(keyOf(table, id));
  // A change still queued for the row will meet a 404.
  if ((await target.listOutbox()).some((e) => e.table === table && e.rowId.toLowerCase() === id)) model.doomed.add(keyOf(table, id));
}

/** Edits a row the device holds (the `row`-th of its ids); answers its id, or undefined when there was none. */
async function deviceEdit(target: SliceTarget, model: Model, table: SliceTable, n: number, value: number): Promise<string | undefined> {
  if (!profileTables(variantOf(model.variant)).includes(table)) return undefined;
  const id = at((await target.deviceIds(table)).sort(), n);
  if (!id) return undefined;
  const column = TABLES[table].editColumn;
  const text = `device ${value} #${model.edited++}`;
  await target.engine.offline.updateRecord(table, id, { [column]: text });
  const key = keyOf(table, id);
  const edits = model.edits.get(key) ?? new Map<string, string>();
  edits.set(column, text);
  model.edits.set(key, edits);
  if (!model.server[table].has(id.toLowerCase())) model.doomed.add(key);
  return id.toLowerCase();
}

/**
 * Server steps that take a row out of the slice (as the model sees the server): a booking goes to a colleague; a
 * work order's bookings of mine go to a colleague or to another work order; an account's work orders in the slice
 * move to other accounts; a contact moves to an account outside the slice (or none). Answers whether it changed
 * anything.
 */
async function leave(target: SliceTarget, model: Model, table: SliceTable, id: string, via: number): Promise<boolean> {
  const slice = model.slice();
  if (!slice[table].has(id)) return false;
  const rows = (t: SliceTable): Row[] => [...model.server[t].values()];
  const edits: [SliceTable, string, Row][] = [];
  switch (table) {
    case 'bookableresourcebooking':
      edits.push([table, id, { [OWNER]: colleague(via) }]);
      break;
    case 'msdyn_workorder': {
      const others = model.ids('msdyn_workorder').filter((w) => w !== id);
      for (const b of rows('bookableresourcebooking')) {
        if (!slice.bookableresourcebooking.has(String(b.bookableresourcebookingid)) || lower(b[BOOKING_WORK_ORDER]) !== id) continue;
        const elsewhere = via % 2 === 0 ? at(others, via) : undefined;
        edits.push(['bookableresourcebooking', String(b.bookableresourcebookingid), elsewhere ? { [BOOKING_WORK_ORDER]: elsewhere } : { [OWNER]: colleague(via) }]);
      }
      break;
    }
    case 'account': {
      const others = model.ids('account').filter((a) => a !== id);
      for (const w of rows('msdyn_workorder')) {
        if (!slice.msdyn_workorder.has(String(w.msdyn_workorderid)) || lower(w[WORK_ORDER_ACCOUNT]) !== id) continue;
        edits.push(['msdyn_workorder', String(w.msdyn_workorderid), { [WORK_ORDER_ACCOUNT]: at(others, via) ?? null }]);
      }
      break;
    }
    case 'contact':
      edits.push([table, id, { [CONTACT_ACCOUNT]: at(model.ids('account').filter((a) => !slice.account.has(a)), via) ?? null }]);
  }
  for (const [t, rowId, changes] of edits) await serverEdit(target, model, t, rowId, changes);
  return edits.length > 0;
}

/**
 * The network comes back and the faults still armed fire (a sync, then a minute of automatic passes); then faults
 * stop, the user discards the edits of rows deleted on the server (Record Not Found: nothing to upload them to) and
 * retries anything else held; backoff runs out; a sync runs.
 */
async function finalSync(target: SliceTarget, model: Model): Promise<void> {
  target.setOnline(true);
  await target.engine.syncNow().catch(() => undefined);
  await target.wait(60_000);
  await target.clearFaults();
  const reported = new Set<string>();
  for (let round = 0; round < 5; round++) {
    for (const error of target.engine.getStatus().errors) {
      const key = keyOf(error.table, error.rowId);
      if (error.code === 'record-not-found' && model.doomed.has(key)) {
        reported.add(key);
        await target.engine.discardError(error.id);
      } else await target.engine.retryError(error.id);
    }
    const due = Math.max(0, ...(await target.listOutbox()).map((e) => e.notBefore ?? 0));
    await target.wait(Math.max(0, due - target.now()) + 1);
    await target.engine.syncNow().catch(() => undefined);
    const status = target.engine.getStatus();
    if (status.pendingCount === 0 && status.errors.length === 0) break;
  }
  await target.engine.syncNow();
  await expectTruthfulStatus(statusView(target));
  // Every change that could not land was reported, none silently dropped.
  expect([...model.doomed].filter((key) => !reported.has(key))).toEqual([]);
}

const normalise = (value: unknown): unknown => (value === undefined ? null : typeof value === 'string' && /^[0-9A-F-]{36}$/i.test(value) ? value.toLowerCase() : value);

function pickColumns(row: Row | null | undefined, columns: readonly string[]): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(columns.map((c) => [c, normalise(row[c])]));
}

/** The device against the oracle, reading the server's rows afresh. */
async function expectExact(target: SliceTarget, model: Model, check: SliceCheck): Promise<void> {
  const status = target.engine.getStatus();
  expect({ pending: status.pendingCount, outbox: (await target.listOutbox()).length, errors: status.errors }).toEqual({ pending: 0, outbox: 0, errors: [] });

  const variant = variantOf(model.variant);
  const inProfile = profileTables(variant);
  const entries = await Promise.all(SLICE_TABLES.map(async (t) => [t, await target.serverRows(t)] as const));
  const server = Object.fromEntries(entries) as Record<SliceTable, Row[]>;
  const expected = expectedSlice(server, variant.contacts);
  for (const table of SLICE_TABLES) {
    const device = (await target.deviceIds(table)).map((id) => id.toLowerCase()).sort();
    // A table the profile no longer has leaves the device; an exact table holds its slice, no more, no less.
    const exact = !inProfile.includes(table) || check.exactTables === 'all' || table === 'bookableresourcebooking';
    if (exact) expect({ table, ids: device }).toEqual({ table, ids: [...expected[table]].sort() });
    if (!inProfile.includes(table)) continue;
    const columns = profileColumns(table, variant);
    const byId = new Map(server[table].map((r) => [String(r[primaryIdOf(table)]).toLowerCase(), r]));
    for (const id of device) {
      const serverRow = byId.get(id);
      if (!serverRow && !exact) continue; // a row the device filter has not let go of yet: nothing to compare
      expect({ table, id, row: pickColumns(await target.deviceRow(table, id), columns) }).toEqual({ table, id, row: pickColumns(serverRow, columns) });
    }
  }
  // Every device edit of a row the server still has is on the server, including rows that left the slice.
  for (const [key, edits] of model.edits) {
    if (model.deleted.has(key)) continue;
    const [table, id] = key.split(':') as [SliceTable, string];
    const row = server[table].find((r) => String(r[primaryIdOf(table)]).toLowerCase() === id);
    expect({ key, values: pickColumns(row, [...edits.keys()]) }).toEqual({ key, values: Object.fromEntries(edits) });
  }
}
