import { QueryError } from '../../contracts/errors';
import type { ProfileTable } from '../../contracts/profile';
import { storedColumn, type FilterNode, type LinkNode, type OperandNode } from '../odata';

/** A join bound to a device table: `to` is the key the parent's value has in the joined row. */
export interface BoundJoin {
  node: LinkNode;
  table: ProfileTable;
  prefix: string;
  from: string;
  to: string;
  filter?: FilterNode;
  outer: boolean;
  joins: BoundJoin[];
}

export interface BoundSemiJoin {
  link: LinkNode;
  table: ProfileTable;
}

/**
 * Binds a query tree's names to the device: each link-entity to a profile table (refusing tables that are not
 * offline), each column to the column the store keeps (`parentcustomerid` → `_parentcustomerid_value`), and
 * collects the semi-joins the filter needs.
 */
export class Binder {
  readonly semiJoins: BoundSemiJoin[] = [];

  constructor(private readonly tables: ReadonlyMap<string, ProfileTable>) {}

  table(link: LinkNode): ProfileTable {
    const table = this.tables.get(link.name);
    if (!table) {
      throw new QueryError(`The link-entity "${link.name}" (alias "${link.alias}") joins a table that is not available offline: it is not in the offline profile.`);
    }
    return table;
  }

  join(link: LinkNode, parent: ProfileTable, parentPrefix: string): BoundJoin {
    const table = this.table(link);
    const own = (name: string): string => this.column(table, name, `link-entity "${link.alias}"`);
    const prefix = `${link.alias}.`;
    return {
      node: link,
      table,
      prefix,
      from: own(link.from),
      to: parentPrefix + this.column(parent, link.to, parentPrefix === '' ? 'entity' : `link-entity "${parentPrefix.slice(0, -1)}"`),
      filter: link.filter ? this.filter(link.filter, own) : undefined,
      outer: link.type === 'outer',
      joins: link.links.map((child) => this.join(child, table, prefix)),
    };
  }

  /** A column of the queried table, or `alias.column` of a joined one (FetchXML `entityname`). */
  rootColumn(name: string, table: ProfileTable, joins: readonly BoundJoin[]): string {
    const dot = name.indexOf('.');
    if (dot < 0) return this.column(table, name, 'entity');
    const alias = name.slice(0, dot);
    const join = flatten(joins).find((candidate) => candidate.node.alias === alias);
    if (!join) throw new QueryError(`The entityname "${alias}" (in "${name}") names no link-entity alias of this query.`);
    return join.prefix + this.column(join.table, name.slice(dot + 1), `link-entity "${alias}"`);
  }

  /** The device column a query column reads: as written, or the `_x_value` form of a lookup. */
  column(table: ProfileTable, name: string, where: string): string {
    const stored = storedColumn(table.columns, name);
    if (stored === undefined) throw new QueryError(`Column "${name}" of table "${table.logicalName}" (${where}) is not available offline.`);
    return stored;
  }

  filter(node: FilterNode, column: (name: string) => string): FilterNode {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { ...node, left: this.filter(node.left, column), right: this.filter(node.right, column) };
      case 'not':
        return { ...node, operand: this.filter(node.operand, column) };
      case 'compare': {
        const side = (operand: OperandNode): OperandNode => (operand.kind === 'column' ? { kind: 'column', name: column(operand.name) } : operand);
        return { ...node, left: side(node.left), right: side(node.right) };
      }
      case 'exists': {
        const link = node.link;
        const table = this.table(link);
        const own = (name: string): string => {
          if (name.includes('.')) throw new QueryError(`Conditions on other link-entities inside link-entity "${link.alias}" are not supported offline ("${name}").`);
          return this.column(table, name, `link-entity "${link.alias}"`);
        };
        const bound: LinkNode = { ...link, from: own(link.from), to: column(link.to), filter: link.filter ? this.filter(link.filter, own) : undefined };
        this.semiJoins.push({ link: bound, table });
        return { kind: 'exists', link: bound };
      }
      default:
        return { ...node, column: column(node.column) };
    }
  }
}

/** Every join of the tree, parents before children, in document order. */
export function flatten(joins: readonly BoundJoin[]): BoundJoin[] {
  return joins.flatMap((join) => [join, ...flatten(join.joins)]);
}
