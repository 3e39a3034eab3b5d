import { toSyncError, type SyncEngineError } from '../../contracts/errors';
import type { UploadRequest, UploadResult } from '../../contracts/RemoteSource';
import type { Row } from '../../contracts/rows';
import { boundaryOf, buildBatch, MAX_BATCH_PARTS, parseBatch } from './batchMultipart';
import { malformed } from './httpErrors';
import type { ODataHttp } from './ODataHttp';
import { interpretUpload, isBinary, planUpload, type PlannedRequest, type UploadOutcome } from './uploadPlan';

/** What the batch needs from the single-request path. */
export interface SingleUploads {
  uploadOne(request: UploadRequest, signal?: AbortSignal): Promise<UploadResult>;
  readConflictRow(request: UploadRequest, signal?: AbortSignal): Promise<Row | null>;
}

interface Planned {
  index: number;
  request: UploadRequest;
  http: PlannedRequest;
}

/**
 * Sends independent changes as `$batch` requests. Once any change may have landed, a later failure becomes a
 * `failed` result instead of a throw: results of changes that did land must reach the engine, or it would send them
 * again (an update carrying its old etag would then conflict with itself).
 */
export class BatchUploader {
  constructor(
    private readonly http: ODataHttp,
    private readonly single: SingleUploads,
  ) {}

  async upload(requests: UploadRequest[], signal?: AbortSignal): Promise<UploadResult[]> {
    const results = new Array<UploadResult | undefined>(requests.length);
    const planned: Planned[] = [];
    const binary: number[] = [];
    requests.forEach((request, index) => {
      if (isBinary(request)) binary.push(index);
      else this.plan(request, index, planned, results);
    });
    let sent = false;
    for (let start = 0; start < planned.length; start += MAX_BATCH_PARTS) {
      const chunk = planned.slice(start, start + MAX_BATCH_PARTS);
      try {
        await this.sendChunk(chunk, results, signal);
        sent = true;
      } catch (error) {
        const failure = toSyncError(error);
        if (!sent) throw failure;
        for (const item of chunk) results[item.index] = { kind: 'failed', error: failure };
      }
    }
    for (const index of binary) {
      results[index] = await this.uploadAlone(requests[index], signal, sent);
      sent = true;
    }
    return results.map((result) => result ?? failedResult(malformed('$batch answer (missing result)')));
  }

  private plan(request: UploadRequest, index: number, planned: Planned[], results: (UploadResult | undefined)[]): void {
    try {
      planned.push({ index, request, http: planUpload(request) });
    } catch (error) {
      results[index] = failedResult(toSyncError(error));
    }
  }

  private async sendChunk(chunk: Planned[], results: (UploadResult | undefined)[], signal?: AbortSignal): Promise<void> {
    const boundary = `batch_${randomToken()}`;
    const { body } = buildBatch(
      chunk.map((item) => item.http),
      new URL(this.http.baseUrl).pathname,
      boundary,
    );
    const response = await this.http.send({
      method: 'POST',
      url: '$batch',
      headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}`, Prefer: 'odata.continue-on-error' },
      body,
      signal,
    });
    if (!response.ok) throw response.error();
    const responseBoundary = boundaryOf(response.header('Content-Type'));
    if (!responseBoundary) throw malformed('$batch answer (not multipart)', response.status);
    const parts = parseBatch(response.body, responseBoundary);
    for (const [position, item] of chunk.entries()) {
      const part = parts.at(position);
      const outcome: UploadOutcome = part ? interpretUpload(item.request, part) : { kind: 'failed', error: malformed('$batch answer (missing part)') };
      results[item.index] = await this.settle(item.request, outcome, signal);
    }
  }

  private async settle(request: UploadRequest, outcome: UploadOutcome, signal?: AbortSignal): Promise<UploadResult> {
    if (outcome.kind !== 'conflict') return outcome;
    try {
      return { kind: 'conflict', serverRow: await this.single.readConflictRow(request, signal) };
    } catch {
      // The batch landed; an unreadable server row must not hide the other results.
      return { kind: 'conflict', serverRow: null };
    }
  }

  private async uploadAlone(request: UploadRequest, signal: AbortSignal | undefined, sent: boolean): Promise<UploadResult> {
    try {
      return await this.single.uploadOne(request, signal);
    } catch (error) {
      if (!sent) throw error;
      return failedResult(toSyncError(error));
    }
  }
}

function failedResult(error: SyncEngineError): UploadResult {
  return { kind: 'failed', error };
}

/** Boundaries need to be unlikely in the content, not secret. */
function randomToken(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
