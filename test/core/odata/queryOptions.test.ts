import { ConfigError } from '../../../SyncEngine/contracts/errors';
import { applySelect, compareRows, equalityHint, parseFilter, parseQueryOptions } from '../../../SyncEngine/core/odata';

describe('parseQueryOptions', () => {
  it('reads select, filter, orderby, top and count', () => {
    const options = parseQueryOptions("?$select=name,revenue&$filter=revenue gt 5&$orderby=name desc,createdon&$top=50&$count=true");
    expect(options).toEqual({
      select: ['name', 'revenue'],
      filter: parseFilter('revenue gt 5'),
      orderBy: [
        { column: 'name', descending: true },
        { column: 'createdon', descending: false },
      ],
      top: 50,
      count: true,
    });
  });

  it('works without the leading question mark and URL-decodes values', () => {
    const options = parseQueryOptions(`$filter=${encodeURIComponent("name eq 'A&B'")}&$orderby=name%20asc`);
    expect(options.filter).toEqual(parseFilter("name eq 'A&B'"));
    expect(options.orderBy).toEqual([{ column: 'name', descending: false }]);
  });

  it('keeps a plus sign, so date offsets survive unencoded', () => {
    const options = parseQueryOptions('$filter=createdon lt 2024-01-01T10:00:00+02:00');
    expect(options.filter).toMatchObject({ right: { instant: Date.UTC(2024, 0, 1, 8) } });
  });

  it('keeps $expand verbatim and ignores server tokens and parameter aliases', () => {
    expect(parseQueryOptions('$expand=parentcustomerid_account($select=name)&$skiptoken=abc&$deltatoken=1!2&@p1=3')).toEqual({
      expand: 'parentcustomerid_account($select=name)',
    });
  });

  it('answers an empty object for an empty query', () => {
    expect(parseQueryOptions('')).toEqual({});
    expect(parseQueryOptions('?')).toEqual({});
  });

  it.each([
    ['$top=-1'],
    ['$top=ten'],
    ['$count=yes'],
    ['$select=name,'],
    ['$select=na me'],
    ['$orderby=name sideways'],
    ['$orderby=name desc extra'],
    ['$filter=name eq'],
    ['$search=contoso'],
    ['$top=1&$top=2'],
    ['$filter=%E0%A4%A'],
  ])('rejects %p with a ConfigError', (query) => {
    expect(() => parseQueryOptions(query)).toThrow(ConfigError);
  });
});

describe('compareRows', () => {
  const rows = [
    { name: 'beta', revenue: 2, createdon: '2024-01-02T00:00:00Z' },
    { name: 'Alpha', revenue: 2, createdon: '2024-01-01T00:00:00Z' },
    { name: null, revenue: 1, createdon: '2024-01-03T00:00:00.000Z' },
    { name: 'alpha', revenue: 3, createdon: '2023-12-31T23:00:00-02:00' },
  ];

  it('sorts text case-insensitively with nulls first', () => {
    const sorted = [...rows].sort(compareRows([{ column: 'name', descending: false }]));
    expect(sorted.map((row) => row.name)).toEqual([null, 'Alpha', 'alpha', 'beta']);
  });

  it('sorts descending and breaks ties with the next item', () => {
    const sorted = [...rows].sort(
      compareRows([
        { column: 'revenue', descending: true },
        { column: 'name', descending: false },
      ]),
    );
    expect(sorted.map((row) => row.name)).toEqual(['alpha', 'Alpha', 'beta', null]);
  });

  it('sorts ISO dates as instants', () => {
    const sorted = [...rows].sort(compareRows([{ column: 'createdon', descending: false }]));
    expect(sorted.map((row) => row.createdon)).toEqual([
      '2024-01-01T00:00:00Z',
      '2023-12-31T23:00:00-02:00',
      '2024-01-02T00:00:00Z',
      '2024-01-03T00:00:00.000Z',
    ]);
  });
});

describe('applySelect', () => {
  const row = {
    '@odata.etag': 'W/"7"',
    accountid: 'id-1',
    name: 'Contoso',
    revenue: 10,
    _primarycontactid_value: 'c-1',
    '_primarycontactid_value@OData.Community.Display.V1.FormattedValue': 'Ann',
  };

  it('keeps the etag and the selected columns with their annotations', () => {
    expect(applySelect(row, ['name', '_primarycontactid_value'])).toEqual({
      '@odata.etag': 'W/"7"',
      name: 'Contoso',
      _primarycontactid_value: 'c-1',
      '_primarycontactid_value@OData.Community.Display.V1.FormattedValue': 'Ann',
    });
  });

  it('keeps columns the caller always wants, such as the primary key', () => {
    expect(applySelect(row, ['name'], ['accountid'])).toEqual({ '@odata.etag': 'W/"7"', accountid: 'id-1', name: 'Contoso' });
  });

  it('returns a copy of the whole row when nothing is selected', () => {
    const copy = applySelect(row, undefined);
    expect(copy).toEqual(row);
    expect(copy).not.toBe(row);
  });
});

describe('equalityHint', () => {
  it('finds a column eq literal comparison', () => {
    expect(equalityHint(parseFilter('statecode eq 0'))).toEqual({ column: 'statecode', value: 0 });
  });

  it('finds it inside and chains, on either side, with GUIDs lower-cased', () => {
    expect(
      equalityHint(parseFilter("contains(name,'x') and (revenue gt 1 and ABCDEF01-2345-6789-ABCD-EF0123456789 eq _ownerid_value)")),
    ).toEqual({ column: '_ownerid_value', value: 'abcdef01-2345-6789-abcd-ef0123456789' });
  });

  it('reports eq null as a null hint', () => {
    expect(equalityHint(parseFilter('description eq null'))).toEqual({ column: 'description', value: null });
  });

  it('finds nothing under or and not, or for other operators', () => {
    expect(equalityHint(parseFilter('statecode eq 0 or statecode eq 1'))).toBeNull();
    expect(equalityHint(parseFilter('not statecode eq 0'))).toBeNull();
    expect(equalityHint(parseFilter('statecode ne 0'))).toBeNull();
    expect(equalityHint(parseFilter("startswith(name,'a')"))).toBeNull();
  });

  it('gives no hint for text or dates, which Dataverse compares by case-folded text and by instant', () => {
    expect(equalityHint(parseFilter("name eq 'Contoso'"))).toBeNull();
    expect(equalityHint(parseFilter('createdon eq 2024-01-01T00:00:00Z'))).toBeNull();
    expect(equalityHint(parseFilter("name eq 'Contoso' and statecode eq 0"))).toEqual({ column: 'statecode', value: 0 });
  });
});
