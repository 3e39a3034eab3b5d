import type { SyncErrorRecord } from '../../SyncEngine/contracts/rows';
import type { ContractContext } from './fixtures';
import { SCHEMA, account, accounts, download, entry, ids, localUpdate, meta } from './fixtures';

function syncError(id: string, extra: Partial<SyncErrorRecord> = {}): SyncErrorRecord {
  return { id, table: 'account', rowId: 'a-1', action: 'update', errorType: 0, code: 'conflict', message: 'm', time: 1, state: 'active', ...extra };
}

/** Metadata, the sync error list, settings values, reset, and what survives a restart. */
export function describeLedgerContract(ctx: ContractContext): void {
  describe('metadata, errors, values', () => {
    it('stores, replaces and lists table metadata, answering null for a table never synced', async () => {
      expect(await ctx.store.getMeta('account')).toBeNull();
      await ctx.store.putMeta(meta('account', 1));
      await ctx.store.putMeta(meta('account', 2, { lastErrorCode: 'network', lastSyncedAt: 5 }));
      await ctx.store.putMeta(meta('contact', 1));
      expect(await ctx.store.getMeta('account')).toEqual(meta('account', 2, { lastErrorCode: 'network', lastSyncedAt: 5 }));
      expect((await ctx.store.listMeta()).map((m) => m.table).sort()).toEqual(['account', 'contact']);
    });

    it('keeps the sync error list by id: put replaces, delete removes', async () => {
      await ctx.store.putError(syncError('e-1'));
      await ctx.store.putError(syncError('e-2', { deviceVersion: account('a-1'), outboxSeq: 3 }));
      await ctx.store.putError(syncError('e-1', { state: 'resolved' }));
      await ctx.store.deleteError('e-missing');
      const listed = await ctx.store.listErrors();
      expect(listed.sort((a, b) => a.id.localeCompare(b.id))).toEqual([syncError('e-1', { state: 'resolved' }), syncError('e-2', { deviceVersion: account('a-1'), outboxSeq: 3 })]);
      await ctx.store.deleteError('e-1');
      expect((await ctx.store.listErrors()).map((e) => e.id)).toEqual(['e-2']);
    });

    it('keeps settings values of any JSON shape, answering undefined for a key never set', async () => {
      expect(await ctx.store.getValue('missing')).toBeUndefined();
      await ctx.store.setValue('wifiOnly', true);
      await ctx.store.setValue('settings', { mode: 'online', tables: ['a'], n: null });
      await ctx.store.setValue('wifiOnly', false);
      expect(await ctx.store.getValue<boolean>('wifiOnly')).toBe(false);
      expect(await ctx.store.getValue('settings')).toEqual({ mode: 'online', tables: ['a'], n: null });
    });

    it('clears rows, outbox, metadata, errors and values, and works normally afterwards', async () => {
      await download(ctx.store, 'account', accounts(600));
      await ctx.store.writeLocal(localUpdate('account', account('a-1'), { name: 'changed' }));
      await ctx.store.putError(syncError('e-1'));
      await ctx.store.setValue('k', 1);
      await ctx.store.clear();
      // A host that owns the rows removes them itself (the mobile player's reconfigure); its store keeps them.
      const rowsLeft = ctx.capabilities.hostRows ? 600 : 0;
      expect(await ctx.store.getRow('account', 'a-2') === null).toBe(rowsLeft === 0);
      expect(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 0 } })).toHaveLength(rowsLeft / 2);
      expect((await ctx.store.tableStats('account')).rows).toBe(rowsLeft);
      if (rowsLeft === 0) expect(await ctx.store.tableStats('account')).toEqual({ rows: 0, bytes: 0 });
      expect(await ctx.store.listOutbox()).toEqual([]);
      expect(await ctx.store.listMeta()).toEqual([]);
      expect(await ctx.store.listErrors()).toEqual([]);
      expect(await ctx.store.getValue('k')).toBeUndefined();
      await download(ctx.store, 'account', [account('a-1', { name: 'after' })]);
      expect((await ctx.store.getRow('account', 'a-1'))?.name).toBe('after');
      expect((await ctx.store.tableStats('account')).rows).toBe(rowsLeft || 1);
    });

    it('keeps the values a reset is told to keep, in the same reset', async () => {
      await ctx.store.setValue('identity', { id: 'db-1' });
      await ctx.store.setValue('other', 1);
      await ctx.store.clear({ keepValues: ['identity', 'never-set'] });
      expect(await ctx.store.getValue('identity')).toEqual({ id: 'db-1' });
      expect(await ctx.store.getValue('other')).toBeUndefined();
      expect(await ctx.store.getValue('never-set')).toBeUndefined();
    });

    it('refuses a reset confirmed for some changes when others were queued since, and clears nothing', async () => {
      await download(ctx.store, 'account', accounts(3));
      const confirmed = await ctx.store.writeLocal(localUpdate('account', account('a-1'), { name: 'confirmed' }));
      const later = await ctx.store.writeLocal(localUpdate('account', account('a-2'), { name: 'queued after' }));
      await ctx.store.setValue('k', 1);
      await expect(ctx.store.clear({ discarding: [confirmed.seq] })).rejects.toMatchObject({ code: 'queue-changed' });
      expect(await ctx.store.listOutbox()).toEqual([confirmed, later]);
      expect(await ctx.store.getValue('k')).toBe(1);
      expect((await ctx.store.getRow('account', 'a-2'))?.name).toBe('queued after');
      await ctx.store.clear({ discarding: [confirmed.seq, later.seq] });
      expect(await ctx.store.listOutbox()).toEqual([]);
    });

    if (ctx.capabilities.reopen) {
      const reopen = ctx.capabilities.reopen;
      it('still has everything after the store is closed and opened again', async () => {
        await download(ctx.store, 'account', accounts(1100));
        await ctx.store.applyPage('account', { rows: [account('a-3', { name: 'delta' })], deletedIds: ['a-4'], generation: 1 }, meta('account', 1, { deltaLink: 'd' }));
        const local = await ctx.store.writeLocal(localUpdate('account', account('a-5'), { name: 'mine', statecode: 1 }));
        await ctx.store.putError(syncError('e-1'));
        await ctx.store.setValue('k', { v: 1 });
        const stats = await ctx.store.tableStats('account');
        ctx.store.close();
        ctx.store = await reopen();
        await ctx.store.open(SCHEMA);
        expect(await ctx.store.tableStats('account')).toEqual(stats);
        expect((await ctx.store.getRow('account', 'a-3'))?.name).toBe('delta');
        expect(await ctx.store.getRow('account', 'a-4')).toBeNull();
        expect(await ctx.store.listOutbox()).toEqual([local]);
        expect(await ctx.store.getMeta('account')).toEqual(meta('account', 1, { deltaLink: 'd' }));
        expect((await ctx.store.listErrors()).map((e) => e.id)).toEqual(['e-1']);
        expect(await ctx.store.getValue('k')).toEqual({ v: 1 });
        expect(ids(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 1 }, limit: 2000 }))).toHaveLength(549);
        await ctx.store.applyPage('account', { rows: [account('a-5', { name: 'theirs' })], deletedIds: [], generation: 1 }, meta('account', 1));
        expect((await ctx.store.getRow('account', 'a-5'))?.name).toBe('mine');
        const next = await ctx.store.writeLocal({ table: 'account', rowId: 'a-6', row: null, entry: entry('account', 'a-6', { op: 'delete' }) });
        expect(next.seq).toBeGreaterThan(local.seq);
      });
    }
  });
}
