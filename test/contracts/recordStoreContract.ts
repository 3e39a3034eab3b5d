import type { AppliedPage, RecordStore, TableMeta } from '../../SyncEngine/contracts/RecordStore';
import type { ContractContext, StoreCapabilities } from './fixtures';
import { SCHEMA } from './fixtures';
import { describeRowContract } from './rowContract';
import { describeQueryContract } from './queryContract';
import { describeDownloadContract } from './downloadContract';
import { describeOutboxContract } from './outboxContract';
import { describeLedgerContract } from './ledgerContract';
import { describeDisplayMetadataContract } from './displayMetadataContract';

export type { StoreCapabilities } from './fixtures';

/**
 * The behaviour every `RecordStore` adapter shares. `makeStore` answers a new, unopened store with no data; the
 * suite opens it with its own schema and closes it after each test.
 */
export function describeRecordStoreContract(
  name: string,
  makeStore: () => Promise<RecordStore>,
  capabilities: StoreCapabilities = {},
): void {
  describe(`${name} (RecordStore contract)`, () => {
    const ctx = { capabilities } as ContractContext;

    beforeEach(async () => {
      const store = await makeStore();
      ctx.store = capabilities.hostRows ? withHostDownloads(store, capabilities.hostRows) : store;
      await ctx.store.open(SCHEMA);
    });

    afterEach(() => {
      ctx.store.close();
    });

    describeRowContract(ctx);
    describeQueryContract(ctx);
    describeDownloadContract(ctx);
    describeOutboxContract(ctx);
    describeLedgerContract(ctx);
    describeDisplayMetadataContract(ctx);
  });
}

/** The store as the device has it when a host downloads: each page reaches the host's rows, then the store. */
function withHostDownloads(store: RecordStore, host: NonNullable<StoreCapabilities['hostRows']>): RecordStore {
  const applyPage = async (table: string, page: AppliedPage, meta: TableMeta): Promise<void> => {
    const keep = new Set((await store.listOutbox()).filter((e) => e.table === table).map((e) => e.rowId));
    await store.applyPage(table, page, meta);
    host.download(table, page, keep);
  };
  return new Proxy(store, {
    get(target, key) {
      if (key === 'applyPage') return applyPage;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
