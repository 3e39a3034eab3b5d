import {
  AbortedError,
  AlreadyExistsError,
  NetworkError,
  PrivilegeError,
  RecordNotFoundError,
  RejectedError,
  ServerBusyError,
  SyncEngineError,
  toSyncError,
} from '../../contracts/errors';
import { DATAVERSE_CODES, httpError, isRecord } from './httpErrors';

/** Service protection limits: requests, execution time, concurrency (REFERENCE.md). */
const SERVER_BUSY_CODES = new Set(['0x80072322', '0x80072321', '0x80072326']);
/** "Principal user is missing privilege" (SecLib::AccessCheck). */
const PRIVILEGE_CODE = '0x80040220';

/**
 * Maps a rejection of `context.webAPI` / `Xrm.WebApi` to the catalogue. The client API hides the HTTP status and
 * `Retry-After`; what it gives is `{ errorCode: number, message }`, the Dataverse code as a (possibly negative)
 * 32-bit number. Some hosts add a `status`; when present the HTTP mapping decides. A rejection without any code is
 * taken as the network (the client API rejects with a plain `Error` when the request never reached the server).
 */
export function clientApiError(error: unknown): SyncEngineError {
  if (error instanceof SyncEngineError) return error;
  if (!isRecord(error) && !(error instanceof Error)) return toSyncError(error);
  const fields = error as Record<string, unknown>;
  const message = typeof fields.message === 'string' && fields.message ? fields.message : 'The request failed.';
  if (fields.name === 'AbortError') return new AbortedError('The operation was cancelled.', { cause: error });
  const code = hexCode(fields.errorCode) ?? hexCode(fields.code);
  if (code === undefined && typeof fields.status !== 'number') {
    return new NetworkError(`Network failure: ${message}`, { cause: error });
  }
  if (typeof fields.status === 'number') {
    const body = JSON.stringify({ error: { code: code ?? '', message } });
    return httpError({ status: fields.status, body, header: () => null });
  }
  return byCode(code ?? '', message, error);
}

function byCode(code: string, message: string, cause: unknown): SyncEngineError {
  const options = { serverCode: code, cause };
  if (code === DATAVERSE_CODES.alreadyExists || code === DATAVERSE_CODES.duplicateEntityKey) return new AlreadyExistsError(message, options);
  if (code === DATAVERSE_CODES.notFound) return new RecordNotFoundError(message, options);
  if (SERVER_BUSY_CODES.has(code)) return new ServerBusyError('The server is busy.', options);
  if (code === PRIVILEGE_CODE) return new PrivilegeError(message, options);
  return new RejectedError(message, options);
}

/** `2147746359` and `-2147220937` both mean `0x80040237`; strings already in hex pass through. */
function hexCode(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value !== 0) {
    return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
  }
  if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value)) return value.toLowerCase();
  return undefined;
}
