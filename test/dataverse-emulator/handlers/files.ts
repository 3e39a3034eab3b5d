import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, HttpError, badRequest, emptyResponse, jsonResponse, notFound } from '../http';
import { isoSeconds } from '../random';
import type { TableState } from '../store';
import { contextUrl } from '../wire';

const COLUMN = /^[a-z_][a-z0-9_]*$/i;

/**
 * Requests addressed to one column of a row: `<set>(<id>)/<column>[/$value]`. File and image columns hold
 * binary content; ordinary columns can be read or cleared one at a time. Any column name that is not an
 * ordinary column counts as a file column, so tests need not declare them.
 */
export function handleColumn(
  context: HandlerContext,
  state: TableState,
  id: string,
  segments: readonly string[],
  request: ApiRequest,
): ApiResponse {
  const column = segments[0];
  const value = segments.at(1);
  if (!COLUMN.test(column) || segments.length > 2 || (value !== undefined && value !== '$value')) {
    throw new HttpError(404, '0x80060888', `Resource not found for the segment '${segments.join('/')}'.`);
  }
  const row = state.rows.get(id);
  if (!row) throw notFound();
  const ordinary = state.table.columns.includes(column);
  switch (request.method) {
    case 'GET':
      return ordinary ? readColumn(context, state, row.data[column], column) : readFile(state, id, column);
    case 'PATCH':
    case 'PUT':
      if (ordinary) throw badRequest(`'${column}' is not a file or image column.`);
      return writeFile(context, state, id, column, request);
    case 'DELETE':
      if (ordinary) {
        if (column === state.table.primaryId) throw badRequest('The primary key cannot be cleared.');
        context.store.put(state, id, { ...row.data, [column]: null, modifiedon: isoSeconds(Date.now()) });
        return emptyResponse(204);
      }
      if (!context.store.getFile(state, id, column)) throw notFound(`No file is attached to '${column}'.`);
      context.store.setFile(state, id, column, undefined);
      return emptyResponse(204);
    default:
      throw new HttpError(405, '0x80060888', `${request.method} is not supported on a column.`);
  }
}

function readColumn(context: HandlerContext, state: TableState, value: unknown, column: string): ApiResponse {
  if (value === null || value === undefined) return emptyResponse(204);
  return jsonResponse(200, { '@odata.context': `${contextUrl(context, state, undefined)}/${column}`, value });
}

function readFile(state: TableState, id: string, column: string): ApiResponse {
  const file = state.files.get(`${id}/${column}`);
  if (!file) throw notFound(`No file is attached to '${column}'.`);
  return {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'x-ms-file-name': file.fileName,
      'x-ms-file-size': String(file.content.length),
      'Content-Disposition': `attachment; filename="${file.fileName.replace(/"/g, '')}"`,
    },
    body: file.content,
  };
}

function writeFile(context: HandlerContext, state: TableState, id: string, column: string, request: ApiRequest): ApiResponse {
  const contentType = request.headers['content-type'] ?? 'application/octet-stream';
  if (contentType.startsWith('application/json')) throw badRequest(`'${column}' expects binary content (application/octet-stream).`);
  const fileName = request.headers['x-ms-file-name'] ?? `${column}.bin`;
  context.store.setFile(state, id, column, { fileName, contentType, content: Buffer.from(request.body) });
  return emptyResponse(204);
}
