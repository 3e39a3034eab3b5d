import { RejectedError } from '../../SyncEngine/contracts/errors';
import type { SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { accountId, makeEngine, runFor } from '../support/engineFixture';

describe('notices follow the status', () => {
  it('takes the error notice down once its error is discarded, and counts what is still active', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new RejectedError('A business rule said no', { status: 400 }), new RejectedError('No again', { status: 400 }));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'One' });
    await h.engine.offline.updateRecord('account', accountId(2), { name: 'Two' });
    await runFor(h, 5_000);
    expect(h.engine.getStatus().notice).toEqual({ kind: 'error', code: 'rejected', count: 2 });

    const [first, second] = h.engine.getStatus().errors;
    await h.engine.discardError(first.id);
    expect(h.engine.getStatus().notice).toEqual({ kind: 'error', code: 'rejected', count: 1 });
    await h.engine.discardError(second.id);
    expect(h.engine.getStatus().notice).toBeNull();
  });

  it('takes the error notice down once a retried change uploads', async () => {
    const h = await makeEngine();
    h.remote.uploadFailures.push(new RejectedError('A business rule said no', { status: 400 }));
    await h.engine.offline.updateRecord('account', accountId(1), { name: 'One' });
    await runFor(h, 5_000);
    expect(h.engine.getStatus().notice?.kind).toBe('error');
    await h.engine.retryError(h.engine.getStatus().errors[0].id);
    await runFor(h, 5_000);
    expect(h.engine.getStatus().errors).toEqual([]);
    expect(h.engine.getStatus().notice).toBeNull();
    expect(h.remote.row('account', accountId(1))?.name).toBe('One');
  });

  it('says "Updating data…" for the whole of Refresh all, from before its first request', async () => {
    const h = await makeEngine();
    const seen: SyncStatus[] = [];
    h.engine.subscribe((s) => seen.push(s));
    const fetchPage = h.remote.fetchPage.bind(h.remote);
    const atFirstRequest: (string | null)[] = [];
    h.remote.fetchPage = (request) => {
      atFirstRequest.push(h.engine.getStatus().notice?.kind ?? null);
      return fetchPage(request);
    };
    await h.engine.refreshAll();
    expect(atFirstRequest.length).toBeGreaterThan(0);
    expect(atFirstRequest.every((kind) => kind === 'updating')).toBe(true);
    expect(seen.filter((s) => s.phase.kind === 'downloading').every((s) => s.notice?.kind === 'updating')).toBe(true);
    expect(h.engine.getStatus().notice).toBeNull();
  });
});
