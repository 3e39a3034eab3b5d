import { NetworkError } from '../../SyncEngine/contracts/errors';
import type { UploadRequest, UploadResult } from '../../SyncEngine/contracts/RemoteSource';
import { MemoryRemote } from './MemoryRemote';

/**
 * `MemoryRemote` plus the one fault it cannot script: the server applies an upload and the answer is lost on
 * the way back (a connection reset after the request was sent). The engine must then treat the retry as the
 * same change, not a new one.
 */
export class FaultyMemoryRemote extends MemoryRemote {
  /** Uploads whose answer is lost after the server applied them, counted down per upload. */
  lostReplies = 0;
  /** Row ids whose upload answer was lost, so a test can tell which rows saw a duplicate request. */
  readonly lostReplyRows = new Set<string>();

  override upload(request: UploadRequest): Promise<UploadResult> {
    const result = super.upload(request);
    if (this.lostReplies <= 0) return result;
    this.lostReplies--;
    return result.then((applied) => {
      if (applied.kind !== 'ok') return applied;
      this.lostReplyRows.add(request.entry.rowId);
      throw new NetworkError('The connection was reset after the request was sent.');
    });
  }

  /** Faults stop: nothing scripted is left to fire during the final sync. */
  clearFaults(): void {
    this.failures.length = 0;
    this.uploadFailures.length = 0;
    this.pageFailures.clear();
    this.lostReplies = 0;
    this.down = false;
  }
}
