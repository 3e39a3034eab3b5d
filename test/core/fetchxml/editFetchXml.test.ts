import { condition, idsOnly, withCondition, writeXml } from '../../../SyncEngine/core/fetchxml/editFetchXml';
import { parseFetchXml, readXml } from '../../../SyncEngine/core/fetchxml';

const SLICE =
  '<fetch><entity name="contact"><attribute name="fullname"/><order attribute="fullname"/>' +
  '<filter type="or"><condition attribute="statecode" operator="eq" value="0"/>' +
  '<link-entity name="account" from="accountid" to="parentcustomerid" link-type="any"><attribute name="name"/><filter><condition attribute="ownerid" operator="eq-userid"/></filter></link-entity></filter>' +
  '</entity></fetch>';

describe('editing a slice query', () => {
  it('adds a condition that must hold as well as the whole existing filter', () => {
    const edited = parseFetchXml(withCondition(SLICE, condition('modifiedon', 'ge', ['2026-11-22T09:00:00.000Z'])));
    const original = parseFetchXml(SLICE);
    expect(edited.entity.filter).toEqual({
      kind: 'and',
      left: original.entity.filter,
      right: { kind: 'compare', operator: 'ge', left: { kind: 'column', name: 'modifiedon' }, right: { kind: 'literal', type: 'untyped', value: '2026-11-22T09:00:00.000Z' } },
    });
    expect(edited.entity.attributes).toEqual(original.entity.attributes);
    expect(edited.entity.orders).toEqual(original.entity.orders);
  });

  it('writes an in list as value elements, and a query without a filter gets one', () => {
    const edited = parseFetchXml(withCondition('<fetch><entity name="account"/></fetch>', condition('accountid', 'in', ['a', 'b'])));
    expect(edited.entity.filter).toMatchObject({ kind: 'or' });
  });

  it('asks for the primary key only, each row once, keeping every condition', () => {
    const tree = parseFetchXml(idsOnly(SLICE, 'contactid'));
    expect(tree.distinct).toBe(true);
    expect(tree.entity.attributes).toEqual([{ name: 'contactid' }]);
    expect(tree.entity.orders).toEqual([{ column: 'contactid', descending: false }]);
    // The link-entity inside the filter keeps its conditions and loses its column.
    expect(tree.entity.filter).toEqual(parseFetchXml(SLICE.replace('<attribute name="name"/>', '')).entity.filter);
    expect(idsOnly(SLICE, 'contactid')).not.toContain('<attribute name="name"/>');
  });

  it('escapes what it writes, so values with markup read back as written', () => {
    const value = 'A & B <"quoted">';
    const written = writeXml(readXml(`<fetch><entity name="account"><filter><condition attribute="name" operator="eq" value="${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}"/></filter></entity></fetch>`));
    expect(readXml(written).children[0].children[0].children[0].attributes.get('value')).toBe(value);
  });
});
