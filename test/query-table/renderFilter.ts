import type { FilterTree } from './filterTree';

const odataLiteral = (value: string | number): string => (typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);
const xmlText = (value: string | number): string =>
  String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * The tree as an OData `$filter`. OData has no `in` the device parses, so a list is an `or` of `eq`s, which is
 * what Dataverse makes of `Microsoft.Dynamics.CRM.In` too.
 */
export function renderOData(tree: FilterTree): string {
  switch (tree.kind) {
    case 'and':
    case 'or':
      return `(${tree.parts.map(renderOData).join(` ${tree.kind} `)})`;
    case 'compare':
      return `${tree.column} ${tree.operator} ${odataLiteral(tree.value)}`;
    case 'null':
      return `${tree.column} ${tree.negated ? 'ne' : 'eq'} null`;
    case 'text':
      return `${tree.fn}(${tree.column},${odataLiteral(tree.value)})`;
    case 'in':
      return `(${tree.values.map((value) => `${tree.column} eq ${odataLiteral(value)}`).join(' or ')})`;
  }
}

/** FetchXML's spelling of each string function: `contains` is `like %v%`, Dataverse's own translation. */
const TEXT_OPERATORS = { contains: 'like', startswith: 'begins-with', endswith: 'ends-with' } as const;

type Leaf = Exclude<FilterTree, { kind: 'and' | 'or' }>;
const isGroup = (tree: FilterTree): tree is Extract<FilterTree, { kind: 'and' | 'or' }> => tree.kind === 'and' || tree.kind === 'or';

function condition(tree: Leaf): string {
  switch (tree.kind) {
    case 'compare':
      return `<condition attribute="${tree.column}" operator="${tree.operator}" value="${xmlText(tree.value)}"/>`;
    case 'null':
      return `<condition attribute="${tree.column}" operator="${tree.negated ? 'not-null' : 'null'}"/>`;
    case 'text': {
      const value = tree.fn === 'contains' ? `%${tree.value}%` : tree.value;
      return `<condition attribute="${tree.column}" operator="${TEXT_OPERATORS[tree.fn]}" value="${xmlText(value)}"/>`;
    }
    case 'in':
      return `<condition attribute="${tree.column}" operator="in">${tree.values.map((value) => `<value>${xmlText(value)}</value>`).join('')}</condition>`;
  }
}

/** The tree as a FetchXML `<filter>`: a leaf alone still sits in one. */
export function renderFetchFilter(tree: FilterTree): string {
  if (isGroup(tree)) {
    const parts = tree.parts.map((part) => (isGroup(part) ? renderFetchFilter(part) : condition(part)));
    return `<filter type="${tree.kind}">${parts.join('')}</filter>`;
  }
  return `<filter>${condition(tree)}</filter>`;
}

/** The FetchXML and OData queries for the same filter over accounts, both answering keys in key order. */
export function accountQueries(tree: FilterTree): { fetchXml: string; odata: string } {
  return {
    fetchXml: `<fetch><entity name="account"><attribute name="accountid"/>${renderFetchFilter(tree)}<order attribute="accountid"/></entity></fetch>`,
    odata: `?$select=accountid&$filter=${encodeURIComponent(renderOData(tree))}&$orderby=accountid`,
  };
}
