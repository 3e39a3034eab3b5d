import { deviceAnswer, emulatorAnswer, type Answer } from '../query-table/runners';
import { queryTable } from '../query-table/queryTable';
import { startQueryStack, type QueryStack } from '../query-table/queryStack';
import type { QueryEntry } from '../query-table/QueryEntry';
import { rowDifference } from '../query-table/rowDifference';
import { requiredCoverage } from '../query-table/queryTable';

/** The clock the fixture rows are placed around; the engine and the emulator both read the real clock later. */
const NOW = Date.now();
const TABLE = queryTable(NOW);

describe('the shared FetchXML query table (issue #14 item 5)', () => {
  let stack: QueryStack;
  const deviceAnswers = new Map<string, Promise<Answer>>();
  /** Each query runs once on the device; the emulator comparison reuses the answer. */
  const onDevice = (query: QueryEntry): Promise<Answer> => {
    let answer = deviceAnswers.get(query.name);
    if (!answer) deviceAnswers.set(query.name, (answer = deviceAnswer(stack.engine, query)));
    return answer;
  };

  beforeAll(async () => {
    stack = await startQueryStack(NOW);
  }, 60_000);
  afterAll(async () => {
    await stack.close();
  });

  it('holds at least 40 queries and every element, operator and link type of issue #14 items 1–2', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(requiredCoverage(TABLE)).toEqual([]);
  });

  describe('on the device (engine.offline)', () => {
    it.each(TABLE.map((query) => [query.name, query] as const))('%s', async (_name, query) => {
      const { rows } = await onDevice(query);
      expect(rows.length).toBeGreaterThanOrEqual(query.minRows ?? 1);
      expect(rows.length).toBeLessThanOrEqual(query.maxRows ?? Number.MAX_SAFE_INTEGER);
    });
  });

  describe('against the emulator over HTTP: same rows, same order, same keys and values', () => {
    it.each(TABLE.map((query) => [query.name, query] as const))('%s', async (_name, query) => {
      const device = await onDevice(query);
      const server = await emulatorAnswer(stack.emulator, query);
      expect(rowDifference(device.rows, server.rows)).toBe('');
      if (/returntotalrecordcount="true"/.test(query.fetchXml)) expect(server.totalCount).toBe(device.rows.length);
    });
  });
});
