import type { SyncErrorRecord } from '../../SyncEngine/contracts/rows';
import { changeTrackingProblemId } from '../../SyncEngine/core/sync/SyncPass';
import { serverRows, startStack, type Stack } from './engineOverHttp';

/** Accounts are "all rows" in the stack's profile: the table change tracking serves, until it is off. */
const ACCOUNT_PROBLEM = changeTrackingProblemId('account');

async function deviceIds(stack: Stack, table: string, primaryId: string): Promise<string[]> {
  const { entities } = await stack.engine.offline.retrieveMultipleRecords(table, `?$select=${primaryId}`);
  return entities.map((row) => String(row[primaryId])).sort();
}

async function serverIds(stack: Stack, entitySet: string, primaryId: string): Promise<string[]> {
  return (await serverRows(stack.emulator, entitySet, `?$select=${primaryId}`)).map((row) => String(row[primaryId])).sort();
}

function trackingProblems(stack: Stack): SyncErrorRecord[] {
  return stack.engine.getStatus().errors.filter((e) => e.code === 'change-tracking-off');
}

async function setTracking(stack: Stack, enabled: boolean): Promise<void> {
  const response = await stack.admin('POST', 'changetracking', { entitySet: 'accounts', enabled });
  expect(response.status).toBe(200);
}

/** Every GET the engine sent, with its Prefer header (the stack's WebApiRemote calls the global fetch). */
const sent: { url: string; prefer: string }[] = [];
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    if ((init?.method ?? 'GET') === 'GET') sent.push({ url: decodeURIComponent(url), prefer: (init?.headers as Record<string, string> | undefined)?.Prefer ?? '' });
    return realFetch(input, init);
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

/** Account reads the engine sent since `from`. */
function accountReads(from: number): { url: string; prefer: string }[] {
  return sent.slice(from).filter((r) => /\/api\/data\/v9\.2\/accounts(\?|$)/.test(r.url));
}

describe("a table whose change tracking is off still syncs, by query, and says so", () => {
  let stack: Stack;
  afterEach(async () => {
    await stack.close();
  });

  it('syncs from the first sync without tracking, keeps edits and deletes exact, uploads, and returns to deltas once tracking is on', async () => {
    stack = await startStack({ rows: 300 });
    await setTracking(stack, false);
    await stack.engine.syncNow();
    const status = stack.engine.getStatus();
    expect(status.initialSyncComplete).toBe(true);
    expect(await deviceIds(stack, 'account', 'accountid')).toEqual(await serverIds(stack, 'accounts', 'accountid'));
    // The other tables are not held back by it.
    expect((await deviceIds(stack, 'contact', 'contactid')).length).toBeGreaterThan(0);
    expect(trackingProblems(stack)).toEqual([
      expect.objectContaining({ id: ACCOUNT_PROBLEM, table: 'account', code: 'change-tracking-off', action: 'download', state: 'active' }),
    ]);
    expect(trackingProblems(stack)[0].message).toContain('Track changes');

    // The server edits one account and deletes another; the device follows by query.
    const [edited, deleted, mine] = await deviceIds(stack, 'account', 'accountid');
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: edited, changes: { name: 'Edited while untracked' } });
    await stack.admin('POST', 'delete', { entitySet: 'accounts', id: deleted });
    await stack.engine.offline.updateRecord('account', mine, { telephone1: '555-0199' });
    const before = sent.length;
    await stack.engine.syncNow();
    expect(await deviceIds(stack, 'account', 'accountid')).toEqual(await serverIds(stack, 'accounts', 'accountid'));
    expect((await stack.engine.offline.retrieveRecord('account', edited)).name).toBe('Edited while untracked');
    const [uploaded] = await serverRows(stack.emulator, 'accounts', `?$filter=accountid eq ${mine}&$select=telephone1`);
    expect(uploaded.telephone1).toBe('555-0199');
    // No tracked request was tried again: the table stays on its query path until a Refresh.
    expect(accountReads(before).length).toBeGreaterThan(0);
    expect(accountReads(before).every((r) => !r.prefer.includes('odata.track-changes'))).toBe(true);
    expect(trackingProblems(stack)).toHaveLength(1);
    expect(stack.engine.getStatus().pendingCount).toBe(0);

    // The maker turns Track changes on; a Refresh finds it on, clears the entry and keeps a delta link again.
    await setTracking(stack, true);
    await stack.engine.refreshAll();
    expect(trackingProblems(stack)).toEqual([]);
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: edited, changes: { name: 'Edited while tracked' } });
    const tracked = sent.length;
    await stack.engine.syncNow();
    expect((await stack.engine.offline.retrieveRecord('account', edited)).name).toBe('Edited while tracked');
    expect(accountReads(tracked).some((r) => r.url.includes('deltatoken'))).toBe(true);
  });

  it('falls back when tracking is turned off after the first sync: the delta link fails once, the table comes down again, nothing queued is lost', async () => {
    stack = await startStack({ rows: 300 });
    await stack.engine.syncNow();
    expect(trackingProblems(stack)).toEqual([]);
    const [edited, mine] = await deviceIds(stack, 'account', 'accountid');
    await setTracking(stack, false);
    await stack.admin('POST', 'edit', { entitySet: 'accounts', id: edited, changes: { name: 'Edited after tracking went off' } });
    await stack.engine.offline.updateRecord('account', mine, { telephone1: '555-0142' });
    await stack.engine.syncNow();
    expect(stack.engine.getStatus().lastFailureCode).toBeUndefined();
    expect(await deviceIds(stack, 'account', 'accountid')).toEqual(await serverIds(stack, 'accounts', 'accountid'));
    expect((await stack.engine.offline.retrieveRecord('account', edited)).name).toBe('Edited after tracking went off');
    const [uploaded] = await serverRows(stack.emulator, 'accounts', `?$filter=accountid eq ${mine}&$select=telephone1`);
    expect(uploaded.telephone1).toBe('555-0142');
    expect(trackingProblems(stack)).toEqual([expect.objectContaining({ id: ACCOUNT_PROBLEM, table: 'account' })]);
    // The entry and the query path survive a restart.
    const engine = await stack.restart();
    await engine.syncNow();
    expect(engine.getStatus().errors.filter((e) => e.code === 'change-tracking-off')).toHaveLength(1);
    engine.dispose();
  });
});
