/**
 * What a store fixture's writer did on the device and left queued, written next to the database it produced
 * (`expect.json`): the upgrade test checks the server against it after the new release has opened the database
 * and synced. Independent of the store's own records, so a migration that loses or garbles one shows.
 */
export interface FixtureExpectations {
  /** Rows created offline, still queued: after the upgrade each is on the server exactly once with these values. */
  created: { entitySet: string; id: string; values: Record<string, unknown> }[];
  /** Queued updates, the last value of each column. */
  updated: { entitySet: string; id: string; values: Record<string, unknown> }[];
  /** Queued deletes. */
  deleted: { entitySet: string; id: string }[];
  /** Queued file or image uploads (content base64). */
  files: { entitySet: string; id: string; column: string; base64: string }[];
  /** Codes of the sync errors listed when the database was written (conflicts, refused changes). */
  errorCodes: string[];
  /** Changes queued and waiting (not held by an error) when the database was written. */
  pendingCount: number;
  /** Changes held back by a sync error (failed) when the database was written: they stay queued after the upgrade. */
  failedCount: number;
}
