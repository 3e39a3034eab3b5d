import type { ConvergenceModel } from './ConvergenceModel';
import type { ScheduleTarget } from './faultSchedule';

/**
 * When the change queued after the confirmation reaches the store: `beforeClear`, deterministically between the
 * confirmation and the store's clear (a target without `beforeNextClear` races it instead); `racing`, at once,
 * racing the reset however the engine's awaits fall.
 */
export type LateChange = 'beforeClear' | 'racing';

export interface ResetStep {
  kind: 'reset';
  name: string;
  late: LateChange;
}

/**
 * The user confirms a reset naming the changes queued now; app code (or another tab) creates a row meanwhile; the
 * app is then killed and reopened. Either the reset went through — exactly the confirmed changes are gone — or it
 * was refused with `queue-changed` because the late change reached the store first, and nothing is gone. Either
 * way the late change is still queued after the restart. The model follows what happened: after a reset the device
 * holds none of its own changes, so every row is expected as the server has it then.
 */
export async function applyReset(target: ScheduleTarget, step: ResetStep, model: ConvergenceModel, ids: string[]): Promise<void> {
  const confirmed = target.engine.listPending().map((e) => e.seq);
  const name = `r${step.name}`;
  let created: { id: string } | undefined;
  const createLate = async (): Promise<void> => {
    created = await target.engine.offline.createRecord('account', { name });
  };
  let late: Promise<void> | undefined;
  if (step.late === 'beforeClear' && target.beforeNextClear) target.beforeNextClear(createLate);
  const resetting = target.engine.reset({ force: true, discarding: confirmed }).then(
    () => 'reset' as const,
    (error: unknown) => {
      if ((error as { code?: unknown }).code === 'queue-changed') return 'refused' as const;
      throw error;
    },
  );
  if (step.late === 'racing' || !target.beforeNextClear) late = createLate();
  const outcome = await resetting;
  await late;
  if (!created) throw new Error('the late change was never queued');
  const outbox = await target.listOutbox();
  const kept = new Set(outbox.map((e) => e.seq));
  // What the engine shows must be the store's, even with the late change landing right after the clear.
  expect(target.engine.listPending().map((e) => e.seq)).toEqual([...kept]);
  expect(outbox.some((e) => e.rowId === created?.id && e.op === 'create')).toBe(true);
  expect({ outcome, confirmedKept: confirmed.filter((seq) => kept.has(seq)) }).toEqual({ outcome, confirmedKept: outcome === 'reset' ? [] : confirmed });
  const serverBefore = await target.serverRows();
  await target.restart();
  // Killed and reopened (a start online uploads at once): the late change is still queued, or on the server.
  const { id } = created;
  const queued = (await target.listOutbox()).some((e) => e.rowId === id);
  expect(queued || (await target.serverRow(id)) !== null).toBe(true);
  if (outcome === 'reset') model.reset(new Map(serverBefore.map((r) => [String(r.accountid), r])));
  ids.push(id);
  model.deviceWrite(id, { name }, false, null);
}
