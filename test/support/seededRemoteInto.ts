import { ACCOUNTS, accountRows, CONTACTS, contactId, accountId } from './engineFixture';
import type { MemoryRemote } from './MemoryRemote';

/** Seeds any MemoryRemote (a subclass with extra faults, say) the way `seededRemote` in engineFixture does. */
export function seededRemoteInto<T extends MemoryRemote>(remote: T, accounts: number): T {
  remote.seed(ACCOUNTS, accountRows(accounts));
  remote.seed(
    CONTACTS,
    Array.from({ length: Math.ceil(accounts / 2) }, (_, i) => ({
      contactid: contactId(i),
      fullname: `Contact ${i}`,
      _parentcustomerid_value: accountId(i * 2),
      statecode: 0,
    })),
  );
  return remote;
}
