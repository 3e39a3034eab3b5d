import type { HostEnvironment } from '../../contracts/HostEnvironment';
import type { ProfileTable } from '../../contracts/profile';
import type { RecordStore } from '../../contracts/RecordStore';
import type { RemoteSource } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import type { EngineState } from '../EngineState';
import { requiredColumns } from '../profile/rowFilter';

export interface ServerCopyDeps {
  remote: RemoteSource;
  store: RecordStore;
  host: HostEnvironment;
  state: EngineState;
  tables: ReadonlyMap<string, ProfileTable>;
}

/**
 * The server's copy of a row whose local change is being dropped. When it cannot be had now, the table is
 * marked for a full download at the next pass, which replaces the device copy.
 */
export async function serverCopy(deps: ServerCopyDeps, table: string, id: string): Promise<Row | null | undefined> {
  const profileTable = deps.tables.get(table);
  if (!profileTable) return undefined;
  if (deps.host.isNetworkAvailable()) {
    try {
      return await deps.remote.retrieveRecord(profileTable, id, requiredColumns(profileTable));
    } catch {
      // fall through: download the table again instead
    }
  }
  const meta = deps.state.meta.get(table);
  if (meta) {
    const redo = { ...meta, deltaLink: undefined, lastSyncedAt: 0 };
    await deps.store.putMeta(redo);
    deps.state.meta.set(table, redo);
  }
  return undefined;
}
