/** What the page hands back to the runner; shared by both sides so the JSON stays typed. */

export interface SyncMeasurement {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  /** Highest used JS heap seen while the run was in progress. */
  peakHeapBytes: number;
}

export interface TimingSummary {
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
}

/** Where the engine and the baselines find the emulator. */
export interface EmulatorTarget {
  baseUrl: string;
}

/** A row id with the table it belongs to (reads pick them at random). */
export interface RowRef {
  table: string;
  id: string;
}
