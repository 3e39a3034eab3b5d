import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { NetworkError, ServerBusyError } from '../../SyncEngine/contracts/errors';
import { DEFAULT_MAKER_SETTINGS, DEFAULT_USER_SETTINGS } from '../../SyncEngine/contracts/profile';
import type { OutboxEntry } from '../../SyncEngine/contracts/rows';
import { EngineState } from '../../SyncEngine/core/EngineState';
import { PassScheduler } from '../../SyncEngine/core/sync/PassScheduler';
import { StallWatchdog } from '../../SyncEngine/core/sync/StallWatchdog';
import type { SyncRequest } from '../../SyncEngine/core/sync/SyncRequest';
import { FakeHost } from '../support/FakeHost';

function setup(active = true): { host: FakeHost; state: EngineState; scheduler: PassScheduler; runs: SyncRequest[] } {
  const host = new FakeHost();
  const state = new EngineState(DEFAULT_PROFILE, DEFAULT_MAKER_SETTINGS, host, DEFAULT_USER_SETTINGS);
  // Every table downloaded just now: only queued changes or a retry make a pass due soon.
  for (const table of DEFAULT_PROFILE.tables) state.meta.set(table.logicalName, { table: table.logicalName, generation: 1, initialComplete: true, lastSyncedAt: host.now() });
  const runs: SyncRequest[] = [];
  const scheduler = new PassScheduler({
    host,
    state,
    watchdog: new StallWatchdog(state, host, 60 * 60_000),
    uploadDebounceMs: 2_000,
    active: () => active,
    running: () => false,
    run: (request) => runs.push(request),
  });
  return { host, state, scheduler, runs };
}

function queue(state: EngineState, host: FakeHost): void {
  const entry = { seq: 1, table: 'account', rowId: 'a', op: 'update', values: { name: 'x' }, createdAt: host.now(), attempts: 0, state: 'pending' } as unknown as OutboxEntry;
  state.ledger.add(entry);
}

describe('PassScheduler', () => {
  it('runs queued changes once the user pauses (the upload debounce)', async () => {
    const { host, state, scheduler, runs } = setup();
    queue(state, host);
    scheduler.uploadSoon();
    scheduler.reschedule();
    await host.advance(1_999);
    expect(runs).toEqual([]);
    await host.advance(1);
    expect(runs).toEqual([{ kind: 'auto' }]);
  });

  it("waits the server's Retry-After whole, even when the device comes back online meanwhile", async () => {
    const { host, state, scheduler, runs } = setup();
    queue(state, host);
    scheduler.uploadNow();
    scheduler.passFailed(new ServerBusyError('busy', { status: 429, retryAfterMs: 30_000 }), { kind: 'syncNow' });
    expect(state.hasWarning('server-busy')).toBe(true);
    scheduler.backOnline();
    scheduler.reschedule();
    await host.advance(29_999);
    expect(runs).toEqual([]);
    await host.advance(1);
    // The user's request failed for a passing reason: it is what runs again.
    expect(runs).toEqual([{ kind: 'syncNow' }]);
  });

  it('drops its own backoff when the device comes back online', async () => {
    const { host, state, scheduler, runs } = setup();
    queue(state, host);
    scheduler.uploadNow();
    scheduler.passFailed(new NetworkError('down'), { kind: 'auto' });
    scheduler.reschedule();
    await host.advance(100);
    expect(runs).toEqual([]);
    scheduler.backOnline();
    scheduler.reschedule();
    await host.advance(0);
    expect(runs).toEqual([{ kind: 'auto' }]);
  });

  it('runs nothing by itself while the engine is not active', async () => {
    const { host, state, scheduler, runs } = setup(false);
    queue(state, host);
    scheduler.uploadNow();
    scheduler.reschedule();
    await host.advance(24 * 60 * 60_000);
    expect(runs).toEqual([]);
    expect(host.pendingTimers).toBe(0);
  });
});
