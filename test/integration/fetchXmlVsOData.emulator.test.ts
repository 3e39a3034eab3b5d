import fc from 'fast-check';
import type { Row } from '../../SyncEngine/contracts/rows';
import { readAll } from '../dataverse-emulator/testing';
import { fcSeed } from '../support/fcSeed';
import { filterTree, type FilterTree } from '../query-table/filterTree';
import { accountQueries, renderOData } from '../query-table/renderFilter';
import { startQueryStack, type QueryStack } from '../query-table/queryStack';

const keys = (rows: readonly Row[]): string[] => rows.map((row) => String(row.accountid));

/** A failing tree in both spellings, so the report names the query and not only fast-check's shrunk value. */
function spelled(tree: FilterTree): string {
  const { fetchXml } = accountQueries(tree);
  return `$filter=${renderOData(tree)}\nfetchXml=${fetchXml}`;
}

describe('random filter trees spelled as OData $filter and as FetchXML select the same rows', () => {
  let stack: QueryStack;
  beforeAll(async () => {
    stack = await startQueryStack();
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  it('on the device: engine.offline with OData options and with ?fetchXml=', async () => {
    const offline = stack.engine.offline;
    await fc.assert(
      fc.asyncProperty(filterTree, async (tree) => {
        const { fetchXml, odata } = accountQueries(tree);
        const byOData = keys((await offline.retrieveMultipleRecords('account', odata)).entities);
        const byFetch = keys((await offline.retrieveMultipleRecords('account', `?fetchXml=${encodeURIComponent(fetchXml)}`)).entities);
        if (byOData.join() !== byFetch.join()) throw new Error(`OData ${String(byOData.length)} rows, FetchXML ${String(byFetch.length)} rows\n${spelled(tree)}`);
      }),
      { numRuns: 300, ...fcSeed() },
    );
  });

  it('against the emulator over HTTP: GET accounts?$filter= and GET accounts?fetchXml=', async () => {
    const { emulator } = stack;
    const headers = { Accept: 'application/json' };
    await fc.assert(
      fc.asyncProperty(filterTree, async (tree) => {
        const { fetchXml, odata } = accountQueries(tree);
        const byOData = keys((await readAll(emulator, `accounts${odata}`, headers)).rows);
        const byFetch = keys((await readAll(emulator, `accounts?fetchXml=${encodeURIComponent(fetchXml)}`, headers)).rows);
        if (byOData.join() !== byFetch.join()) throw new Error(`OData ${String(byOData.length)} rows, FetchXML ${String(byFetch.length)} rows\n${spelled(tree)}`);
      }),
      { numRuns: 50, ...fcSeed() },
    );
  });

  it('the device and the emulator agree on the same trees (FetchXML on both)', async () => {
    const { emulator, engine } = stack;
    await fc.assert(
      fc.asyncProperty(filterTree, async (tree) => {
        const { fetchXml } = accountQueries(tree);
        const device = keys((await engine.offline.retrieveMultipleRecords('account', `?fetchXml=${encodeURIComponent(fetchXml)}`)).entities);
        const server = keys((await readAll(emulator, `accounts?fetchXml=${encodeURIComponent(fetchXml)}`, { Accept: 'application/json' })).rows);
        if (device.join() !== server.join()) throw new Error(`device ${String(device.length)} rows, emulator ${String(server.length)} rows\n${spelled(tree)}`);
      }),
      { numRuns: 50, ...fcSeed() },
    );
  });
});
