import { DISPLAY_METADATA_KEY, type DisplayMetadata } from '../../SyncEngine/contracts/displayMetadata';
import type { ContractContext } from './fixtures';
import { SCHEMA, accounts, download, meta } from './fixtures';

export const GERMAN_METADATA: DisplayMetadata = {
  language: 1031,
  profileKey: 'account:accountid,name,statecode',
  fetchedAt: 1_700_000_000_000,
  tables: {
    account: {
      logicalName: 'account',
      displayName: 'Firma',
      displayCollectionName: 'Firmen',
      columns: {
        name: { displayName: 'Firmenname', kind: 'text' },
        statecode: { displayName: 'Status', kind: 'choice', options: { '0': 'Aktiv', '1': 'Inaktiv' } },
        donotemail: { displayName: 'E-Mails nicht zulassen', kind: 'boolean', options: { true: 'Nicht zulassen', false: 'Zulassen' } },
      },
    },
  },
};

/** The display metadata slot: a value under `DISPLAY_METADATA_KEY`, apart from rows and sync bookkeeping. */
export function describeDisplayMetadataContract(ctx: ContractContext): void {
  describe('display metadata', () => {
    it('keeps the metadata exactly, apart from what downloads and stale-row removal touch', async () => {
      expect(await ctx.store.getValue(DISPLAY_METADATA_KEY)).toBeUndefined();
      await ctx.store.setValue(DISPLAY_METADATA_KEY, GERMAN_METADATA);
      await download(ctx.store, 'account', accounts(3));
      await ctx.store.removeStale('account', 2, meta('account', 2));
      expect(await ctx.store.getValue(DISPLAY_METADATA_KEY)).toEqual(GERMAN_METADATA);
    });

    it('is replaced whole when the language changes, and a reset empties it', async () => {
      await ctx.store.setValue(DISPLAY_METADATA_KEY, GERMAN_METADATA);
      const french = { ...GERMAN_METADATA, language: 1036, tables: {} };
      await ctx.store.setValue(DISPLAY_METADATA_KEY, french);
      expect(await ctx.store.getValue(DISPLAY_METADATA_KEY)).toEqual(french);
      await ctx.store.clear();
      expect(await ctx.store.getValue(DISPLAY_METADATA_KEY)).toBeUndefined();
    });

    if (ctx.capabilities.reopen) {
      const reopen = ctx.capabilities.reopen;
      it('is there after the store is closed and opened again (offline after a reload)', async () => {
        await ctx.store.setValue(DISPLAY_METADATA_KEY, GERMAN_METADATA);
        ctx.store.close();
        ctx.store = await reopen();
        await ctx.store.open(SCHEMA);
        expect(await ctx.store.getValue(DISPLAY_METADATA_KEY)).toEqual(GERMAN_METADATA);
      });
    }
  });
}
