import { type ApiRequest, type ApiResponse, STATUS_TEXT, badRequest } from './http';

/** One MIME part of a `multipart/mixed` body: lower-cased headers and the raw content after the blank line. */
export interface MimePart {
  headers: Partial<Record<string, string>>;
  body: string;
}

const CRLF = '\r\n';

/** The boundary of a `multipart/mixed` content type, or undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/mixed\b/i.test(contentType.trim())) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] || match[2]) : undefined;
}

function parseHeaders(block: string): Partial<Record<string, string>> {
  const headers: Partial<Record<string, string>> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits headers from content at the first empty line; both CRLF and bare LF are accepted, as clients vary. */
function splitEntity(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

export function splitMultipart(text: string, boundary: string): MimePart[] {
  const chunks = text.split(`--${boundary}`);
  const parts: MimePart[] = [];
  let closed = false;
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) {
      closed = true;
      break;
    }
    const content = chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '');
    const { head, body } = splitEntity(content);
    parts.push({ headers: parseHeaders(head), body });
  }
  if (!closed) throw badRequest(`The multipart body is missing its closing delimiter --${boundary}--.`);
  return parts;
}

/** Reads the HTTP request inside an `application/http` part; the URL may be absolute, rooted or relative. */
export function parseHttpPart(part: MimePart, serviceRoot: string): ApiRequest {
  const { head, body } = splitEntity(part.body);
  const [requestLine = '', ...headerLines] = head.split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d\.\d)?$/.exec(requestLine.trim());
  if (!match) throw badRequest(`The batch part request line '${requestLine}' is invalid.`);
  const [, method, url] = match;
  const rootPath = new URL(serviceRoot).pathname;
  let target = url.startsWith('http://') || url.startsWith('https://') ? url.slice(new URL(url).origin.length) : url;
  if (target.startsWith(rootPath)) target = target.slice(rootPath.length);
  else if (target.startsWith('/')) target = target.slice(1);
  const question = target.indexOf('?');
  return {
    method,
    path: question < 0 ? target : target.slice(0, question),
    query: question < 0 ? '' : target.slice(question + 1),
    headers: parseHeaders(headerLines.join('\n')),
    body: Buffer.from(body.replace(/\s+$/, ''), 'utf8'),
  };
}

/** An `application/http` response part, with the request's Content-ID echoed when it had one. */
export function formatHttpPart(response: ApiResponse, contentId?: string): string {
  const partHeaders = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId !== undefined) partHeaders.push(`Content-ID: ${contentId}`);
  const statusLine = `HTTP/1.1 ${String(response.status)} ${STATUS_TEXT[response.status] ?? ''}`.trimEnd();
  const headers = Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`);
  const body = response.body === undefined ? '' : response.body.toString();
  return [...partHeaders, '', statusLine, ...headers, '', body].join(CRLF);
}

/** Wraps parts in a multipart body: delimiter, part, …, closing delimiter. */
export function formatMultipart(boundary: string, parts: readonly string[]): string {
  return parts.map((part) => `--${boundary}${CRLF}${part}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}
