import { malformed } from './httpErrors';

/** Where the next page of a FetchXML query starts: its number, and the server's cookie when it gave one. */
export interface FetchXmlCursor {
  page: number;
  pagingCookie?: string;
}

/** Asks Dataverse for the paging cookie and the more-records flag of a FetchXML answer. */
export const FETCHXML_PAGING_PREFER = 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"';

const PAGING_ATTRIBUTES = /\s(?:page|count|paging-cookie|top|returntotalrecordcount)\s*=\s*("[^"]*"|'[^']*')/g;

/**
 * The query with `count`, `page` and (from the second page) `paging-cookie` set on its `<fetch>`, replacing any the
 * query had, and `returntotalrecordcount` when `countTotal`. The cookie is XML-escaped into the attribute, as
 * Microsoft's paging sample does.
 */
export function withPaging(fetchXml: string, cursor: FetchXmlCursor, pageSize: number, countTotal = false): string {
  const open = /<fetch\b[^>]*?(\/?)>/.exec(fetchXml);
  if (!open) throw new TypeError('FetchXML must start with a <fetch> element.');
  const attributes = open[0].slice('<fetch'.length, open[0].length - (open[1] ? 2 : 1)).replace(PAGING_ATTRIBUTES, '');
  const cookie = cursor.pagingCookie === undefined ? '' : ` paging-cookie="${escapeXml(cursor.pagingCookie)}"`;
  const total = countTotal ? ' returntotalrecordcount="true"' : '';
  const tag = `<fetch${attributes} count="${String(pageSize)}" page="${String(cursor.page)}"${cookie}${total}${open[1]}>`;
  return fetchXml.slice(0, open.index) + tag + fetchXml.slice(open.index + open[0].length);
}

/**
 * The rows a FetchXML query matches, from an answer to `returntotalrecordcount`: `totalrecordcount` (or
 * `@odata.count`) when the server counted them all; nothing when it stopped at its limit (-1, `limitexceeded`).
 */
export function totalCount(body: Record<string, unknown>): number | undefined {
  if (body['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded'] === true) return undefined;
  const count = body['@Microsoft.Dynamics.CRM.totalrecordcount'] ?? body['@odata.count'];
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * The cursor of the page after `page`, from an answer's annotations: none when `morerecords` is absent or false
 * (the last page). The annotation is `<cookie pagenumber="2" pagingcookie="…" istracking="False" />`, whose inner
 * cookie Dataverse URL-encodes twice.
 */
export function nextCursor(body: Record<string, unknown>, page: number): FetchXmlCursor | undefined {
  if (body['@Microsoft.Dynamics.CRM.morerecords'] !== true) return undefined;
  const annotation = body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'];
  if (annotation === undefined) return { page: page + 1 };
  if (typeof annotation !== 'string') throw malformed('FetchXML paging cookie (not text)');
  const inner = /\spagingcookie="([^"]*)"/.exec(annotation);
  if (!inner) return { page: page + 1 };
  try {
    return { page: page + 1, pagingCookie: decodeURIComponent(decodeURIComponent(inner[1])) };
  } catch {
    throw malformed('FetchXML paging cookie (not URL-encoded)');
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
