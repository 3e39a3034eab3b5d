import { HttpError } from '../http';

/**
 * Dataverse's error codes for FetchXML the server refuses. The QueryBuilder* values come from the platform's
 * published error code list (`ErrorCodes`: QueryBuilderNoEntity = -2147217150 = 0x80041102, …);
 * TooManyLinkEntitiesInQuery from the link-entity docs. Where Dataverse's exact code is not documented
 * (malformed XML, paging limits) the emulator answers InvalidArgument, 0x80040203.
 */
export const FETCH_ERRORS = {
  invalidArgument: '0x80040203',
  noEntity: '0x80041102',
  noAttribute: '0x80041103',
  invalidValue: '0x80041108',
  aliasDoesNotExist: '0x8004110A',
  noAlias: '0x8004110B',
  invalidLinkType: '0x80041117',
  invalidAggregate: '0x8004111A',
  invalidNode: '0x8004111C',
  invalidConditionOperator: '0x80041120',
  invalidFilterType: '0x80041122',
  topCountGreaterThanZero: '0x80041127',
  entitiesDontMatch: '0x80041128',
  tooManyLinkEntities: '0x8004430D',
  aggregateRecordLimit: '0x8004E023',
} as const;

export type FetchErrorCode = (typeof FETCH_ERRORS)[keyof typeof FETCH_ERRORS];

/** A FetchXML the emulator refuses: HTTP 400 with a Dataverse code and the offending name in the message. */
export function fetchError(code: FetchErrorCode, message: string): HttpError {
  return new HttpError(400, code, message);
}
