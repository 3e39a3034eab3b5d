import { ERROR_CODES, HttpError, badRequest } from './http';
import type { EmulatorStore } from './store';

/** Where the next page starts. Encoded into `$skiptoken`, which clients treat as opaque. */
export type PageCursor =
  /** An ordinary query: position in the sorted, filtered result. */
  | { kind: 'query'; offset: number }
  /** A change-tracking full download: by primary key (robust to concurrent inserts), from a version snapshot. */
  | { kind: 'full'; after: string; since: number }
  /** A delta: position in the changes between two versions. */
  | { kind: 'delta'; since: number; upto: number; offset: number };

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageCursor;
    if (['query', 'full', 'delta'].includes(cursor.kind)) return cursor;
  } catch {
    // Falls through to the error below: a garbled token is the client's fault.
  }
  throw badRequest('The $skiptoken is invalid.');
}

/** Shaped like Dataverse's `<version>!<stamp>`; the second part is the token generation, not a date. */
export function encodeDeltaToken(version: number, generation: number): string {
  return `${String(version)}!${String(generation)}`;
}

export function expiredToken(): HttpError {
  return new HttpError(400, ERROR_CODES.expiredToken, 'Version stamp associated with the client has expired. Please perform a full sync.');
}

/** The version a delta token stands for; unknown, garbled and expired tokens are all "expired version stamp". */
export function decodeDeltaToken(text: string, store: EmulatorStore, entitySet?: string): number {
  const match = /^(\d+)!(\d+)$/.exec(text);
  if (!match) throw expiredToken();
  const version = Number(match[1]);
  if (Number(match[2]) !== store.tokenGeneration || version > store.version) throw expiredToken();
  // Tracking turned off and on again keeps nothing from before: the table's older tokens are gone.
  if (entitySet !== undefined && version < (store.trackedSince.get(entitySet) ?? 0)) throw expiredToken();
  return version;
}
