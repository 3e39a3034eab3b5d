/** Small fetch helpers shared by the emulator's integration tests. */
import type { RunningEmulator } from './index';

export type Json = Record<string, unknown>;

export async function api(emulator: RunningEmulator, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(path.startsWith('http') ? path : `${emulator.baseUrl}${path}`, init);
}

export async function getJson(emulator: RunningEmulator, path: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await api(emulator, path, { headers });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${String(response.status)}: ${await response.text()}`);
  return (await response.json()) as Json;
}

export async function sendJson(emulator: RunningEmulator, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api(emulator, path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export async function admin(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emulator.origin}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Follows `@odata.nextLink` to the end; answers every row and the last page. */
export async function readAll(emulator: RunningEmulator, path: string, headers: Record<string, string> = {}): Promise<{ rows: Json[]; last: Json; pages: number }> {
  let page = await getJson(emulator, path, headers);
  const rows: Json[] = [...(page.value as Json[])];
  let pages = 1;
  while (typeof page['@odata.nextLink'] === 'string') {
    page = await getJson(emulator, page['@odata.nextLink'], headers);
    rows.push(...(page.value as Json[]));
    pages += 1;
  }
  return { rows, last: page, pages };
}

export function errorCode(body: Json): string {
  return (body.error as { code: string }).code;
}

export function errorMessage(body: Json): string {
  return (body.error as { message: string }).message;
}

/** `GET <set>?fetchXml=…` as the Web API client sends it. */
export async function fetchXml(emulator: RunningEmulator, entitySet: string, xml: string, headers: Record<string, string> = {}): Promise<Response> {
  return api(emulator, `${entitySet}?fetchXml=${encodeURIComponent(xml)}`, { headers });
}

/** The rows a FetchXML query answers; fails the test on any status but 200. */
export async function fetchRows(emulator: RunningEmulator, entitySet: string, xml: string): Promise<Json[]> {
  const response = await fetchXml(emulator, entitySet, xml);
  if (response.status !== 200) throw new Error(`FetchXML answered ${String(response.status)}: ${await response.text()}`);
  return ((await response.json()) as Json).value as Json[];
}
