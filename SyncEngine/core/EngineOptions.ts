export interface EngineOptions {
  /** `Prefer: odata.maxpagesize` for downloads (≤ 5000). */
  pageSize: number;
  /** Changes per `$batch` upload. */
  uploadBatchSize: number;
  /** Transient failures of one change before it is quarantined. */
  maxAttempts: number;
  /** No answer from the service in this time: "Network or Service Unavailable". */
  healthCheckTimeoutMs: number;
  /** Connected, changes waiting, and no upload progress for this long: a "stalled" warning. */
  stallAfterMs: number;
  /** A delta after this much inactivity is a large incremental sync (its own notification, then Refresh). */
  largeIncrementalAfterMs: number;
  /** Wait this long after a local change before uploading, so a burst of edits goes in one pass. */
  uploadDebounceMs: number;
  /**
   * Download each filtered table's slice as the server selects it (`core/profile/sliceQuery.ts`,
   * `core/sync/downloadSlice.ts`) instead of the whole table filtered on the device, where the service answers
   * FetchXML. Tables kept whole ("all rows") use change tracking either way.
   */
  serverSlices: boolean;
  /**
   * Tables downloaded at once, where the profile's dependencies allow (a related table filtered on the device
   * waits for the tables before it); well inside service protection's 52 concurrent requests per user. 1: one
   * table after another. 6 lets the five tables of a Field Service profile start together: with 4, over office
   * Wi-Fi (`npm run bench -- --only link`) the fifth waited 15 s for the first to finish, while the link was
   * less than half used.
   */
  downloadConcurrency: number;
  /** Ask for a table's next page while the current one is written (`DownloadContext.lookahead`). */
  pageLookahead: boolean;
  /**
   * 429s a pass's downloads ride out, each with fewer tables at once and nothing asked for before the server's
   * Retry-After; the table goes on from the page it stopped at. The next fails the pass, and the schedule waits the
   * Retry-After whole before the next pass. 0: the first 429 fails the pass.
   */
  downloadBusyRetries: number;
  /** Read table and column names and choice labels in the user's language after a pass (once per session). */
  displayMetadata: boolean;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  pageSize: 5000,
  uploadBatchSize: 100,
  maxAttempts: 8,
  healthCheckTimeoutMs: 10_000,
  stallAfterMs: 10 * 60_000,
  largeIncrementalAfterMs: 24 * 60 * 60_000,
  uploadDebounceMs: 2_000,
  serverSlices: true,
  downloadConcurrency: 6,
  pageLookahead: true,
  downloadBusyRetries: 5,
  displayMetadata: true,
};
