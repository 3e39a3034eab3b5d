import type { ColumnValue, Row } from '../../contracts/rows';
import { RecordNotFoundError, RejectedError } from '../../contracts/errors';
import type { SyncEngineError } from '../../contracts/errors';

/** The part of `Xrm.WebApi.offline` the store uses, typed here so the engine needs no Xrm typings. */
export interface XrmOfflineWebApi {
  isAvailableOffline(entityLogicalName: string): boolean;
  retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Row>;
  retrieveMultipleRecords(
    entityLogicalName: string,
    options?: string,
    maxPageSize?: number,
  ): Promise<{ entities: Row[]; nextLink?: string }>;
  createRecord(entityLogicalName: string, data: Row): Promise<{ id: string }>;
  updateRecord(entityLogicalName: string, id: string, data: Row): Promise<{ id: string }>;
  deleteRecord(entityLogicalName: string, id: string): Promise<{ id: string }>;
}

const METHODS: (keyof XrmOfflineWebApi)[] = [
  'isAvailableOffline',
  'retrieveRecord',
  'retrieveMultipleRecords',
  'createRecord',
  'updateRecord',
  'deleteRecord',
];

/**
 * `Xrm.WebApi.offline` when the host has it (the mobile player with offline enabled), else `null`. Browsers
 * expose `Xrm.WebApi` without a working `offline`, so every method is checked, not just the object.
 */
export function detectOfflineWebApi(xrm: unknown): XrmOfflineWebApi | null {
  const offline = property(property(xrm, 'WebApi'), 'offline');
  if (typeof offline !== 'object' || offline === null) return null;
  return METHODS.every((m) => typeof property(offline, m) === 'function') ? (offline as XrmOfflineWebApi) : null;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Dataverse "Does Not Exist", as Xrm reports it: signed or unsigned. */
const NOT_FOUND_CODES = new Set([-2147220969, 0x80040217]);

export function isNotFound(error: unknown): boolean {
  const code = property(error, 'errorCode');
  return typeof code === 'number' && NOT_FOUND_CODES.has(code);
}

/** Xrm rejects with `{ errorCode, message }` objects; a local write the host refuses will not succeed on retry. */
export function hostError(error: unknown): SyncEngineError {
  const message = property(error, 'message');
  const code = property(error, 'errorCode');
  const text = typeof message === 'string' && message ? message : 'The offline database refused the change.';
  const options = { cause: error, serverCode: typeof code === 'number' ? `0x${(code >>> 0).toString(16)}` : undefined };
  return isNotFound(error) ? new RecordNotFoundError(text, options) : new RejectedError(text, options);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An OData literal: GUIDs (ids, lookups) bare, strings quoted with quotes doubled. */
export function odataLiteral(value: ColumnValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return GUID.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

/** The query options a `nextLink` carries, in the form `retrieveMultipleRecords` takes them. */
export function optionsOf(nextLink: string): string {
  const at = nextLink.indexOf('?');
  return at < 0 ? '' : nextLink.slice(at);
}

/**
 * Columns the offline API accepts in a write: annotations (`@odata.etag`, formatted values) and lookup values
 * (`_x_value`, which writes take as `x@odata.bind`) are read shapes, not write shapes.
 */
export function writableColumns(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.includes('@') && !/^_.+_value$/.test(key)));
}
