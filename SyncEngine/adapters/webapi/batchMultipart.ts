import type { HttpFailure } from './httpErrors';
import { malformed } from './httpErrors';
import type { PlannedRequest } from './uploadPlan';

/** Dataverse accepts at most 1000 requests in one `$batch`. */
export const MAX_BATCH_PARTS = 1000;

const CRLF = '\r\n';

/** One part of a `$batch` answer: a complete HTTP response. */
export interface BatchPartResponse extends HttpFailure {
  ok: boolean;
}

export interface BatchBody {
  boundary: string;
  body: string;
}

/**
 * Builds a `multipart/mixed` `$batch` body with one `application/http` part per request and no changeset, so every
 * request stands alone (with `Prefer: odata.continue-on-error` a failure does not stop the rest). `servicePath`
 * is the service root's path (`/api/data/v9.2/`): parts address resources by absolute path, as Dataverse's
 * examples do.
 */
export function buildBatch(requests: PlannedRequest[], servicePath: string, boundary: string): BatchBody {
  const lines: string[] = [];
  for (const request of requests) {
    if (typeof request.body !== 'string' && request.body !== undefined) {
      throw new TypeError('Binary content cannot travel in a $batch part.');
    }
    lines.push(`--${boundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '');
    lines.push(`${request.method} ${servicePath}${request.url} HTTP/1.1`);
    for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
    if (request.body !== undefined && !hasHeader(request.headers, 'Content-Type')) lines.push('Content-Type: application/json');
    lines.push('', request.body ?? '');
  }
  lines.push(`--${boundary}--`, '');
  return { boundary, body: lines.join(CRLF) };
}

/** The boundary of a `multipart/mixed; boundary=…` content type, quoted or not. */
export function boundaryOf(contentType: string | null): string | undefined {
  const match = contentType ? /boundary=("?)([^";\s]+)\1/i.exec(contentType) : null;
  return match ? match[2] : undefined;
}

/**
 * Splits a `$batch` answer into its HTTP responses, in order. A changeset part (nested multipart) contributes its
 * responses in place, so the result lines up with the requests either way.
 */
export function parseBatch(body: string, boundary: string): BatchPartResponse[] {
  const responses: BatchPartResponse[] = [];
  for (const part of splitParts(body, boundary)) {
    const { headers, content } = splitHead(part);
    const nested = boundaryOf(headers.get('content-type') ?? null);
    if (nested) responses.push(...parseBatch(content, nested));
    else responses.push(parseHttpResponse(content));
  }
  return responses;
}

function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  const parts: string[] = [];
  // chunks[0] is the preamble; the chunk after the closing delimiter starts with "--".
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  }
  return parts;
}

/** Headers up to the first blank line; names lower-cased. */
function splitHead(text: string): { headers: Map<string, string>; content: string } {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const content = match ? text.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, content };
}

function parseHttpResponse(text: string): BatchPartResponse {
  const newline = /\r?\n/.exec(text);
  const statusLine = newline ? text.slice(0, newline.index) : text;
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine);
  if (!status) throw malformed('$batch part (no HTTP status line)');
  const rest = newline ? text.slice(newline.index + newline[0].length) : '';
  // A response without a body may end right after its headers, without the blank line.
  const { headers, content } = /\r?\n\r?\n/.test(rest) ? splitHead(rest) : splitHead(`${rest}\r\n\r\n`);
  const code = Number(status[1]);
  return {
    status: code,
    ok: code >= 200 && code < 300,
    body: content.trim(),
    header: (name) => headers.get(name.toLowerCase()) ?? null,
  };
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((key) => key.toLowerCase() === name.toLowerCase());
}
