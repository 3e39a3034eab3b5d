import { ConfigError } from '../../contracts/errors';
import type { FilterNode } from './FilterNode';
import { parseFilter } from './parseFilter';

export interface OrderByItem {
  column: string;
  descending: boolean;
}

/** The system query options of a Web API collection request, parsed. */
export interface QueryOptions {
  select?: string[];
  filter?: FilterNode;
  orderBy?: OrderByItem[];
  top?: number;
  count?: boolean;
  /** Kept verbatim: expansion is the server's business, the engine only needs to know it was asked for. */
  expand?: string;
}

const COLUMN = /^[A-Za-z_]\w*$/;

/**
 * Parses `?$select=…&$filter=…&$orderby=…&$top=…&$count=…&$expand=…` (leading `?` optional, URL-encoded or
 * not). Parameters not starting with `$` (parameter aliases) are ignored, as are `$skiptoken` and
 * `$deltatoken`, which only servers interpret. `+` stays a plus: Web API clients encode spaces as `%20`,
 * and a date offset such as `+02:00` must survive.
 * @throws ConfigError for an unknown or repeated option or an invalid value.
 */
export function parseQueryOptions(query: string): QueryOptions {
  const options: QueryOptions = {};
  const seen = new Set<string>();
  const text = query.startsWith('?') ? query.slice(1) : query;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = decode(separator < 0 ? pair : pair.slice(0, separator)).trim().toLowerCase();
    const value = decode(separator < 0 ? '' : pair.slice(separator + 1)).trim();
    if (!name.startsWith('$') || name === '$skiptoken' || name === '$deltatoken') continue;
    if (seen.has(name)) throw new ConfigError(`The query option ${name} is specified more than once.`);
    seen.add(name);
    applyOption(options, name, value);
  }
  return options;
}

function applyOption(options: QueryOptions, name: string, value: string): void {
  switch (name) {
    case '$select':
      options.select = parseColumnList(value, '$select');
      return;
    case '$filter':
      options.filter = parseFilter(value);
      return;
    case '$orderby':
      options.orderBy = parseOrderBy(value);
      return;
    case '$top':
      options.top = parseTop(value);
      return;
    case '$count':
      options.count = parseCount(value);
      return;
    case '$expand':
      if (value === '') throw new ConfigError('$expand needs a value.');
      options.expand = value;
      return;
    default:
      throw new ConfigError(`The query option ${name} is not supported.`);
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new ConfigError(`The query string contains an invalid escape sequence: ${text}`, { cause: error });
  }
}

function parseColumnList(value: string, option: string): string[] {
  const columns = value.split(',').map((part) => part.trim());
  for (const column of columns) {
    if (!COLUMN.test(column)) throw new ConfigError(`${option} contains an invalid column name '${column}'.`);
  }
  return columns;
}

function parseOrderBy(value: string): OrderByItem[] {
  return value.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const [column, direction = 'asc', ...extra] = words;
    const lowerDirection = direction.toLowerCase();
    if (!COLUMN.test(column) || extra.length > 0 || (lowerDirection !== 'asc' && lowerDirection !== 'desc')) {
      throw new ConfigError(`$orderby contains an invalid item '${part.trim()}'.`);
    }
    return { column, descending: lowerDirection === 'desc' };
  });
}

function parseTop(value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`$top must be a non-negative integer, not '${value}'.`);
  return Number(value);
}

function parseCount(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw new ConfigError(`$count must be true or false, not '${value}'.`);
  return lower === 'true';
}
