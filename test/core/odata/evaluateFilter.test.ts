import { evaluateFilter, parseFilter } from '../../../SyncEngine/core/odata';

const row = {
  accountid: 'A1B2C3D4-0000-4000-8000-000000000001',
  name: 'Contoso Pharmaceuticals',
  lastname: "O'Brien",
  revenue: 50000,
  numberofemployees: 12,
  donotemail: false,
  description: null,
  createdon: '2024-03-01T10:00:00Z',
  _parentcustomerid_value: '0f0e0d0c-0b0a-4909-8807-060504030201',
};

function matches(filter: string, target: Record<string, unknown> = row): boolean {
  return evaluateFilter(parseFilter(filter), target);
}

describe('evaluateFilter', () => {
  it('compares strings case-insensitively, like Dataverse', () => {
    expect(matches("name eq 'contoso pharmaceuticals'")).toBe(true);
    expect(matches("name ne 'CONTOSO PHARMACEUTICALS'")).toBe(false);
    expect(matches("lastname eq 'o''brien'")).toBe(true);
    expect(matches("name gt 'b'")).toBe(true);
  });

  it('compares GUIDs case-insensitively', () => {
    expect(matches('accountid eq a1b2c3d4-0000-4000-8000-000000000001')).toBe(true);
    expect(matches('_parentcustomerid_value eq 0F0E0D0C-0B0A-4909-8807-060504030201')).toBe(true);
    expect(matches("accountid eq 'a1b2c3d4-0000-4000-8000-000000000001'")).toBe(true);
  });

  it('compares numbers numerically', () => {
    expect(matches('revenue gt 9999')).toBe(true);
    expect(matches('revenue ge 50000 and revenue le 50000')).toBe(true);
    expect(matches('revenue lt 50000')).toBe(false);
    expect(matches('numberofemployees ne 12')).toBe(false);
  });

  it('compares dates as instants whatever their notation', () => {
    expect(matches('createdon eq 2024-03-01T12:00:00+02:00')).toBe(true);
    expect(matches('createdon gt 2024-03-01')).toBe(true);
    expect(matches('createdon lt 2024-03-01T10:00:00.001Z')).toBe(true);
    expect(matches('createdon ge 2024-03-02')).toBe(false);
  });

  it('compares booleans', () => {
    expect(matches('donotemail eq false')).toBe(true);
    expect(matches('donotemail eq true')).toBe(false);
  });

  it('matches null and missing columns with eq null, and never with ordering operators', () => {
    expect(matches('description eq null')).toBe(true);
    expect(matches('missingcolumn eq null')).toBe(true);
    expect(matches('name eq null')).toBe(false);
    expect(matches('name ne null')).toBe(true);
    expect(matches('description ne null')).toBe(false);
    expect(matches('description gt 5')).toBe(false);
    expect(matches('description lt 5')).toBe(false);
    expect(matches("description ne 'x'")).toBe(true);
  });

  it('applies string functions case-insensitively and never to null', () => {
    expect(matches("contains(name,'PHARMA')")).toBe(true);
    expect(matches("startswith(name,'contoso')")).toBe(true);
    expect(matches("endswith(name,'ticals')")).toBe(true);
    expect(matches("endswith(name,'contoso')")).toBe(false);
    expect(matches("contains(description,'x')")).toBe(false);
  });

  it('combines with and, or, not and parentheses', () => {
    expect(matches("revenue gt 1 and (name eq 'x' or donotemail eq false)")).toBe(true);
    expect(matches("not (revenue gt 1 and name eq 'x')")).toBe(true);
    expect(matches("not contains(name,'contoso')")).toBe(false);
  });

  it('accepts a literal on the left of a comparison', () => {
    expect(matches('100000 gt revenue')).toBe(true);
    expect(matches('2024-01-01 lt createdon')).toBe(true);
  });

  it('compares two columns with each other', () => {
    expect(matches('numberofemployees lt revenue')).toBe(true);
  });

  it('treats a value of the wrong type as not equal rather than failing', () => {
    expect(matches('name eq 5')).toBe(false);
    expect(matches('name ne 5')).toBe(true);
    expect(matches('revenue eq true')).toBe(false);
  });
});
