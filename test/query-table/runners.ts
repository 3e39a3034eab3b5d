import type { Row } from '../../SyncEngine/contracts/rows';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import type { RunningEmulator } from '../dataverse-emulator';
import type { QueryEntry } from './QueryEntry';

/** An answer as the tests compare it: the rows, and `@odata.count` when the server gave one. */
export interface Answer {
  rows: Row[];
  totalCount?: number;
}

/** Pages a runaway paging loop may read before the test calls it a hang. */
const MAX_PAGES = 200;

/** `<fetch …>` with one more attribute (or one replaced). */
export function withFetchAttribute(fetchXml: string, name: string, value: string): string {
  const open = /^<fetch\b[^>]*>/.exec(fetchXml);
  if (!open) throw new Error(`Not a FetchXML query: ${fetchXml.slice(0, 40)}`);
  const without = open[0].replace(new RegExp(`\\s${name}="[^"]*"`), '');
  return `${without.replace(/^<fetch/, `<fetch ${name}="${value}"`)}${fetchXml.slice(open[0].length)}`;
}

/** engine.offline's answer; with `allPages`, page after page (offline paging is by page number) to the end. */
export async function deviceAnswer(engine: SyncEngine, query: QueryEntry): Promise<Answer> {
  const run = async (xml: string): Promise<Row[]> =>
    (await engine.offline.retrieveMultipleRecords(query.table, `?fetchXml=${encodeURIComponent(xml)}`)).entities;
  if (query.allPages !== true) return { rows: await run(query.fetchXml) };
  const size = Number(/\bcount="(\d+)"/.exec(query.fetchXml)?.[1] ?? '5000');
  const rows: Row[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const found = await run(withFetchAttribute(query.fetchXml, 'page', String(page)));
    rows.push(...found);
    if (found.length < size) return { rows };
  }
  throw new Error(`engine.offline kept answering full pages for "${query.name}".`);
}

const PREFER = 'odata.include-annotations="Microsoft.Dynamics.CRM.fetchxmlpagingcookie,Microsoft.Dynamics.CRM.morerecords"';

async function getPage(emulator: RunningEmulator, query: QueryEntry, xml: string): Promise<Record<string, unknown>> {
  const url = `${emulator.baseUrl}${query.entitySet}?fetchXml=${encodeURIComponent(xml)}`;
  const response = await fetch(url, { headers: { Accept: 'application/json', Prefer: PREFER } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${query.entitySet}?fetchXml= answered ${String(response.status)}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The page after `page`, as Microsoft documents it: the cookie's `pagingcookie` decoded twice, XML-escaped
 * into `paging-cookie`, and `page` set to the cookie's `pagenumber`.
 */
export function nextPageQuery(fetchXml: string, cookie: string): string {
  const inner = /pagingcookie="([^"]*)"/.exec(cookie)?.[1];
  const number = /pagenumber="(\d+)"/.exec(cookie)?.[1];
  if (inner === undefined || number === undefined) throw new Error(`Unreadable paging cookie: ${cookie}`);
  const decoded = decodeURIComponent(decodeURIComponent(inner));
  const escaped = decoded.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return withFetchAttribute(withFetchAttribute(fetchXml, 'page', number), 'paging-cookie', escaped);
}

/** The emulator's answer over HTTP; with `allPages`, following the paging cookie while morerecords says so. */
export async function emulatorAnswer(emulator: RunningEmulator, query: QueryEntry): Promise<Answer> {
  let page = await getPage(emulator, query, query.fetchXml);
  const totalCount = typeof page['@odata.count'] === 'number' ? page['@odata.count'] : undefined;
  const rows = [...(page.value as Row[])];
  if (query.allPages !== true) return { rows, totalCount };
  let xml = query.fetchXml;
  for (let pages = 1; page['@Microsoft.Dynamics.CRM.morerecords'] === true; pages += 1) {
    if (pages >= MAX_PAGES) throw new Error(`The emulator kept saying morerecords for "${query.name}".`);
    const cookie = page['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'];
    if (typeof cookie !== 'string') throw new Error(`morerecords without a paging cookie for "${query.name}".`);
    xml = nextPageQuery(xml, cookie);
    page = await getPage(emulator, query, xml);
    rows.push(...(page.value as Row[]));
  }
  return { rows, totalCount };
}
