import { DEFAULT_PROFILE } from '../../SyncEngine/config/defaultProfile';
import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { OfflineProfile, ProfileTable, RowFilter } from '../../SyncEngine/contracts/profile';
import { parseFetchXml } from '../../SyncEngine/core/fetchxml';
import type { FilterNode, LinkNode } from '../../SyncEngine/core/odata';
import { downloadOrder, sliceQuery } from '../../SyncEngine/core/profile/sliceQuery';
import { profileIssues } from '../../SyncEngine/core/profile/validateProfile';
import { WHOLE_TABLES_PROFILE } from '../support/wholeTablesProfile';

const tableOf = (name: string, filter: RowFilter): ProfileTable => {
  const found = DEFAULT_PROFILE.tables.find((table) => table.logicalName === name);
  if (!found) throw new Error(name);
  return { ...found, filter };
};
/** The default tables named, in `order`, with these filters, and the default relationships between them. */
const withFilters = (filters: Record<string, RowFilter>, order = Object.keys(filters)): OfflineProfile => ({
  ...DEFAULT_PROFILE,
  tables: order.map((name) => tableOf(name, filters[name])),
  relationships: DEFAULT_PROFILE.relationships.filter((rel) => rel.from in filters && rel.to in filters),
});
const filterOf = (profile: OfflineProfile, table: string): FilterNode | undefined => parseFetchXml(sliceQuery(profile, table)).entity.filter;
const related: RowFilter = { kind: 'related' };

/** The links of a filter, depth first, so tests can read a chain from the outside in. */
function links(node: FilterNode | undefined): LinkNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...links(node.left), ...links(node.right)];
    case 'not':
      return links(node.operand);
    case 'exists':
      return [node.link, ...links(node.link.filter)];
    default:
      return [];
  }
}

/** A chain of `length` tables, each pointing at the one before; the first has every row. */
function chain(length: number): OfflineProfile {
  const tables: ProfileTable[] = Array.from({ length }, (_, index) => ({
    logicalName: `t${index}`,
    entitySet: `t${index}s`,
    primaryId: `t${index}id`,
    columns: [`t${index}id`, '_parent_value'],
    syncIntervalMinutes: 60,
    filter: index === 0 ? { kind: 'all' } : { kind: 'related' },
  }));
  const relationships = tables.slice(1).map((table, index) => ({ from: table.logicalName, to: `t${index}`, lookup: '_parent_value' }));
  return { name: 'chain', tables, relationships };
}

/** Accounts, their contacts, and assets pointing at both an account and a contact: a cycle when read both ways. */
function triangle(accounts: RowFilter): OfflineProfile {
  const assets = tableOf('msdyn_customerasset', related);
  return {
    ...DEFAULT_PROFILE,
    tables: [tableOf('account', accounts), tableOf('contact', related), { ...assets, columns: [...assets.columns, '_parentcustomerid_value'] }],
    relationships: [
      { from: 'contact', to: 'account', lookup: '_parentcustomerid_value' },
      { from: 'msdyn_customerasset', to: 'account', lookup: '_msdyn_account_value' },
      { from: 'msdyn_customerasset', to: 'contact', lookup: '_parentcustomerid_value' },
    ],
  };
}

describe('sliceQuery', () => {
  it('asks for the profile columns by logical name, in primary-key order, for every default table', () => {
    for (const table of DEFAULT_PROFILE.tables) {
      const { entity } = parseFetchXml(sliceQuery(DEFAULT_PROFILE, table.logicalName));
      expect(entity.name).toBe(table.logicalName);
      expect(entity.orders).toEqual([{ column: table.primaryId, descending: false }]);
      expect(entity.attributes.map((a) => a.name)).toEqual(expect.arrayContaining([table.primaryId, 'ownerid', 'owningbusinessunit', 'modifiedon']));
      expect(entity.attributes.some((a) => a.name.endsWith('_value'))).toBe(false);
    }
    expect(parseFetchXml(sliceQuery(DEFAULT_PROFILE, 'contact')).entity.attributes.map((a) => a.name)).toContain('parentcustomerid');
  });

  it('has no filter for all rows, and the user, team or business-unit operator for owned rows', () => {
    expect(filterOf(WHOLE_TABLES_PROFILE, 'account')).toBeUndefined();
    const owned = (scope: 'user' | 'team' | 'businessUnit') => filterOf(withFilters({ account: { kind: 'owner', scope } }), 'account');
    expect(owned('user')).toEqual({ kind: 'identity', operator: 'eq-userid', column: 'ownerid' });
    expect(owned('team')).toEqual({ kind: 'identity', operator: 'eq-useroruserteams', column: 'ownerid' });
    expect(owned('businessUnit')).toEqual({ kind: 'identity', operator: 'eq-businessid', column: 'owningbusinessunit' });
  });

  it("sends an OData custom filter as FetchXML, with lookups by logical name", () => {
    const profile = withFilters({ contact: { kind: 'custom', filter: "_parentcustomerid_value ne null and not startswith(fullname,'A')" } });
    expect(sliceQuery(profile, 'contact')).toContain(
      '<filter type="and"><condition attribute="parentcustomerid" operator="not-null"/><condition attribute="fullname" operator="not-like" value="A%"/></filter>',
    );
  });

  it("follows related rows both ways through earlier tables' own slices, nested as link-entities of link-type any", () => {
    const profile = withFilters(
      { bookableresourcebooking: { kind: 'owner', scope: 'user' }, msdyn_workorder: related, account: related, contact: related },
      ['bookableresourcebooking', 'msdyn_workorder', 'account', 'contact'],
    );
    expect(profileIssues(profile)).toEqual([]);
    const found = links(filterOf(profile, 'contact'));
    // contact → its account ← work orders pointing at it ← bookings pointing at those, owned by me.
    expect(found.map((l) => [l.name, l.from, l.to, l.type])).toEqual([
      ['account', 'accountid', 'parentcustomerid', 'any'],
      ['msdyn_workorder', 'msdyn_serviceaccount', 'accountid', 'any'],
      ['bookableresourcebooking', 'msdyn_workorder', 'msdyn_workorderid', 'any'],
    ]);
    expect(found[2].filter).toEqual({ kind: 'identity', operator: 'eq-userid', column: 'ownerid' });
  });

  it('ors the relationships of a table related to several earlier tables, and ignores later ones', () => {
    const profile = withFilters(
      { msdyn_workorder: { kind: 'all' }, msdyn_customerasset: { kind: 'all' }, account: related, contact: related },
      ['account', 'contact', 'msdyn_workorder', 'msdyn_customerasset'],
    );
    expect(downloadOrder(profile)).toEqual(['msdyn_workorder', 'msdyn_customerasset', 'account', 'contact']);
    const account = filterOf(profile, 'account');
    expect(account?.kind).toBe('or');
    expect(links(account).map((l) => l.name)).toEqual(['msdyn_workorder', 'msdyn_customerasset']);
    // contact comes after account, so account's rows do not depend on contacts.
    expect(links(filterOf(profile, 'contact')).map((l) => l.name)).toEqual(['account', 'msdyn_workorder', 'msdyn_customerasset']);
  });

  it('selects nothing for a related table with no earlier table to relate to, as the first download finds nothing', () => {
    const profile = withFilters({ account: related, contact: related });
    expect(filterOf(profile, 'account')).toEqual({ kind: 'compare', operator: 'eq', left: { kind: 'column', name: 'accountid' }, right: { kind: 'literal', type: 'null', value: null } });
  });

  it('gives every link-entity its own alias, even when one FetchXML filter is embedded twice', () => {
    const custom: RowFilter = { kind: 'custom', fetchXml: '<filter><link-entity name="contact" from="parentcustomerid" to="accountid" alias="c" link-type="any"/></filter>' };
    // assets reach the account both directly and through its contacts: the account filter appears twice.
    const found = links(filterOf(triangle(custom), 'msdyn_customerasset'));
    expect(found.map((l) => l.name)).toEqual(['account', 'contact', 'contact', 'account', 'contact']);
    expect(new Set(found.map((l) => l.alias)).size).toBe(found.length);
  });

  it('allows a chain of 15 link-entities and refuses a 16th with a ConfigError naming the table', () => {
    expect(links(filterOf(chain(16), 't15'))).toHaveLength(15);
    expect(() => sliceQuery(chain(17), 't16')).toThrow(ConfigError);
    expect(() => sliceQuery(chain(17), 't16')).toThrow(/Table "t16": its rows are chosen through more than 15 link-entities/);
  });

  it('ends on relationships that form a cycle when read both ways, and on a wide fan-out it stops at the limit', () => {
    const profile = triangle({ kind: 'owner', scope: 'user' });
    expect(profileIssues(profile)).toEqual([]);
    expect(links(filterOf(profile, 'msdyn_customerasset')).map((l) => l.name)).toEqual(['account', 'contact', 'account']);
    // Every table related to every earlier one: the query would double per table, and is refused instead.
    const wide = chain(8);
    wide.relationships = wide.tables.flatMap((from, i) => wide.tables.slice(0, i).map((to) => ({ from: from.logicalName, to: to.logicalName, lookup: '_parent_value' })));
    expect(() => sliceQuery(wide, 't7')).toThrow(/Table "t7"/);
  });

  it('refuses, naming the table, a table outside the profile or a filter FetchXML cannot spell', () => {
    expect(() => sliceQuery(DEFAULT_PROFILE, 'lead')).toThrow(ConfigError);
    const constant = withFilters({ account: { kind: 'custom', filter: '1 eq 1' } });
    expect(() => sliceQuery(constant, 'account')).toThrow(/Table "account": its slice cannot be sent to the server as FetchXML/);
  });
});
