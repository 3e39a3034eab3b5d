import fc from 'fast-check';
import { fcSeed } from '../support/fcSeed';
import { NetworkError, PrivilegeError, ServerBusyError, ServerError, type SyncEngineError } from '../../SyncEngine/contracts/errors';
import type { OutboxEntry } from '../../SyncEngine/contracts/rows';
import type { IconState, SyncStatus } from '../../SyncEngine/contracts/SyncStatus';
import { accountId, makeEngine, runFor, type Harness } from '../support/engineFixture';

type Step =
  | { kind: 'edit'; row: number; name: string }
  | { kind: 'create'; name: string }
  | { kind: 'delete'; row: number }
  | { kind: 'network'; online: boolean }
  | { kind: 'fail'; error: 'server' | 'network' | 'busy' | 'privilege' }
  | { kind: 'serverEdit'; row: number; revenue: number }
  | { kind: 'wait'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), row: fc.nat(5), name: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('create' as const), name: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), row: fc.nat(5) }),
  fc.record({ kind: fc.constant('network' as const), online: fc.boolean() }),
  fc.record({ kind: fc.constant('fail' as const), error: fc.constantFrom('server' as const, 'network' as const, 'busy' as const, 'privilege' as const) }),
  fc.record({ kind: fc.constant('serverEdit' as const), row: fc.nat(5), revenue: fc.nat(1000) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(0, 1_000, 5_000, 60_000) }),
);

function failure(kind: 'server' | 'network' | 'busy' | 'privilege'): SyncEngineError {
  if (kind === 'server') return new ServerError('500', { status: 500 });
  if (kind === 'network') return new NetworkError('dropped');
  if (kind === 'busy') return new ServerBusyError('429', { status: 429, retryAfterMs: 30_000 });
  return new PrivilegeError('403', { status: 403 });
}

/** What the seed says the pending count is: distinct rows with row changes, plus files and images. */
function pendingOf(entries: OutboxEntry[]): number {
  const rows = new Set(entries.filter((e) => ['create', 'update', 'delete'].includes(e.op)).map((e) => e.rowId));
  return rows.size + entries.filter((e) => !['create', 'update', 'delete'].includes(e.op)).length;
}

function expectedIcon(s: SyncStatus): IconState {
  if (s.phase.kind !== 'idle') return 'syncing';
  if (s.connectivity !== 'online') return 'notConnected';
  if (s.errors.some((e) => e.state === 'active') || ['auth', 'privilege', 'config', 'rejected'].includes(s.lastFailureCode ?? '')) return 'error';
  if (s.warnings.length > 0) return 'warning';
  if (s.pendingCount > 0) return 'pendingUpload';
  return 'connected';
}

async function apply(h: Harness, s: Step, created: string[]): Promise<void> {
  const ignoreMissing = (e: unknown): void => {
    if (!(e instanceof Error) || !/Record Not Found/.test(e.message)) throw e;
  };
  switch (s.kind) {
    case 'edit':
      await h.engine.offline.updateRecord('account', accountId(s.row), { name: s.name }).catch(ignoreMissing);
      return;
    case 'create':
      created.push((await h.engine.offline.createRecord('account', { name: s.name })).id);
      return;
    case 'delete':
      await h.engine.offline.deleteRecord('account', accountId(s.row)).catch(ignoreMissing);
      return;
    case 'network':
      h.host.set({ online: s.online });
      return;
    case 'fail':
      h.remote.uploadFailures.push(failure(s.error));
      return;
    case 'serverEdit':
      if (h.remote.row('account', accountId(s.row))) h.remote.edit('account', accountId(s.row), { revenue: s.revenue });
      return;
    case 'wait':
      await runFor(h, s.ms);
  }
}

describe('the engine under random edits, network changes and server replies', () => {
  it('keeps the pending count truthful, loses nothing, applies nothing twice, and follows the icon precedence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const h = await makeEngine({ accounts: 6 });
        const applied = new Map<number, number>();
        const upload = h.remote.upload.bind(h.remote);
        h.remote.upload = async (request) => {
          const result = await upload(request);
          if (result.kind === 'ok') applied.set(request.entry.seq, (applied.get(request.entry.seq) ?? 0) + 1);
          return result;
        };
        const created: string[] = [];
        for (const s of steps) {
          await apply(h, s, created);
          const status = h.engine.getStatus();
          expect(status.pendingCount).toBe(pendingOf(await h.store.listOutbox()));
          expect(status.iconState).toBe(expectedIcon(status));
        }
        // Faults stop; the user retries what the server refused; a final sync runs.
        h.remote.uploadFailures.length = 0;
        h.host.set({ online: true });
        for (const error of h.engine.getStatus().errors) await h.engine.retryError(error.id);
        await runFor(h, 10 * 60_000);
        await h.engine.syncNow();

        expect(h.engine.getStatus().pendingCount).toBe(0);
        expect([...applied.values()].every((n) => n === 1)).toBe(true);
        const device = (await h.engine.offline.retrieveMultipleRecords('account')).entities;
        const server = h.remote.rows('account');
        const byId = (rows: typeof device): Record<string, unknown> =>
          Object.fromEntries(rows.map((r) => [String(r.accountid), { name: r.name, revenue: r.revenue }]));
        expect(byId(device)).toEqual(byId(server));
        h.engine.dispose();
      }),
      { numRuns: 60, ...fcSeed() },
    );
  });
});
