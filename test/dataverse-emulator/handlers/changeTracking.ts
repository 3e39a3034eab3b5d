import type { HandlerContext } from '../context';
import type { TableState } from '../store';
import { decodeDeltaToken, encodeDeltaToken } from '../tokens';
import { wireRowJson } from '../wire';
import type { CollectionQuery, Page } from './query';

/**
 * First pass of change tracking: every row, paged by primary key. The version current when the first page
 * was served travels in the cursor and becomes the delta token, so rows changed while the client pages
 * come back in the next delta even if their page was already served.
 */
export function fullTrackedPage(context: HandlerContext, state: TableState, query: CollectionQuery): Page {
  const cursor = query.cursor?.kind === 'full' ? query.cursor : { kind: 'full' as const, after: '', since: context.store.version };
  const ids = context.store.sortedIds(state);
  let start = 0;
  let end = ids.length;
  while (start < end) {
    const middle = (start + end) >>> 1;
    if (ids[middle] <= cursor.after) start = middle + 1;
    else end = middle;
  }
  const pageIds = ids.slice(start, start + query.pageSize);
  const value = pageIds.flatMap((id) => {
    const row = state.rows.get(id);
    return row ? [wireRowJson(state, row, query.options.select)] : [];
  });
  if (start + query.pageSize < ids.length) {
    return { value, next: { kind: 'full', after: pageIds[pageIds.length - 1], since: cursor.since } };
  }
  return { value, deltaToken: encodeDeltaToken(cursor.since, context.store.tokenGeneration) };
}

/**
 * A delta: the latest state of each row changed after the token, deletions as `$deletedEntity` entries.
 * Changes made while the client pages are left for the next delta (the upper bound is fixed on page one).
 */
export function deltaPage(context: HandlerContext, state: TableState, query: CollectionQuery): Page {
  const { store } = context;
  const since = decodeDeltaToken(query.deltaToken ?? '', store, state.table.entitySet);
  const cursor = query.cursor?.kind === 'delta' ? query.cursor : { kind: 'delta' as const, since, upto: store.version, offset: 0 };
  const changes = store.changesBetween(state, cursor.since, cursor.upto);
  const slice = changes.slice(cursor.offset, cursor.offset + query.pageSize);
  const value = slice.map((change) => {
    const row = change.deleted ? undefined : state.rows.get(change.id);
    if (row) return wireRowJson(state, row, query.options.select);
    return JSON.stringify({
      '@odata.context': `${context.baseUrl}$metadata#${state.table.entitySet}/$deletedEntity`,
      id: change.id,
      reason: 'deleted',
    });
  });
  const nextOffset = cursor.offset + query.pageSize;
  if (nextOffset < changes.length) return { value, next: { ...cursor, offset: nextOffset } };
  return { value, deltaToken: encodeDeltaToken(cursor.upto, store.tokenGeneration) };
}
