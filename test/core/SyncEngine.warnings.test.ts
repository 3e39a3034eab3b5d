import { NetworkError, ServerBusyError, ServerError } from '../../SyncEngine/contracts/errors';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const codes = (h: { engine: { getStatus(): { warnings: readonly { code: string }[] } } }): string[] => h.engine.getStatus().warnings.map((w) => w.code);

describe('the stall warning says only what is true', () => {
  it('raises no stall warning in on-demand mode, however long queued changes wait: nothing is meant to sync', async () => {
    const h = await makeEngine();
    await h.engine.updateUserSettings({ onDemand: true });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Manual' });
    await runFor(h, 30 * MINUTE);
    expect(h.engine.getStatus().warnings).toEqual([]);
    expect(h.engine.getStatus().iconState).toBe('pendingUpload');
  });

  it('raises no stall warning while Wi-Fi only waits out a cellular link; it says it is waiting for Wi-Fi instead', async () => {
    const h = await makeEngine({ maker: { allowWifiOnly: true } });
    await h.engine.updateUserSettings({ wifiOnly: true });
    h.host.set({ connection: 'cellular' });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Later' });
    await runFor(h, 30 * MINUTE);
    expect(codes(h)).toEqual(['wifi-only-waiting']);
    expect(h.engine.getStatus().iconState).toBe('warning');
  });

  it('counts only the time sync was allowed: after Wi-Fi returns, the stall clock starts again', async () => {
    const h = await makeEngine({ maker: { allowWifiOnly: true }, options: { stallAfterMs: MINUTE } });
    await h.engine.updateUserSettings({ wifiOnly: true });
    h.host.set({ connection: 'cellular' });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Stuck' });
    await runFor(h, 10 * MINUTE);
    h.remote.uploadFailures.push(...Array.from({ length: 50 }, () => new NetworkError('reset')));
    h.host.set({ connection: 'wifi' });
    await runFor(h, 30_000);
    expect(codes(h)).not.toContain('stalled');
    await runFor(h, 31_000);
    expect(codes(h)).toContain('stalled');
  });

  it('takes a stall warning back when the user switches to on-demand', async () => {
    const h = await makeEngine({ options: { stallAfterMs: MINUTE } });
    h.remote.uploadFailures.push(...Array.from({ length: 50 }, () => new NetworkError('reset')));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Stuck' });
    await runFor(h, 61_000);
    expect(codes(h)).toContain('stalled');
    await h.engine.updateUserSettings({ onDemand: true });
    expect(codes(h)).not.toContain('stalled');
  });
});

describe('waiting for Wi-Fi', () => {
  async function onCellularWithWifiOnly() {
    const h = await makeEngine({ maker: { allowWifiOnly: true } });
    await h.engine.updateUserSettings({ wifiOnly: true });
    h.host.set({ connection: 'cellular' });
    await runFor(h, 0);
    return h;
  }

  it('is not shown on cellular while nothing is queued and nothing is due', async () => {
    const h = await onCellularWithWifiOnly();
    expect(h.engine.getStatus().warnings).toEqual([]);
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('is shown as soon as a change is queued on cellular, and cleared when Wi-Fi arrives and the change uploads', async () => {
    const h = await onCellularWithWifiOnly();
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Later' });
    expect(h.engine.getStatus().warnings).toEqual([expect.objectContaining({ code: 'wifi-only-waiting', since: h.host.now() })]);
    h.host.set({ connection: 'wifi' });
    expect(h.engine.getStatus().warnings).toEqual([]);
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Later');
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('is shown when a table falls due on cellular, with no change queued', async () => {
    const h = await onCellularWithWifiOnly();
    await runFor(h, 59 * MINUTE);
    expect(h.engine.getStatus().warnings).toEqual([]);
    await runFor(h, 2 * MINUTE);
    expect(codes(h)).toEqual(['wifi-only-waiting']);
  });

  it('is cleared when the user turns Wi-Fi only off, and the change then uploads on cellular', async () => {
    const h = await onCellularWithWifiOnly();
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Now' });
    expect(codes(h)).toEqual(['wifi-only-waiting']);
    await h.engine.updateUserSettings({ wifiOnly: false });
    expect(h.engine.getStatus().warnings).toEqual([]);
    await runFor(h, 5_000);
    expect(h.remote.row('account', accountId(1))?.name).toBe('Now');
  });

  it('is not shown in on-demand mode, where nothing waits for a connection', async () => {
    const h = await onCellularWithWifiOnly();
    await h.engine.updateUserSettings({ onDemand: true });
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Manual' });
    await runFor(h, 2 * HOUR);
    expect(h.engine.getStatus().warnings).toEqual([]);
  });
});

describe('uploads that fail and are retried', () => {
  it('shows a retrying warning with the next try time after the first failed attempt, and clears it when the change uploads', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new ServerError('boom', { status: 500 }), new ServerError('boom', { status: 503 }));
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Retry me' });
    await runFor(h, 2_500);
    const [entry] = h.engine.listPending();
    expect(entry.attempts).toBe(1);
    const status = h.engine.getStatus();
    expect(status.iconState).toBe('warning');
    expect(status.warnings).toEqual([expect.objectContaining({ code: 'retrying', failingChanges: 1, nextAttemptAt: entry.notBefore })]);
    expect(status.pendingCount).toBe(1);

    await runFor(h, 2_000);
    const [again] = h.engine.listPending();
    expect(again.attempts).toBe(2);
    expect(h.engine.getStatus().warnings).toEqual([expect.objectContaining({ code: 'retrying', nextAttemptAt: again.notBefore })]);

    await runFor(h, 60_000);
    expect(h.remote.row('account', accountId(3))?.name).toBe('Retry me');
    expect(h.engine.getStatus().warnings).toEqual([]);
    expect(h.engine.getStatus().iconState).toBe('connected');
  });

  it('counts every change whose last attempt failed, and names the earliest next try', async () => {
    const h = await makeEngine({ options: { uploadBatchSize: 10 } });
    h.remote.uploadFailures.push(new ServerError('boom', { status: 500 }), new ServerError('boom', { status: 500 }));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'One' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Two' });
    await h.engine.offline.updateRecord('account', accountId(3), { name: 'Three' });
    await runFor(h, 2_500);
    const failing = h.engine.listPending().filter((e) => e.attempts > 0);
    expect(failing).toHaveLength(2);
    const [warning] = h.engine.getStatus().warnings;
    expect(warning).toMatchObject({ code: 'retrying', failingChanges: 2, nextAttemptAt: Math.min(...failing.map((e) => e.notBefore ?? Infinity)) });
    expect(h.remote.row('account', accountId(3))?.name).toBe('Three');
  });

  it('turns into a sync error, not a warning, once the change is quarantined', async () => {
    const h = await makeEngine({ options: { maxAttempts: 2 } });
    h.remote.uploadFailures.push(new ServerError('boom', { status: 500 }), new ServerError('boom', { status: 500 }));
    await h.engine.offline.updateRecord('account', accountId(4), { name: 'Poison' });
    await runFor(h, 10 * MINUTE);
    const status = h.engine.getStatus();
    expect(status.warnings.map((w) => w.code)).not.toContain('retrying');
    expect(status.iconState).toBe('error');
  });

  it('says when a pass that failed as a whole tries again', async () => {
    const h = await makeEngine();
    h.remote.failures.push(new ServerError('boom', { status: 500 }));
    await expect(h.engine.syncNow()).rejects.toMatchObject({ code: 'server' });
    const [warning] = h.engine.getStatus().warnings;
    expect(warning.code).toBe('retrying');
    expect(warning.nextAttemptAt).toBeGreaterThan(h.host.now());
    expect(warning.failingChanges).toBeUndefined();
  });

  it('says when a busy server will be asked again, from its Retry-After', async () => {
    const h = await makeEngine();
    h.remote.failures.push(new ServerBusyError('429', { status: 429, retryAfterMs: 30_000 }));
    await expect(h.engine.syncNow()).rejects.toMatchObject({ code: 'server-busy' });
    expect(h.engine.getStatus().warnings).toEqual([expect.objectContaining({ code: 'server-busy', nextAttemptAt: h.host.now() + 30_000 })]);
  });

  it('lists the most important warning first: failing uploads before a stall', async () => {
    const h = await makeEngine({ options: { stallAfterMs: MINUTE, maxAttempts: 50 } });
    h.remote.uploadFailures.push(...Array.from({ length: 50 }, () => new ServerError('boom', { status: 500 })));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'Stuck' });
    await runFor(h, 2 * MINUTE);
    expect(codes(h)).toEqual(['retrying', 'stalled']);
  });
});
