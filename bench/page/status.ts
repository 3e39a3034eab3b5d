import { deviceIds } from './deviceIds';
import { engineFor } from './engineStack';
import { summarize, timeRuns } from './measure';
import type { EmulatorTarget, TimingSummary } from './types';

export interface StatusCost {
  pendingCount: number;
  /** One publish (what every status change costs: table statuses, outbox counts, snapshot, equality) + getters, per call. */
  publish: TimingSummary;
  /** `updateRecord` of one more row until the status shows it, read through `pendingCount` and `iconState`. */
  afterChange: TimingSummary;
}

/** Where the next queued change goes: rows in download order, so the engine's chunk cache stays warm. */
let nextRow = 0;

const PUBLISH_CALLS_PER_RUN = 100;

/**
 * Queues local edits until `target` rows have changes waiting. Edits go in batches: the engine serialises them
 * anyway, and a batch saves a round trip through the page's event loop per edit.
 */
export async function queueChanges(key: string, emulator: EmulatorTarget, target: number): Promise<number> {
  const engine = engineFor(key);
  const { refs } = await deviceIds(emulator);
  // The pending count counts rows, so it can never pass the rows there are: fail rather than loop.
  if (target > refs.length) throw new Error(`Cannot queue changes on ${target} rows: the device has ${refs.length}.`);
  while (engine.getStatus().pendingCount < target) {
    const batch = Math.min(200, target - engine.getStatus().pendingCount);
    const edits = Array.from({ length: batch }, () => refs[nextRow++ % refs.length]);
    await Promise.all(edits.map((ref) => engine.offline.updateRecord(ref.table, ref.id, { statuscode: 2 })));
  }
  return engine.getStatus().pendingCount;
}

/** The cost of deriving the status with whatever is queued now. */
export async function measureStatus(key: string, emulator: EmulatorTarget): Promise<StatusCost> {
  const engine = engineFor(key);
  const { refs } = await deviceIds(emulator);
  const pendingCount = engine.getStatus().pendingCount;
  // dismissNotice() is the public door to the publish path (there is no notice, so listeners stay quiet); one
  // call takes microseconds, under the page's timer resolution, so each run times a hundred.
  const perRun: number[] = [];
  for (let run = 0; run < 200; run++) {
    const start = performance.now();
    for (let call = 0; call < PUBLISH_CALLS_PER_RUN; call++) {
      engine.dismissNotice();
      const status = engine.getStatus();
      if (status.pendingCount < 0 || status.iconState === 'syncing') throw new Error('unexpected status');
    }
    perRun.push((performance.now() - start) / PUBLISH_CALLS_PER_RUN);
  }
  const afterChange = await timeRuns(50, async () => {
    const ref = refs[nextRow++ % refs.length];
    const before = engine.getStatus().pendingCount;
    await engine.offline.updateRecord(ref.table, ref.id, { statuscode: 2 });
    const status = engine.getStatus();
    if (status.pendingCount !== before + 1 || status.iconState !== 'pendingUpload') throw new Error(`status did not follow: ${status.iconState}`);
  });
  return { pendingCount, publish: summarize(perRun), afterChange };
}
