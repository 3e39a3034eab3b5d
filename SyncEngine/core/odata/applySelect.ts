import { ETAG } from '../../contracts/rows';

/**
 * Projects a row onto `$select` columns the way the Web API answers: the etag always stays, and so do the
 * annotations of a selected column (`_x_value@OData.Community.Display.V1.FormattedValue`…). `alwaysKeep`
 * names columns the server returns regardless, such as the primary key. No select (or an empty one) keeps
 * every column.
 */
export function applySelect(
  row: Record<string, unknown>,
  select: readonly string[] | undefined,
  alwaysKeep: readonly string[] = [],
): Record<string, unknown> {
  if (select === undefined || select.length === 0) return { ...row };
  const wanted = new Set([...select, ...alwaysKeep]);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const at = key.indexOf('@');
    const column = at < 0 ? key : key.slice(0, at);
    if (key === ETAG || wanted.has(column)) result[key] = value;
  }
  return result;
}
