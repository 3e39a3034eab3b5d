import { DeltaExpiredError } from '../../contracts/errors';

/**
 * The state of an incremental download by `modifiedon`, carried in the opaque `nextLink` / `deltaLink` strings the
 * engine stores and hands back. Versioned so a link written by another build is refused (a full download follows)
 * instead of misread.
 */
export interface ModifiedOnState {
  /** Query string of the client API's own next page (`?$select=…&$skiptoken=…`), when a page follows. */
  next?: string;
  /** Lower bound (exclusive, epoch ms) of this download; absent for a full download. */
  since?: number;
  /** Greatest `modifiedon` seen so far in this download (epoch ms): the next delta's lower bound. */
  max?: number;
}

const PREFIX = 'modifiedon-sync:v1:';

export function encodeLink(state: ModifiedOnState): string {
  return `${PREFIX}${encodeURIComponent(JSON.stringify(state))}`;
}

/** A link this adapter did not write (e.g. a change-tracking link from `WebApiRemote`) cannot be resumed. */
export function decodeLink(link: string): ModifiedOnState {
  if (!link.startsWith(PREFIX)) throw new DeltaExpiredError('The sync link was not written by this adapter.');
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(link.slice(PREFIX.length)));
    if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
    const { next, since, max } = parsed as Record<string, unknown>;
    return {
      next: typeof next === 'string' ? next : undefined,
      since: typeof since === 'number' ? since : undefined,
      max: typeof max === 'number' ? max : undefined,
    };
  } catch (error) {
    throw new DeltaExpiredError('The sync link is unreadable.', { cause: error });
  }
}

/** The query of the first page of a download: everything (full) or what changed after `since` (delta). */
export function firstPageQuery(columns: string[], since?: number): string {
  const select = `?$select=${columns.join(',')}`;
  const filter = since === undefined ? '' : `&$filter=modifiedon gt ${new Date(since).toISOString()}`;
  return `${select}${filter}&$orderby=modifiedon asc`;
}

/** The client API wants options, not a URL: keep the query of its `nextLink`. */
export function queryOf(nextLink: string): string {
  const question = nextLink.indexOf('?');
  return question < 0 ? '' : nextLink.slice(question);
}

/** Greatest `modifiedon` among `rows` and `current`; rows without a readable value do not move it. */
export function latestModifiedOn(rows: Record<string, unknown>[], current?: number): number | undefined {
  let max = current;
  for (const row of rows) {
    const value = row.modifiedon;
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isNaN(time) && (max === undefined || time > max)) max = time;
  }
  return max;
}
