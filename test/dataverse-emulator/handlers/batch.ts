import type { HandlerContext } from '../context';
import { type ApiRequest, type ApiResponse, HttpError, ODATA_HEADERS, badRequest, errorResponse, parsePrefer } from '../http';
import { type MimePart, boundaryOf, formatHttpPart, formatMultipart, parseHttpPart, splitMultipart } from '../multipart';

type Dispatch = (context: HandlerContext, request: ApiRequest) => ApiResponse;

const MAX_REQUESTS = 1000;
/** A GET part's URL may be twice as long as a direct request's: where long FetchXML queries go. */
export const MAX_PART_URL_LENGTH = 65_536;

interface PartResult {
  /** The text of the part in the batch response. */
  text: string;
  failed: boolean;
}

function ok(response: ApiResponse): boolean {
  return response.status < 400;
}

function toRequest(context: HandlerContext, part: MimePart): ApiRequest {
  if (!/^application\/http\b/i.test(part.headers['content-type'] ?? '')) {
    throw badRequest('Each batch part must be application/http or a multipart/mixed changeset.');
  }
  const request = parseHttpPart(part, context.baseUrl);
  if (request.path === '$batch') throw badRequest('A batch cannot contain another batch.');
  return request;
}

/** Replaces `$<Content-ID>` references (in the URL or as a bind value) by the entity created earlier. */
function resolveReferences(request: ApiRequest, created: ReadonlyMap<string, string>, baseUrl: string): ApiRequest {
  const reference = /^\$(\w+)(.*)$/.exec(request.path);
  const target = reference ? created.get(reference[1]) : undefined;
  const path = reference && target !== undefined ? target.slice(baseUrl.length) + reference[2] : request.path;
  const body = request.body.toString('utf8').replace(/"\$(\w+)"/g, (text, id: string) => {
    const url = created.get(id);
    return url === undefined ? text : JSON.stringify(url);
  });
  return { ...request, path, body: Buffer.from(body, 'utf8') };
}

/** Runs a changeset atomically: the first failure rolls back every change and is the only part answered. */
function runChangeset(context: HandlerContext, part: MimePart, boundary: string, dispatch: Dispatch): PartResult {
  const inner = splitMultipart(part.body, boundary).map((innerPart) => ({ innerPart, request: toRequest(context, innerPart) }));
  if (inner.some(({ request }) => request.method === 'GET')) throw badRequest('A changeset cannot contain GET requests.');
  const created = new Map<string, string>();
  const answers: { response: ApiResponse; contentId?: string }[] = [];
  context.store.transaction(
    () => {
      for (const { innerPart, request } of inner) {
        const contentId = innerPart.headers['content-id'];
        const response = dispatch(context, resolveReferences(request, created, context.baseUrl));
        answers.push({ response, contentId });
        if (!ok(response)) return;
        const entity = response.headers['OData-EntityId'] as string | undefined;
        if (contentId !== undefined && entity !== undefined) created.set(contentId, entity);
      }
    },
    () => answers.every(({ response }) => ok(response)),
  );
  const failure = answers.find(({ response }) => !ok(response));
  if (failure) return { text: formatHttpPart(failure.response, failure.contentId), failed: true };
  const changesetBoundary = `changesetresponse_${crypto.randomUUID()}`;
  const parts = answers.map(({ response, contentId }) => formatHttpPart(response, contentId));
  return {
    text: `Content-Type: multipart/mixed; boundary=${changesetBoundary}\r\n\r\n${formatMultipart(changesetBoundary, parts).trimEnd()}`,
    failed: false,
  };
}

function dispatchPart(context: HandlerContext, request: ApiRequest, dispatch: Dispatch): ApiResponse {
  const length = request.path.length + (request.query === '' ? 0 : request.query.length + 1);
  if (length <= MAX_PART_URL_LENGTH) return dispatch(context, request);
  const message = `The request URL in the batch is ${String(length)} characters long; at most ${String(MAX_PART_URL_LENGTH)} are allowed.`;
  return errorResponse(new HttpError(414, '', message));
}

function countRequests(parts: readonly MimePart[]): number {
  return parts.reduce((total, part) => {
    const boundary = boundaryOf(part.headers['content-type']);
    return total + (boundary === undefined ? 1 : splitMultipart(part.body, boundary).length);
  }, 0);
}

/**
 * `POST $batch`: parts run in order; a failure stops the batch unless `Prefer: odata.continue-on-error`.
 * Answers 200 with a multipart body mirroring the request's structure, as Dataverse does.
 */
export function handleBatch(context: HandlerContext, request: ApiRequest, dispatch: Dispatch): ApiResponse {
  const boundary = boundaryOf(request.headers['content-type']);
  if (boundary === undefined) throw badRequest('A $batch request needs Content-Type: multipart/mixed with a boundary.');
  const parts = splitMultipart(request.body.toString('utf8'), boundary);
  if (countRequests(parts) > MAX_REQUESTS) {
    throw badRequest(`The number of requests in the batch exceeds the limit of ${String(MAX_REQUESTS)}.`);
  }
  const continueOnError = parsePrefer(request.headers.prefer).has('odata.continue-on-error');
  const texts: string[] = [];
  for (const part of parts) {
    const changesetBoundary = boundaryOf(part.headers['content-type']);
    let result: PartResult;
    if (changesetBoundary === undefined) {
      const response = dispatchPart(context, toRequest(context, part), dispatch);
      result = { text: formatHttpPart(response, part.headers['content-id']), failed: !ok(response) };
    } else {
      result = runChangeset(context, part, changesetBoundary, dispatch);
    }
    texts.push(result.text);
    if (result.failed && !continueOnError) break;
  }
  const responseBoundary = `batchresponse_${crypto.randomUUID()}`;
  const headers: Record<string, string> = { ...ODATA_HEADERS, 'Content-Type': `multipart/mixed; boundary=${responseBoundary}` };
  if (continueOnError) headers['Preference-Applied'] = 'odata.continue-on-error';
  return { status: 200, headers, body: formatMultipart(responseBoundary, texts) };
}
