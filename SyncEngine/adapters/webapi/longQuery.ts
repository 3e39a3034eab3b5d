import { QueryError } from '../../contracts/errors';
import { boundaryOf, buildBatch, parseBatch } from './batchMultipart';
import { httpError, malformed } from './httpErrors';
import type { ODataHttp, ODataResponse } from './ODataHttp';

/** Dataverse refuses a GET URL longer than this (HTTP 414); a longer query travels inside `$batch`. */
export const MAX_GET_URL_LENGTH = 32_768;
/** The longest URL a GET part of a `$batch` may carry. */
export const MAX_BATCH_GET_URL_LENGTH = 65_536;

/**
 * Sends a collection GET, as a GET part inside `POST $batch` when its URL is over Dataverse's 32,768-character
 * limit (a FetchXML query with a long `in` list, say), and answers as if it had been sent alone.
 */
export async function sendQuery(http: ODataHttp, url: string, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<ODataResponse> {
  const absolute = new URL(url, http.baseUrl).href;
  if (absolute.length <= MAX_GET_URL_LENGTH) return http.send({ method: 'GET', url, headers, signal });
  if (absolute.length > MAX_BATCH_GET_URL_LENGTH) {
    throw new QueryError(`The query is ${String(absolute.length)} characters long; Dataverse reads at most ${String(MAX_BATCH_GET_URL_LENGTH)}, even inside $batch.`);
  }
  const servicePath = new URL(http.baseUrl).pathname;
  const relative = absolute.slice(new URL(http.baseUrl).href.length);
  const boundary = `batch_${Math.random().toString(36).slice(2)}`;
  const { body } = buildBatch([{ method: 'GET', url: relative, headers: { Accept: 'application/json', ...headers } }], servicePath, boundary);
  const response = await http.send({ method: 'POST', url: '$batch', headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }, body, signal });
  if (!response.ok) return response;
  const responseBoundary = boundaryOf(response.header('Content-Type'));
  if (!responseBoundary) throw malformed('$batch answer (not multipart)', response.status);
  const part = parseBatch(response.body, responseBoundary).at(0);
  if (!part) throw malformed('$batch answer (missing part)', response.status);
  return { ...part, header: (name) => part.header(name), bytes: new TextEncoder().encode(part.body).length, error: () => httpError(part) };
}
