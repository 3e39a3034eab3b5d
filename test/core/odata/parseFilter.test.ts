import { ConfigError } from '../../../SyncEngine/contracts/errors';
import { parseFilter, type FilterNode } from '../../../SyncEngine/core/odata';

function failure(text: string): ConfigError {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseFilter', () => {
  it('reads a comparison of a column with a string literal', () => {
    expect(parseFilter("name eq 'Contoso'")).toEqual({
      kind: 'compare',
      operator: 'eq',
      left: { kind: 'column', name: 'name' },
      right: { kind: 'literal', type: 'string', value: 'Contoso' },
    });
  });

  it('unescapes doubled quotes inside string literals', () => {
    const node = parseFilter("lastname eq 'O''Brien'") as Extract<FilterNode, { kind: 'compare' }>;
    expect(node.right).toEqual({ kind: 'literal', type: 'string', value: "O'Brien" });
  });

  it.each([
    ['revenue gt 1000', { type: 'number', value: 1000 }],
    ['revenue le 12.5', { type: 'number', value: 12.5 }],
    ['revenue ge -3', { type: 'number', value: -3 }],
    ['donotemail eq true', { type: 'boolean', value: true }],
    ['donotemail eq false', { type: 'boolean', value: false }],
    ['description eq null', { type: 'null', value: null }],
  ])('reads the literal in %s', (text, literal) => {
    const node = parseFilter(text) as Extract<FilterNode, { kind: 'compare' }>;
    expect(node.right).toEqual({ kind: 'literal', ...literal });
  });

  it('reads bare GUIDs, including ones starting with a letter, and lower-cases them', () => {
    const node = parseFilter('_parentcustomerid_value eq ABCDEF01-2345-6789-ABCD-EF0123456789') as Extract<
      FilterNode,
      { kind: 'compare' }
    >;
    expect(node.left).toEqual({ kind: 'column', name: '_parentcustomerid_value' });
    expect(node.right).toEqual({ kind: 'literal', type: 'guid', value: 'abcdef01-2345-6789-abcd-ef0123456789' });
  });

  it('reads bare dates and datetimes as instants', () => {
    const datetime = parseFilter('modifiedon ge 2024-01-01T08:30:00Z') as Extract<FilterNode, { kind: 'compare' }>;
    expect(datetime.right).toEqual({
      kind: 'literal',
      type: 'datetime',
      value: '2024-01-01T08:30:00Z',
      instant: Date.UTC(2024, 0, 1, 8, 30),
    });
    const date = parseFilter('createdon lt 2024-02-01') as Extract<FilterNode, { kind: 'compare' }>;
    expect(date.right).toMatchObject({ type: 'datetime', instant: Date.UTC(2024, 1, 1) });
    const offset = parseFilter('createdon lt 2024-02-01T10:00:00+02:00') as Extract<FilterNode, { kind: 'compare' }>;
    expect(offset.right).toMatchObject({ type: 'datetime', instant: Date.UTC(2024, 1, 1, 8) });
  });

  it('binds and tighter than or, and honours parentheses', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({ kind: 'and', left: { kind: 'or' } });
  });

  it('reads not in front of a comparison or a parenthesised expression', () => {
    expect(parseFilter("not name eq 'x'")).toMatchObject({ kind: 'not', operand: { kind: 'compare' } });
    expect(parseFilter('not (a eq 1 or b eq 2)')).toMatchObject({ kind: 'not', operand: { kind: 'or' } });
  });

  it('reads the string functions contains, startswith and endswith', () => {
    expect(parseFilter("contains(name,'sun')")).toEqual({ kind: 'function', name: 'contains', column: 'name', value: 'sun' });
    expect(parseFilter("startswith(name, 'Con') and endswith(emailaddress1, '.com')")).toMatchObject({
      kind: 'and',
      left: { kind: 'function', name: 'startswith' },
      right: { kind: 'function', name: 'endswith', column: 'emailaddress1' },
    });
  });

  it('accepts a literal on the left of a comparison', () => {
    expect(parseFilter('5 lt revenue')).toMatchObject({ left: { kind: 'literal' }, right: { kind: 'column' } });
  });

  it.each([
    ["name eq 'Contoso", 8, "'Contoso"],
    ['name equals 1', 5, "'equals'"],
    ['name eq', 7, 'end of expression'],
    ['(a eq 1', 7, 'end of expression'],
    ['a eq 1 b eq 2', 7, "'b'"],
    ["substringof('x',name)", 0, "'substringof'"],
    ['a eq 1 and', 10, 'end of expression'],
    ['a eq #', 5, "'#'"],
    ['', 0, 'end of expression'],
  ])('rejects %p with a ConfigError naming position %i and %s', (text, position, near) => {
    const error = failure(text);
    expect(error.code).toBe('config');
    expect(error.message).toContain(`position ${position}`);
    expect(error.message).toContain(near);
  });
});
