import fc from 'fast-check';
import type { OutboxEntry, Row, SyncErrorRecord } from '../../SyncEngine/contracts/rows';
import { ETAG } from '../../SyncEngine/contracts/rows';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { ConvergenceModel, type Values } from './ConvergenceModel';
import { pendingOf, waitingChange } from './pendingOf';
import { applyReset, type ResetStep } from './resetStep';

/**
 * Faults a schedule injects; each stack maps them onto what it can script. All but `outage` hit one call;
 * `outage`: the service refuses every connection while the device still reports a network, until the next wait
 * has passed.
 */
export type Fault = 'drop' | 'lostReply' | 'throttle' | 'unavailable' | 'server' | 'malformed' | 'pageDrop' | 'outage';

/**
 * Which request a fault lands on, for a stack that can aim it (over HTTP): the next health check, the next write
 * (one upload or a `$batch`), or the next page of a download. Without an aim a fault hits the next call, which is
 * nearly always the next pass's health check.
 */
export type Aim = 'ping' | 'write' | 'page';

export type Step =
  | { kind: 'create'; name: string }
  /** Someone else creates an account with a number, then the device creates one with the same number: refused. */
  | { kind: 'createClash'; name: string }
  | { kind: 'update'; row: number; column: 'name' | 'revenue'; value: number }
  | { kind: 'delete'; row: number }
  | { kind: 'serverEdit'; row: number; value: number }
  | { kind: 'fault'; fault: Fault; aim?: Aim }
  | { kind: 'expireTokens' }
  | { kind: 'restart' }
  /** Reset confirmed for the changes queued now, one more queued before the clear, then a restart (resetStep.ts). */
  | ResetStep
  | { kind: 'network'; online: boolean }
  | { kind: 'sync' }
  | { kind: 'wait'; ms: number };

/** One stack (in-memory or over HTTP) as a schedule drives it. The table is `account`; ids are lower-case. */
export interface ScheduleTarget {
  readonly engine: SyncEngine;
  listOutbox(): Promise<OutboxEntry[]>;
  /** The sync error list as the device's store holds it. */
  listErrors(): Promise<SyncErrorRecord[]>;
  /** Someone else creates a row on the server (never subject to the faults). */
  serverCreate(values: Values): Promise<void>;
  deviceRow(id: string): Promise<Row | null>;
  serverRow(id: string): Promise<Row | null>;
  /** Someone else's edit on the server; answers the server row after it. */
  serverEdit(id: string, changes: Values): Promise<Row>;
  inject(fault: Fault, aim?: Aim): Promise<void>;
  expireTokens(): Promise<void>;
  /** dispose + a new engine on the same device database. */
  restart(): Promise<void>;
  setOnline(online: boolean): void;
  /** Lets time pass (fake or real) so automatic passes and backoff run. */
  wait(ms: number): Promise<void>;
  /** The engine host's clock. */
  now(): number;
  clearFaults(): Promise<void>;
  serverRows(): Promise<Row[]>;
  /** Runs `work` once, inside the next `store.clear`, before it clears anything (optional: reset steps race instead). */
  beforeNextClear?(work: () => Promise<void>): void;
}

export interface ScheduleOptions {
  /** Seeded rows the steps address by index (created rows are added behind them). */
  seedIds: readonly string[];
  waits: readonly number[];
  faults: readonly Fault[];
  /**
   * Skip a device write to a row that already has a change waiting (used with detection on and lost answers): a lost
   * answer followed by another user's edit that leaves the same values cannot be told from our own write landing
   * (README, "Known limits").
   */
  oneWaitingChangePerRow: boolean;
  /** Where faults land, for a target that can aim them; absent, faults are not aimed. */
  aims?: readonly Aim[];
  /** Include reset steps (`ResetStep`); absent, a schedule never resets. */
  resets?: boolean;
}

export function stepArbitrary(options: Pick<ScheduleOptions, 'waits' | 'faults' | 'aims' | 'resets'>): fc.Arbitrary<Step> {
  const row = fc.nat(11);
  const fault = fc.constantFrom(...options.faults);
  const faultStep: fc.Arbitrary<Step> = options.aims
    ? fc.record({ kind: fc.constant('fault' as const), fault, aim: fc.constantFrom(...options.aims) })
    : fc.record({ kind: fc.constant('fault' as const), fault });
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), name: fc.string({ maxLength: 5 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('createClash' as const), name: fc.string({ maxLength: 5 }) }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('update' as const), row, column: fc.constantFrom('name' as const, 'revenue' as const), value: fc.nat(999) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), row }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('serverEdit' as const), row, value: fc.nat(999) }) },
    { weight: 4, arbitrary: faultStep },
    { weight: 1, arbitrary: fc.constant({ kind: 'expireTokens' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('network' as const), online: fc.boolean() }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(...options.waits) }) },
    ...(options.resets
      ? [{ weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const), name: fc.string({ maxLength: 5 }), late: fc.constantFrom('beforeClear' as const, 'racing' as const) }) }]
      : []),
  );
}

const COLUMNS = ['name', 'revenue'] as const;

/**
 * Runs one schedule, checking after every step that the status tells the truth about the store (pending count, error
 * list, icon); then stops the faults, retries held changes (discarding refused creates, as a user would), syncs, and
 * checks device and server converged to what the model expects.
 */
export async function runSchedule(target: ScheduleTarget, steps: readonly Step[], conflictDetection: boolean, options: ScheduleOptions): Promise<void> {
  const rows = new Map((await target.serverRows()).map((r) => [String(r.accountid), r]));
  const seed = new Map<string, Values>(options.seedIds.map((id) => [id, rows.get(id) ?? {}]));
  const model = new ConvergenceModel(conflictDetection, COLUMNS, seed);
  const ids = [...options.seedIds];
  for (const step of steps) {
    await apply(target, step, model, ids, options);
    await expectTruthfulStatus(target);
  }
  await finalSync(target);
  await expectConverged(target, model, ids);
}

async function apply(target: ScheduleTarget, step: Step, model: ConvergenceModel, ids: string[], options: ScheduleOptions): Promise<void> {
  const id = 'row' in step ? ids[step.row % ids.length] : '';
  switch (step.kind) {
    case 'create': {
      const created = await target.engine.offline.createRecord('account', { name: `c${step.name}` });
      ids.push(created.id);
      model.deviceWrite(created.id, { name: `c${step.name}` }, false, null);
      return;
    }
    case 'createClash': {
      // Unique within the schedule: the only row that can hold it is the one someone else just created.
      const accountnumber = `K-${String(ids.length)}-${String(target.now())}`;
      await target.serverCreate({ name: `o${step.name}`, accountnumber });
      const created = await target.engine.offline.createRecord('account', { name: `c${step.name}`, accountnumber });
      ids.push(created.id);
      model.refusedCreate(created.id);
      return;
    }
    case 'update':
    case 'delete':
      await deviceWrite(target, step, id, model, options);
      return;
    case 'serverEdit':
      await serverEdit(target, id, { name: `s${step.value}`, revenue: step.value }, model);
      return;
    case 'fault':
      await target.inject(step.fault, step.aim);
      return;
    case 'expireTokens':
      await target.expireTokens();
      return;
    case 'restart':
      await target.restart();
      return;
    case 'reset':
      await applyReset(target, step, model, ids);
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

async function deviceWrite(
  target: ScheduleTarget,
  step: Extract<Step, { kind: 'update' | 'delete' }>,
  id: string,
  model: ConvergenceModel,
  options: ScheduleOptions,
): Promise<void> {
  const device = await target.deviceRow(id);
  if (!device || model.isSettled(id)) return;
  const waiting = waitingChange(await target.listOutbox(), 'account', id);
  if (options.oneWaitingChangePerRow && waiting !== null) return;
  const server = await target.serverRow(id);
  // Stale: the server moved since the device last saw the row, so With If-Match the upload meets a 412.
  const deviceEtag = device[ETAG];
  const stale = typeof deviceEtag === 'string' && server !== null && server[ETAG] !== deviceEtag;
  if (step.kind === 'delete') {
    await target.engine.offline.deleteRecord('account', id);
    model.deviceWrite(id, null, stale, server);
    return;
  }
  const changes = step.column === 'name' ? { name: `d${step.value}` } : { revenue: step.value };
  await target.engine.offline.updateRecord('account', id, changes);
  model.deviceWrite(id, changes, stale, server);
}

async function serverEdit(target: ScheduleTarget, id: string, changes: Values, model: ConvergenceModel): Promise<void> {
  if (model.isSettled(id) || !(await target.serverRow(id))) return;
  const outbox = (await target.listOutbox()).filter((e) => e.table === 'account' && e.rowId === id);
  // A waiting create of a row the server already has landed once and lost its answer: its retry counts as done
  // without being applied again, so whether the device "wins" is a matter of timing. Leave such rows alone.
  if (outbox.some((e) => e.op === 'create')) return;
  const server = await target.serverEdit(id, changes);
  const detectable = outbox.some((e) => e.baseEtag !== undefined);
  model.serverEdit(id, waitingChange(outbox, 'account', id), server, detectable);
}

/**
 * The status tells the truth about what the store holds: the pending count and queue, the error list, and an icon
 * that says "error" exactly when the store holds active errors, and never "connected" while changes wait.
 */
export async function expectTruthfulStatus(target: ScheduleTarget): Promise<void> {
  const [outbox, storedErrors] = await Promise.all([target.listOutbox(), target.listErrors()]);
  const status = target.engine.getStatus();
  const pending = target.engine.listPending().map((e) => e.seq);
  const stored = outbox.map((e) => e.seq);
  const shown = errorKeys(status.errors);
  const kept = errorKeys(storedErrors);
  const icon = expectedIcon(status, pendingOf(outbox), storedErrors.filter((e) => e.state === 'active').length);
  // Checked after every step of thousands of schedules: `expect` costs more per call than the check, so it only
  // runs to report a mismatch.
  if (status.pendingCount === pendingOf(outbox) && pending.join() === stored.join() && shown === kept && icon.includes(status.iconState)) return;
  expect(status.pendingCount).toBe(pendingOf(outbox));
  expect(pending).toEqual(stored);
  expect(shown).toBe(kept);
  expect(icon).toContain(status.iconState);
}

function errorKeys(errors: readonly SyncErrorRecord[]): string {
  return errors
    .map((e) => `${e.id}:${e.code}:${e.rowId}:${e.state}`)
    .sort()
    .join();
}

/** The icon states the store's content allows; the status's own inputs decide only what the store cannot know. */
function expectedIcon(status: ReturnType<SyncEngine['getStatus']>, pending: number, activeErrors: number): string[] {
  if (status.isSyncing) return ['syncing'];
  if (status.connectivity !== 'online') return ['notConnected'];
  if (activeErrors > 0) return ['error'];
  // A pass that failed for good (a session or privilege problem) is an error without a row of its own.
  const alsoError = ['auth', 'privilege', 'config', 'rejected'].includes(status.lastFailureCode ?? '') ? ['error'] : [];
  return pending > 0 ? ['pendingUpload', 'warning', ...alsoError] : ['connected', 'warning', ...alsoError];
}

/** Faults stop; the user retries what the server held back (not conflicts: the server won those); a sync runs. */
async function finalSync(target: ScheduleTarget): Promise<void> {
  await target.clearFaults();
  target.setOnline(true);
  for (let round = 0; round < 4; round++) {
    for (const error of target.engine.getStatus().errors) {
      // A create the server refused as a duplicate stays refused: the user discards it (retry would meet it again).
      if (error.code === 'already-exists') await target.engine.discardError(error.id);
      else if (error.code !== 'conflict') await target.engine.retryError(error.id);
    }
    // A change backing off after a 5xx is not held, just not due yet: let its backoff run out.
    const due = Math.max(0, ...(await target.listOutbox()).map((e) => e.notBefore ?? 0));
    await target.wait(Math.max(0, due - target.now()) + 1);
    await target.engine.syncNow().catch(() => undefined);
    const status = target.engine.getStatus();
    if (status.pendingCount === 0 && status.errors.every((e) => e.code === 'conflict')) break;
  }
  await target.engine.syncNow();
  await expectTruthfulStatus(target);
}

async function expectConverged(target: ScheduleTarget, model: ConvergenceModel, ids: readonly string[]): Promise<void> {
  const status = target.engine.getStatus();
  expect(status.pendingCount).toBe(0);
  expect(status.errors.filter((e) => e.code !== 'conflict')).toEqual([]);
  const conflicted = new Set(status.errors.filter((e) => e.state === 'active').map((e) => e.rowId));
  expect([...conflicted].sort()).toEqual([...model.conflictedRows()].sort());

  const device = new Map((await target.engine.offline.retrieveMultipleRecords('account')).entities.map((r) => [String(r.accountid), model.pick(r)]));
  const server = new Map((await target.serverRows()).map((r) => [String(r.accountid), model.pick(r)]));
  expect(Object.fromEntries(device)).toEqual(Object.fromEntries(server));
  const expected = model.expected();
  for (const id of ids) {
    const want = expected.get(id);
    if (want === undefined) continue;
    expect({ id, row: server.get(id) ?? null }).toEqual({ id, row: want });
  }
}
