import { ConfigError, type SyncEngineError } from '../../contracts/errors';
import type { UploadRequest } from '../../contracts/RemoteSource';
import { ETAG } from '../../contracts/rows';
import { httpError, isRecord, malformed, type HttpFailure } from './httpErrors';
import type { ODataRequest } from './ODataHttp';

/** The HTTP request one outbox entry becomes, before it is sent alone or as a `$batch` part. */
export type PlannedRequest = Pick<ODataRequest, 'method' | 'url' | 'headers' | 'body'>;

/** What a response means for the change. `conflict` still needs the server row read before it is a result. */
export type UploadOutcome =
  | { kind: 'ok'; etag?: string }
  | { kind: 'conflict' }
  | { kind: 'failed'; error: SyncEngineError };

const JSON_TYPE = 'application/json';
/** Create and update answer the row's etag in the body, so the next change of the row can carry it. */
const RETURN_REPRESENTATION = 'return=representation';

export function entityUrl(entitySet: string, id: string): string {
  return `${entitySet}(${encodeURIComponent(id)})`;
}

/** Maps an outbox entry to its Web API call. File content goes as raw bytes, so it never rides in a `$batch`. */
export function planUpload(request: UploadRequest): PlannedRequest {
  const { entry, entitySet, primaryId } = request;
  const row = entityUrl(entitySet, entry.rowId);
  const select = `?$select=${encodeURIComponent(primaryId)}`;
  switch (entry.op) {
    case 'create':
      return {
        method: 'POST',
        url: `${entitySet}${select}`,
        headers: { 'Content-Type': JSON_TYPE, Prefer: RETURN_REPRESENTATION },
        body: JSON.stringify({ ...withoutKey(entry.data, primaryId), [primaryId]: entry.rowId }),
      };
    case 'update':
      return {
        method: 'PATCH',
        url: `${row}${select}`,
        // `If-Match: *` so an update of a row deleted on the server fails instead of re-creating it (upsert).
        headers: { 'Content-Type': JSON_TYPE, Prefer: RETURN_REPRESENTATION, 'If-Match': request.ifMatch ?? '*' },
        body: JSON.stringify(withoutKey(entry.data, primaryId)),
      };
    case 'delete':
      return { method: 'DELETE', url: row, headers: request.ifMatch ? { 'If-Match': request.ifMatch } : {} };
    case 'fileAdd':
    case 'imageAdd':
      return planAttachment(request, row);
    case 'fileRemove':
    case 'imageRemove':
      return { method: 'DELETE', url: `${row}/${encodeURIComponent(attachmentColumn(request))}` };
  }
}

export function isBinary(request: UploadRequest): boolean {
  return request.entry.op === 'fileAdd' || request.entry.op === 'imageAdd';
}

function planAttachment(request: UploadRequest, row: string): PlannedRequest {
  const attachment = request.entry.attachment;
  if (attachment?.base64 === undefined) {
    throw new ConfigError(`The ${request.entry.op} change of ${row} carries no content.`);
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (attachment.fileName) headers['x-ms-file-name'] = headerSafe(attachment.fileName);
  return {
    method: 'PATCH',
    url: `${row}/${encodeURIComponent(attachmentColumn(request))}`,
    headers,
    body: decodeBase64(attachment.base64),
  };
}

function attachmentColumn(request: UploadRequest): string {
  const column = request.entry.attachment?.column;
  if (!column) throw new ConfigError(`The ${request.entry.op} change of ${request.entry.rowId} names no column.`);
  return column;
}

/** Interprets the answer to a planned upload. Never throws: the caller decides what must stop the pass. */
export function interpretUpload(request: UploadRequest, response: HttpFailure & { ok: boolean }): UploadOutcome {
  const op = request.entry.op;
  if (response.ok) {
    const success = successBody(response.body);
    // A 2xx that is not Dataverse's answer (a captive portal's page, a garbled body) proves nothing: the request may
    // never have arrived, or the server refused it (a 412) and a proxy mangled the answer. The outcome is unknown.
    if (!success) return { kind: 'failed', error: malformed('answer to an upload', response.status) };
    const header = response.header('ETag');
    return { kind: 'ok', etag: header ? header : success.etag };
  }
  const error = httpError(response);
  // A create answered "already exists" is not taken for success here: the row may be someone else's (an alternate
  // key), so the engine reads it and decides (core/sync/uploadChanges.ts).
  // Deleting something already gone reaches the state the user asked for.
  if (response.status === 404 && (op === 'delete' || op === 'fileRemove' || op === 'imageRemove')) return { kind: 'ok' };
  // A 412 that names a duplicate key is a refusal of the values, not a version mismatch.
  if (error.code === 'conflict' && request.ifMatch !== undefined && (op === 'update' || op === 'delete')) {
    return { kind: 'conflict' };
  }
  return { kind: 'failed', error };
}

/**
 * A success body as Dataverse sends it: none (204, or `return=representation` not honoured) or a JSON object, whose
 * `@odata.etag` is the row's new etag. `undefined` for anything else.
 */
function successBody(body: string): { etag?: string } | undefined {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRecord(parsed)) return undefined;
    return typeof parsed[ETAG] === 'string' ? { etag: parsed[ETAG] } : {};
  } catch {
    return undefined;
  }
}

function withoutKey(data: Record<string, unknown> | undefined, primaryId: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  // The key travels in the URL (update) or is set from the outbox entry (create); the etag is not a column.
  Reflect.deleteProperty(copy, primaryId);
  Reflect.deleteProperty(copy, ETAG);
  return copy;
}

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Header values must be ASCII; non-ASCII names go percent-encoded rather than failing the upload. */
function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
