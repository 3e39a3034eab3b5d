import type { RecordStore } from '../../SyncEngine/contracts/RecordStore';
import type { ContractContext, StoreCapabilities } from './fixtures';
import { SCHEMA } from './fixtures';
import { describeRowContract } from './rowContract';
import { describeQueryContract } from './queryContract';
import { describeDownloadContract } from './downloadContract';
import { describeOutboxContract } from './outboxContract';
import { describeLedgerContract } from './ledgerContract';

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
      ctx.store = await makeStore();
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
  });
}
