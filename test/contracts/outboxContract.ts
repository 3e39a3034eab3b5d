import { ETAG } from '../../SyncEngine/contracts/rows';
import type { ContractContext } from './fixtures';
import { account, download, entry, localCreate, localUpdate } from './fixtures';

/** Local writes and the outbox that carries them to the server. */
export function describeOutboxContract(ctx: ContractContext): void {
  describe('outbox', () => {
    /** Renames a row, first putting it on the device when it is not there yet. */
    async function edit(rowId: string, name: string, extra = {}): Promise<number> {
      const before = (await ctx.store.getRow('account', rowId)) ?? (await download(ctx.store, 'account', [account(rowId)]), account(rowId));
      const written = await ctx.store.writeLocal(localUpdate('account', before, { name }, extra));
      return written.seq;
    }

    it('writes the local row and answers its entry with a strictly increasing seq', async () => {
      await download(ctx.store, 'account', [account('a-1')]);
      const update = localUpdate('account', account('a-1'), { name: 'x' }, { baseEtag: 'W/"1"' });
      const first = await ctx.store.writeLocal(update);
      const created = { accountid: 'n-1', name: 'New', statecode: 0 };
      const second = await ctx.store.writeLocal(localCreate('account', created));
      expect(first).toEqual({ ...update.entry, seq: first.seq });
      expect(second.seq).toBeGreaterThan(first.seq);
      expect((await ctx.store.getRow('account', 'a-1'))?.name).toBe('x');
      expect(await ctx.store.getRow('account', 'n-1')).toEqual(created);
    });

    it('lists entries in seq order, whatever table or row they belong to', async () => {
      const seqs = [await edit('b', '1'), await edit('a', '2'), await edit('b', '3')];
      await ctx.store.writeLocal({ table: 'contact', rowId: 'c', row: null, entry: entry('contact', 'c', { op: 'delete' }) });
      const listed = await ctx.store.listOutbox();
      expect(listed.map((e) => e.rowId)).toEqual(['b', 'a', 'b', 'c']);
      expect(listed.slice(0, 3).map((e) => e.seq)).toEqual(seqs);
    });

    it('runs calls made without waiting as if one followed the other', async () => {
      await download(ctx.store, 'account', [0, 1, 2, 3].map((i) => account(`r-${i}`)));
      const writes = Array.from({ length: 20 }, (_, i) => ctx.store.writeLocal(localUpdate('account', account(`r-${i % 4}`), { name: `v${i}` })));
      const page = ctx.store.applyPage('account', { rows: [account('r-0', { name: 'server' })], deletedIds: [], generation: 1 }, { table: 'account', generation: 1, initialComplete: false });
      const written = await Promise.all(writes);
      await page;
      expect(written.map((e) => e.seq)).toEqual([...written.map((e) => e.seq)].sort((a, b) => a - b));
      expect(new Set(written.map((e) => e.seq)).size).toBe(20);
      expect((await ctx.store.listOutbox()).map((e) => e.seq)).toEqual(written.map((e) => e.seq));
      expect((await ctx.store.getRow('account', 'r-0'))?.name).toBe('v16');
      expect((await ctx.store.tableStats('account')).rows).toBe(4);
    });

    it('removes the row when a local write deletes it, and queues the delete', async () => {
      await download(ctx.store, 'account', [account('a-1')]);
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-1', row: null, entry: entry('account', 'a-1', { op: 'delete' }) });
      expect(await ctx.store.getRow('account', 'a-1')).toBeNull();
      expect((await ctx.store.listOutbox()).map((e) => e.op)).toEqual(['delete']);
    });

    it('keeps attachments and nested data of an entry exactly', async () => {
      const attachment = { column: 'entityimage', fileName: 'a.png', mimeType: 'image/png', base64: 'iVBORw0KGgo=' };
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-1', row: account('a-1'), entry: entry('account', 'a-1', { op: 'imageAdd', attachment, recordName: 'Ä', data: { n: { deep: [1, null] } } }) });
      expect((await ctx.store.listOutbox())[0]).toMatchObject({ attachment, recordName: 'Ä', data: { n: { deep: [1, null] } } });
    });

    it('updates an entry in place, and does not bring back an entry that is gone', async () => {
      const seq = await edit('a-1', 'x');
      const [stored] = await ctx.store.listOutbox();
      await ctx.store.updateOutbox({ ...stored, attempts: 2, state: 'failed', notBefore: 5000, lastErrorCode: 'network' });
      expect(await ctx.store.listOutbox()).toEqual([{ ...stored, attempts: 2, state: 'failed', notBefore: 5000, lastErrorCode: 'network' }]);
      await ctx.store.completeOutbox(seq);
      await ctx.store.updateOutbox({ ...stored, attempts: 3 });
      expect(await ctx.store.listOutbox()).toEqual([]);
    });

    it('completes an entry: stores the new etag on the row and as baseEtag of later entries of that row only', async () => {
      const first = await edit('a-1', 'one', { baseEtag: 'W/"1"' });
      await edit('a-1', 'two', { baseEtag: 'W/"1"' });
      await edit('a-2', 'other', { baseEtag: 'W/"1"' });
      await ctx.store.completeOutbox(first, 'W/"2"');
      const rest = await ctx.store.listOutbox();
      expect(rest.map((e) => [e.rowId, e.baseEtag])).toEqual([['a-1', 'W/"2"'], ['a-2', 'W/"1"']]);
      // A host that owns the rows refreshes their etags on its own sync.
      const rowEtag = ctx.capabilities.hostRows ? 'W/"1"' : 'W/"2"';
      expect(await ctx.store.getRow('account', 'a-1')).toMatchObject({ name: 'two', [ETAG]: rowEtag });
      expect((await ctx.store.getRow('account', 'a-2'))?.[ETAG]).toBe('W/"1"');
    });

    it('completes an entry without an etag by removing it and leaving the row alone', async () => {
      const seq = await edit('a-1', 'one');
      await ctx.store.completeOutbox(seq);
      expect(await ctx.store.listOutbox()).toEqual([]);
      expect(await ctx.store.getRow('account', 'a-1')).toEqual(account('a-1', { name: 'one' }));
      await ctx.store.completeOutbox(seq, 'W/"9"');
      expect((await ctx.store.getRow('account', 'a-1'))?.[ETAG]).toBe('W/"1"');
    });

    it('completes the delete of a row without bringing the row back', async () => {
      await download(ctx.store, 'account', [account('a-1')]);
      const { seq } = await ctx.store.writeLocal({ table: 'account', rowId: 'a-1', row: null, entry: entry('account', 'a-1', { op: 'delete' }) });
      await ctx.store.completeOutbox(seq, 'W/"2"');
      expect(await ctx.store.getRow('account', 'a-1')).toBeNull();
    });

    it('discards an entry, keeping, replacing or removing the local row as asked', async () => {
      await download(ctx.store, 'account', [account('a-1'), account('a-2'), account('a-3')]);
      const keep = await edit('a-1', 'kept');
      const replace = await edit('a-2', 'mine');
      const remove = await edit('a-3', 'mine');
      await ctx.store.discardOutbox(keep);
      await ctx.store.discardOutbox(replace, account('a-2', { name: 'server' }));
      await ctx.store.discardOutbox(remove, null);
      await ctx.store.discardOutbox(12345, null);
      expect(await ctx.store.listOutbox()).toEqual([]);
      expect((await ctx.store.getRow('account', 'a-1'))?.name).toBe('kept');
      expect((await ctx.store.getRow('account', 'a-2'))?.name).toBe('server');
      expect(await ctx.store.getRow('account', 'a-3')).toBeNull();
    });
  });
}
