import { TaskBudget } from '../../SyncEngine/adapters/yieldToMain';
import { parseCollectionJson } from '../../SyncEngine/adapters/webapi/slicedJson';

/** Rows with the characters that could fool a scanner: brackets, braces, commas and quotes inside strings. */
function rows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    '@odata.etag': `W/"${i}"`,
    contactid: `id-${i}`,
    fullname: i % 7 === 0 ? `tricky "value":[ ] } { },{ , \\ ${i}` : `Contact ${i}`,
    nested: i % 3 === 0 ? { list: [{ a: 1 }, { b: [2, { a: ']},{' }] }], s: '}' } : null,
    n: i * 1.5,
    flag: i % 2 === 0,
  }));
}

describe('parseCollectionJson', () => {
  const budget = (): TaskBudget => new TaskBudget(0);

  it('answers what JSON.parse answers for a big page, cut into many slices', async () => {
    const body = {
      '@odata.context': '$metadata#contacts("value":[)',
      value: rows(12_000),
      '@odata.nextLink': 'contacts?$skiptoken=[1]},{',
    };
    const text = JSON.stringify(body);
    expect(text.length).toBeGreaterThan(3 * 256 * 1024);
    const sliced = budget();
    const pauses = jest.spyOn(sliced, 'pause');
    await expect(parseCollectionJson(text, sliced)).resolves.toEqual(JSON.parse(text));
    // One pause per run taken: the body was cut, not parsed whole.
    expect(pauses.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('handles an empty array, whitespace, and "value" after the links', async () => {
    for (const text of [
      '{"value":[]}',
      ' { "@odata.context" : "x", "value":[ ] , "@odata.deltaLink":"d" } ',
      `{"@odata.deltaLink":"d","value":${JSON.stringify(rows(5))}}`,
    ]) {
      await expect(parseCollectionJson(text, budget())).resolves.toEqual(JSON.parse(text));
    }
  });

  it('parses in one piece when "value" is not a member of the root object', async () => {
    const text = JSON.stringify({ inner: { value: [1, 2] }, value: [3] }).replace('"value":[3]', '"other":[3]');
    await expect(parseCollectionJson(text, budget())).resolves.toEqual(JSON.parse(text));
  });

  it('throws SyntaxError for a body that is not JSON', async () => {
    await expect(parseCollectionJson('{"value":[{"a":1},{"b":', budget())).rejects.toThrow(SyntaxError);
    await expect(parseCollectionJson('{"value":[{"a":1}}', budget())).rejects.toThrow(SyntaxError);
    await expect(parseCollectionJson('<html>', budget())).rejects.toThrow(SyntaxError);
  });
});
