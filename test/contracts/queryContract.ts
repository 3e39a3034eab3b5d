import type { Row } from '../../SyncEngine/contracts/rows';
import type { ContractContext } from './fixtures';
import { account, accounts, contact, download, entry, ids, localCreate, localUpdate, meta } from './fixtures';

/** `queryRows`: `equals` through an index or by scanning, `where`, `limit`. */
export function describeQueryContract(ctx: ContractContext): void {
  describe('queryRows', () => {
    const parent = '_parentaccountid_value';

    async function seed(): Promise<Row[]> {
      const rows = accounts(1100).map((r, i) => ({ ...r, [parent]: i % 100 === 0 ? 'p-1' : null }));
      await download(ctx.store, 'account', rows);
      return rows;
    }

    it('answers exactly the rows whose indexed column equals the value', async () => {
      const rows = await seed();
      const found = await ctx.store.queryRows('account', { equals: { column: parent, value: 'p-1' } });
      expect(ids(found)).toEqual(ids(rows.filter((r) => r[parent] === 'p-1')));
      expect(found[0]).toEqual(rows.find((r) => r.accountid === found[0].accountid));
    });

    it('answers equals on a column without an index by scanning, with the same result', async () => {
      await seed();
      const found = await ctx.store.queryRows('account', { equals: { column: 'name', value: 'Account a-42' } });
      expect(ids(found)).toEqual(['a-42']);
    });

    it('compares values strictly: the string "1" does not equal the number 1', async () => {
      await seed();
      expect(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: '1' } })).toEqual([]);
      expect(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 1 } })).toHaveLength(550);
    });

    it('treats a missing column as null', async () => {
      await download(ctx.store, 'contact', [contact('c-1', { parentcustomerid: null }), contact('c-2'), contact('c-3', { parentcustomerid: 'x' })]);
      const found = await ctx.store.queryRows('contact', { equals: { column: 'parentcustomerid', value: null } });
      expect(ids(found, 'contactid')).toEqual(['c-1', 'c-2']);
    });

    it('narrows by a test of one column, indexed or not, with a missing value read as null', async () => {
      const rows = await seed();
      const wanted = new Set(['p-1', null]);
      const byIndex = await ctx.store.queryRows('account', { indexed: { column: parent, matches: (value) => wanted.has(value as string | null) } });
      expect(ids(byIndex).sort()).toEqual(ids(rows).sort());
      const some = await ctx.store.queryRows('account', { indexed: { column: parent, matches: (value) => value === 'p-1' }, where: (r) => r.statecode === 0 });
      expect(ids(some).sort()).toEqual(ids(rows.filter((r) => r[parent] === 'p-1' && r.statecode === 0)).sort());
      const scanned = await ctx.store.queryRows('account', { indexed: { column: 'name', matches: (value) => value === 'Account a-42' || value === 'Account a-7' } });
      expect(ids(scanned).sort()).toEqual(['a-42', 'a-7']);
    });

    it('sees local edits through an indexed test', async () => {
      const rows = await seed();
      await ctx.store.writeLocal(localUpdate('account', rows[3], { [parent]: 'p-2' }));
      const found = await ctx.store.queryRows('account', { indexed: { column: parent, matches: (value) => value === 'p-2' } });
      expect(ids(found)).toEqual(['a-3']);
      expect(found[0][parent]).toBe('p-2');
    });

    it('lists the ids on the device: downloaded, created here, not deleted here or by a later page', async () => {
      const rows = await seed();
      await ctx.store.writeLocal(localCreate('account', account('a-new')));
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-5', row: null, entry: entry('account', 'a-5', { op: 'delete' }) });
      await ctx.store.applyPage('account', { rows: [], deletedIds: ['a-6'], generation: 1 }, meta('account', 1));
      const expected = [...rows.map((r) => String(r.accountid)).filter((id) => id !== 'a-5' && id !== 'a-6'), 'a-new'].sort();
      expect((await ctx.store.listIds('account')).sort()).toEqual(expected);
      expect(await ctx.store.listIds('contact')).toEqual([]);
    });

    it('applies where to every row, alone or after equals', async () => {
      await seed();
      const small = (r: Row): boolean => Number(String(r.accountid).slice(2)) < 10;
      expect(ids(await ctx.store.queryRows('account', { where: small }))).toHaveLength(10);
      const both = await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 1 }, where: small });
      expect(ids(both)).toEqual(['a-1', 'a-3', 'a-5', 'a-7', 'a-9']);
    });

    it('stops after limit matches, and answers nothing for limit 0', async () => {
      await seed();
      const found = await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 0 }, limit: 7 });
      expect(found).toHaveLength(7);
      expect(found.every((r) => r.statecode === 0)).toBe(true);
      expect(await ctx.store.queryRows('account', { where: () => true, limit: 3 })).toHaveLength(3);
      expect(await ctx.store.queryRows('account', { limit: 0 })).toEqual([]);
    });

    it('answers every row for an empty query, and nothing for an empty or unknown table', async () => {
      await seed();
      expect(await ctx.store.queryRows('account', {})).toHaveLength(1100);
      expect(await ctx.store.queryRows('contact', {})).toEqual([]);
      expect(await ctx.store.queryRows('nosuchtable', { equals: { column: 'x', value: 1 } })).toEqual([]);
    });

    it('sees local changes: an edited row moves between index values and a deleted row is gone', async () => {
      const rows = await seed();
      await ctx.store.writeLocal(localUpdate('account', rows[0], { statecode: 1 }));
      await ctx.store.writeLocal({ table: 'account', rowId: 'a-1', row: null, entry: entry('account', 'a-1', { op: 'delete' }) });
      await ctx.store.applyPage('account', { rows: [account('a-2', { statecode: 1 })], deletedIds: ['a-3'], generation: 1 }, meta('account', 1));
      const active = ids(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 0 } }));
      const inactive = ids(await ctx.store.queryRows('account', { equals: { column: 'statecode', value: 1 } }));
      expect(active).not.toContain('a-0');
      expect(active).not.toContain('a-2');
      expect(inactive).toEqual(expect.arrayContaining(['a-0', 'a-2']));
      expect(inactive).not.toContain('a-1');
      expect(inactive).not.toContain('a-3');
      expect(active.length + inactive.length).toBe(1098);
    });

    it('finds rows written locally that were never downloaded', async () => {
      await seed();
      await ctx.store.writeLocal(localCreate('account', account('n-1', { [parent]: 'p-9' })));
      expect(ids(await ctx.store.queryRows('account', { equals: { column: parent, value: 'p-9' } }))).toEqual(['n-1']);
    });
  });
}
