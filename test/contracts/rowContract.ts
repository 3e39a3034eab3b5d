import { ConfigError, MalformedResponseError } from '../../SyncEngine/contracts/errors';
import { ETAG } from '../../SyncEngine/contracts/rows';
import type { ContractContext } from './fixtures';
import { account, accounts, columnsOf, contact, download, entry, localCreate, meta } from './fixtures';

/** Reading, replacing and deleting rows, and the statistics that follow them. */
export function describeRowContract(ctx: ContractContext): void {
  describe('rows', () => {
    it('answers null for a row that is not on the device, in a known or unknown table', async () => {
      expect(await ctx.store.getRow('account', 'missing')).toBeNull();
      expect(await ctx.store.getRow('nosuchtable', 'missing')).toBeNull();
    });

    it('gives back a downloaded row with every value exactly as it was stored', async () => {
      const row = account('a-1', {
        revenue: 1234.5, donotemail: false, description: null, 'name@OData.Community.Display.V1.FormattedValue': 'Ünïcødé ✓',
        address: { line1: 'Main St', lines: ['x', 2, true] },
      });
      await download(ctx.store, 'account', [row]);
      expect(await ctx.store.getRow('account', 'a-1')).toEqual(row);
    });

    it('hands out copies, so changing a returned row does not change the stored one', async () => {
      await download(ctx.store, 'account', [account('a-1')]);
      const first = await ctx.store.getRow('account', 'a-1');
      if (first) first.name = 'mutated';
      expect((await ctx.store.getRow('account', 'a-1'))?.name).toBe('Account a-1');
    });

    it('replaces a row when a later page brings a new version, and removes the ids a page deletes', async () => {
      await download(ctx.store, 'account', [account('a-1'), account('a-2')]);
      await ctx.store.applyPage(
        'account',
        { rows: [account('a-1', { name: 'renamed', [ETAG]: 'W/"2"' })], deletedIds: ['a-2', 'never-there'], generation: 1 },
        meta('account', 1),
      );
      expect(await ctx.store.getRow('account', 'a-1')).toMatchObject({ name: 'renamed', [ETAG]: 'W/"2"' });
      expect(await ctx.store.getRow('account', 'a-2')).toBeNull();
    });

    it('reads every row of a page larger than a storage chunk, and deltas applied on top of it', async () => {
      await download(ctx.store, 'account', accounts(1200));
      await ctx.store.applyPage(
        'account',
        { rows: [account('a-7', { name: 'delta' }), account('new')], deletedIds: ['a-1100'], generation: 1 },
        meta('account', 1),
      );
      expect(await ctx.store.getRow('account', 'a-0')).toEqual(account('a-0', { statecode: 0 }));
      expect(await ctx.store.getRow('account', 'a-1199')).toEqual(account('a-1199', { statecode: 1 }));
      expect((await ctx.store.getRow('account', 'a-7'))?.name).toBe('delta');
      expect(await ctx.store.getRow('account', 'new')).not.toBeNull();
      expect(await ctx.store.getRow('account', 'a-1100')).toBeNull();
    });

    it('keeps tables apart', async () => {
      await download(ctx.store, 'account', [account('same')]);
      await download(ctx.store, 'contact', [contact('same')]);
      expect(await ctx.store.getRow('contact', 'same')).toEqual(contact('same'));
      expect(await ctx.store.getRow('account', 'same')).toEqual(account('same'));
    });

    it('counts rows and their JSON length in tableStats, following updates, deletes and local writes', async () => {
      // A host that owns the rows shares no sizes; its store counts rows and estimates bytes another way.
      const expectStats = async (expected: { rows: number; bytes: number }): Promise<void> => {
        const stats = await ctx.store.tableStats('account');
        if (ctx.capabilities.hostRows) expect(stats.rows).toBe(expected.rows);
        else expect(stats).toEqual(expected);
      };
      expect(await ctx.store.tableStats('account')).toEqual({ rows: 0, bytes: 0 });
      const rows = accounts(700);
      await download(ctx.store, 'account', rows);
      const size = (r: object): number => JSON.stringify(r).length;
      let bytes = rows.reduce((sum, r) => sum + size(r), 0);
      await expectStats({ rows: 700, bytes });

      const renamed = account('a-1', { statecode: 1, name: 'a much longer name than before' });
      await ctx.store.applyPage('account', { rows: [renamed], deletedIds: ['a-2'], generation: 1 }, meta('account', 1));
      bytes += size(renamed) - size(rows[1]) - size(rows[2]);
      await expectStats({ rows: 699, bytes });

      const local = account('local-1');
      await ctx.store.writeLocal(localCreate('account', local));
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-3', row: null, entry: entry('account', 'a-3', { op: 'delete' }) });
      bytes += size(local) - size(rows[3]);
      await expectStats({ rows: 699, bytes });
    });

    it('replaces or removes a row with replaceRow, outside the outbox', async () => {
      await download(ctx.store, 'account', [account('a-1'), account('a-2')]);
      await ctx.store.replaceRow('account', 'a-1', account('a-1', { name: 'server wins' }));
      await ctx.store.replaceRow('account', 'a-2', null);
      await ctx.store.replaceRow('account', 'a-3', account('a-3'));
      expect((await ctx.store.getRow('account', 'a-1'))?.name).toBe('server wins');
      expect(await ctx.store.getRow('account', 'a-2')).toBeNull();
      // A host that owns the rows keeps its own etags: only the columns are written to it.
      expect(await ctx.store.getRow('account', 'a-3')).toEqual(ctx.capabilities.hostRows ? columnsOf(account('a-3')) : account('a-3'));
      expect(await ctx.store.listOutbox()).toEqual([]);
    });

    it('rejects a page for a table outside the schema with ConfigError and changes nothing', async () => {
      await expect(download(ctx.store, 'nosuchtable', [account('a-1')])).rejects.toBeInstanceOf(ConfigError);
      expect(await ctx.store.getMeta('nosuchtable')).toBeNull();
    });

    // A host that owns the rows validates its own downloads; the engine never hands it pages.
    if (!ctx.capabilities.hostRows) {
      it('rejects a page holding a row without its primary id with MalformedResponseError and changes nothing', async () => {
        const bad = { name: 'no id' };
        await expect(download(ctx.store, 'account', [account('a-1'), bad])).rejects.toBeInstanceOf(MalformedResponseError);
        expect(await ctx.store.getRow('account', 'a-1')).toBeNull();
        expect(await ctx.store.getMeta('account')).toBeNull();
      });
    }

    it('rejects metadata of another table with ConfigError', async () => {
      await expect(
        ctx.store.applyPage('account', { rows: [], deletedIds: [], generation: 1 }, meta('contact', 1)),
      ).rejects.toBeInstanceOf(ConfigError);
      await expect(ctx.store.removeStale('account', 1, meta('contact', 1))).rejects.toBeInstanceOf(ConfigError);
    });
  });
}
