import { ETAG } from '../../SyncEngine/contracts/rows';
import type { ContractContext } from './fixtures';
import { account, accounts, download, entry, ids, localCreate, localUpdate, meta } from './fixtures';

/** Applying pages next to local changes, and removing what a new full download no longer brings. */
export function describeDownloadContract(ctx: ContractContext): void {
  describe('downloads', () => {
    it('saves the table metadata together with the page', async () => {
      const saved = meta('account', 3, { resumeLink: 'next', rowsInProgress: 1 });
      await ctx.store.applyPage('account', { rows: [account('a-1')], deletedIds: [], generation: 3 }, saved);
      expect(await ctx.store.getMeta('account')).toEqual(saved);
    });

    it('leaves rows with outbox entries as they are on the device, whether the page changes or deletes them', async () => {
      await download(ctx.store, 'account', [account('a-1'), account('a-2'), account('a-3')]);
      const mine = account('a-1', { name: 'mine' });
      await ctx.store.writeLocal(localUpdate('account', account('a-1'), { name: 'mine' }));
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-2', row: null, entry: entry('account', 'a-2', { op: 'delete' }) });
      await ctx.store.applyPage(
        'account',
        { rows: [account('a-1', { name: 'theirs' }), account('a-2', { name: 'theirs' }), account('a-3', { name: 'theirs' })], deletedIds: [], generation: 1 },
        meta('account', 1),
      );
      await ctx.store.applyPage('account', { rows: [], deletedIds: ['a-1'], generation: 1 }, meta('account', 1));
      expect(await ctx.store.getRow('account', 'a-1')).toEqual(mine);
      expect(await ctx.store.getRow('account', 'a-2')).toBeNull();
      expect((await ctx.store.getRow('account', 'a-3'))?.name).toBe('theirs');
    });

    it('lets a page replace a local row again once its outbox entry uploaded', async () => {
      await download(ctx.store, 'account', [account('a-1')]);
      const { seq } = await ctx.store.writeLocal(localUpdate('account', account('a-1'), { name: 'mine' }));
      await ctx.store.completeOutbox(seq, 'W/"2"');
      await download(ctx.store, 'account', [account('a-1', { name: 'server', [ETAG]: 'W/"3"' })]);
      expect(await ctx.store.getRow('account', 'a-1')).toMatchObject({ name: 'server', [ETAG]: 'W/"3"' });
    });

    if (ctx.capabilities.hostRows) {
      it('leaves removing stale rows to the host: removeStale removes nothing and saves the metadata', async () => {
        await download(ctx.store, 'account', accounts(10), 1);
        const done = meta('account', 2, { initialComplete: true, deltaLink: 'delta' });
        expect(await ctx.store.removeStale('account', 2, done)).toBe(0);
        expect(await ctx.store.getMeta('account')).toEqual(done);
        expect((await ctx.store.tableStats('account')).rows).toBe(10);
      });
      return;
    }

    it('removes rows written by older generations, answers how many, and saves the metadata', async () => {
      await download(ctx.store, 'account', accounts(1200), 1);
      await download(ctx.store, 'account', accounts(1200).slice(0, 500), 2);
      await ctx.store.applyPage('account', { rows: [account('a-900')], deletedIds: [], generation: 2 }, meta('account', 2));
      const done = meta('account', 2, { initialComplete: true, deltaLink: 'delta' });
      expect(await ctx.store.removeStale('account', 2, done)).toBe(699);
      expect(await ctx.store.getMeta('account')).toEqual(done);
      expect(await ctx.store.getRow('account', 'a-499')).not.toBeNull();
      expect(await ctx.store.getRow('account', 'a-900')).not.toBeNull();
      expect(await ctx.store.getRow('account', 'a-500')).toBeNull();
      expect(await ctx.store.getRow('account', 'a-1199')).toBeNull();
      expect((await ctx.store.tableStats('account')).rows).toBe(501);
      expect(await ctx.store.queryRows('account', {})).toHaveLength(501);
    });

    it('keeps stale rows that have outbox entries', async () => {
      await download(ctx.store, 'account', accounts(600), 1);
      await ctx.store.writeLocal(localUpdate('account', account('a-10'), { name: 'pending' }));
      await ctx.store.writeLocal(localCreate('account', account('n-1')));
      expect(await ctx.store.removeStale('account', 2, meta('account', 2))).toBe(599);
      expect((await ctx.store.getRow('account', 'a-10'))?.name).toBe('pending');
      expect(await ctx.store.getRow('account', 'n-1')).toMatchObject({ accountid: 'n-1' });
      expect(await ctx.store.tableStats('account')).toMatchObject({ rows: 2 });
    });

    it('counts a row written on the device as of the download under way when its last change uploaded', async () => {
      await download(ctx.store, 'account', accounts(3), 1);
      // Uploaded between downloads: a server row of generation 1, which the next full download must bring to keep.
      const edited = await ctx.store.writeLocal(localUpdate('account', account('a-1'), { name: 'edited' }));
      const created = await ctx.store.writeLocal(localCreate('account', account('n-1')));
      await ctx.store.completeOutbox(edited.seq, 'W/"5"');
      await ctx.store.completeOutbox(created.seq);
      // Uploaded while the full download of generation 2 was under way (its first page already stored).
      await download(ctx.store, 'account', [account('a-0')], 2);
      const late = await ctx.store.writeLocal(localCreate('account', account('n-2')));
      await ctx.store.completeOutbox(late.seq, 'W/"6"');
      expect(await ctx.store.removeStale('account', 2, meta('account', 2))).toBe(3);
      expect(ids(await ctx.store.queryRows('account', {}))).toEqual(['a-0', 'n-2']);
      expect(await ctx.store.getRow('account', 'n-2')).toMatchObject({ [ETAG]: 'W/"6"' });
    });

    it('judges a row replaced after a conflict by the download that wrote it', async () => {
      await download(ctx.store, 'account', [account('a-1'), account('a-2')], 1);
      await ctx.store.replaceRow('account', 'a-1', account('a-1', { name: 'server version' }));
      await download(ctx.store, 'account', [account('a-2')], 2);
      expect(await ctx.store.removeStale('account', 2, meta('account', 2))).toBe(1);
      expect(await ctx.store.getRow('account', 'a-1')).toBeNull();
    });

    it('does not bring back a row a delta deleted when stale rows go', async () => {
      await download(ctx.store, 'account', accounts(600), 1);
      await download(ctx.store, 'account', accounts(600), 2);
      await ctx.store.applyPage('account', { rows: [], deletedIds: ['a-5'], generation: 2 }, meta('account', 2));
      expect(await ctx.store.removeStale('account', 2, meta('account', 2))).toBe(0);
      expect(await ctx.store.getRow('account', 'a-5')).toBeNull();
      expect((await ctx.store.tableStats('account')).rows).toBe(599);
    });

    it('removes nothing when every row belongs to the current generation', async () => {
      await download(ctx.store, 'account', accounts(10), 4);
      expect(await ctx.store.removeStale('account', 4, meta('account', 4))).toBe(0);
      expect(await ctx.store.removeStale('contact', 4, meta('contact', 4))).toBe(0);
      expect((await ctx.store.tableStats('account')).rows).toBe(10);
    });
  });
}
