import { HttpError } from '../http';
import type { EmulatorTable } from '../tables';
import { FETCH_ERRORS, fetchError } from './errors';
import { readXml } from './readXml';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Dataverse writes GUIDs in cookies upper-case in braces. */
function cookieValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return GUID.test(text) ? `{${text.toUpperCase()}}` : text;
}

/**
 * The `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie` of a page: the inner cookie records the page number and
 * the primary key of the page's first and last rows; it travels URL-encoded twice inside an outer cookie that
 * names the next page.
 */
export function pagingCookie(table: EmulatorTable, page: number, firstId: string, lastId: string): string {
  const key = `<${table.primaryId} last="${escapeAttribute(cookieValue(lastId))}" first="${escapeAttribute(cookieValue(firstId))}" />`;
  const inner = `<cookie page="${page}">${key}</cookie>`;
  return `<cookie pagenumber="${page + 1}" pagingcookie="${encodeURIComponent(encodeURIComponent(inner))}" istracking="False" />`;
}

/** What a `paging-cookie` says: the page it was issued for and the primary key of that page's last row. */
export interface PagingCookie {
  page: number;
  lastId?: string;
}

export function readPagingCookie(text: string, table: EmulatorTable): PagingCookie {
  let cookie;
  try {
    cookie = readXml(text);
  } catch (error) {
    const reason = error instanceof HttpError ? error.message : 'it is not XML';
    throw fetchError(FETCH_ERRORS.invalidArgument, `The paging-cookie is not valid: ${reason}`);
  }
  const page = Number(cookie.attributes.get('page'));
  if (cookie.name !== 'cookie' || !Number.isInteger(page) || page < 1) {
    throw fetchError(FETCH_ERRORS.invalidArgument, 'The paging-cookie is not valid: expected <cookie page="N">.');
  }
  const last = cookie.children.find((child) => child.name === table.primaryId)?.attributes.get('last');
  const id = last?.replace(/^\{|\}$/g, '').toLowerCase();
  return { page, lastId: id !== undefined && GUID.test(id) ? id : undefined };
}
