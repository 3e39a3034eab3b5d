import type { Identity } from '../../contracts/HostEnvironment';
import type { RecordStore } from '../../contracts/RecordStore';

const IDENTITY_KEY = 'identity';

type Remembered = Pick<Identity, 'businessUnitId' | 'teamIds'>;

/**
 * Keeps the user's business unit and teams, read from the service when it answered at start, in the offline
 * database, and puts them back when it did not (the app opened offline), so "owned by my teams" filters and
 * FetchXML `eq-userteams` / `eq-businessid` answer the same offline as online. The database is per user, so a
 * saved identity is always this user's.
 */
export async function rememberIdentity(store: RecordStore, identity: Identity): Promise<void> {
  if (identity.businessUnitId !== undefined || identity.teamIds !== undefined) {
    const remembered: Remembered = { businessUnitId: identity.businessUnitId, teamIds: identity.teamIds };
    await store.setValue(IDENTITY_KEY, remembered);
    return;
  }
  const saved = await store.getValue<Remembered>(IDENTITY_KEY);
  if (saved?.businessUnitId !== undefined) identity.businessUnitId = saved.businessUnitId;
  if (saved?.teamIds !== undefined) identity.teamIds = [...saved.teamIds];
}
