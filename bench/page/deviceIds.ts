import type { Row } from '../../SyncEngine/contracts/rows';
import { forEachPage } from './fetchPages';
import type { EmulatorTarget, RowRef } from './types';

/**
 * Ids of the rows on the device in download order, per table. Download order matters for the status
 * benchmark: queuing changes on neighbouring rows keeps the engine's chunk cache warm, so queuing 10,000
 * changes takes seconds, not minutes, and the measurement after it is unaffected.
 */
export interface DeviceIds {
  refs: RowRef[];
  /** Distinct values of msdyn_workorder._msdyn_serviceaccount_value, for the lookup query. */
  serviceAccounts: string[];
}

/** Collects ids (and lookup values) while downloading; handed the same pages as a baseline. */
export class DeviceIdCollector {
  readonly refs: RowRef[] = [];
  private readonly accounts = new Set<string>();

  visit(table: string, primaryId: string, rows: readonly Row[]): void {
    for (const row of rows) {
      this.refs.push({ table, id: String(row[primaryId]) });
      const account = row._msdyn_serviceaccount_value;
      if (table === 'msdyn_workorder' && typeof account === 'string') this.accounts.add(account);
    }
  }

  result(): DeviceIds {
    return { refs: this.refs, serviceAccounts: [...this.accounts] };
  }
}

let collected: DeviceIds | undefined;

/** The ids of what the emulator serves now (one extra download, untimed); cached for the page's life. */
export async function deviceIds(target: EmulatorTarget): Promise<DeviceIds> {
  if (collected) return collected;
  const collector = new DeviceIdCollector();
  await forEachPage(target, (table, rows) => {
    collector.visit(table.logicalName, table.primaryId, rows);
    return Promise.resolve();
  });
  collected = collector.result();
  return collected;
}
