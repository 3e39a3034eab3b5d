import { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { ProfileTable } from '../../SyncEngine/contracts/profile';
import type { Row } from '../../SyncEngine/contracts/rows';
import { BENCH_PROFILE, PAGE_SIZE } from './benchProfile';
import type { EmulatorTarget } from './types';

/**
 * Downloads every table page by page exactly as the engine does (WebApiRemote.fetchPage: change tracking,
 * `$select`, 5,000-row pages, the same parser) and hands each page to `visit` before fetching the next, so a
 * baseline differs from the engine only in how it writes.
 */
export async function forEachPage(target: EmulatorTarget, visit: (table: ProfileTable, rows: Row[]) => Promise<void>): Promise<number> {
  const remote = new WebApiRemote({ baseUrl: target.baseUrl, timeoutMs: 60_000 });
  let total = 0;
  for (const table of BENCH_PROFILE.tables) {
    let link: string | undefined;
    do {
      const page = await remote.fetchPage({ table, link, pageSize: PAGE_SIZE });
      await visit(table, page.rows);
      total += page.rows.length;
      link = page.nextLink;
    } while (link !== undefined);
  }
  return total;
}
