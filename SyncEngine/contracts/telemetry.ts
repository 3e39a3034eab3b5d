/** Telemetry in the shape of Power Apps' mobile sync telemetry (Application Insights dependencies). */
export type DataSyncMode = 'FIRST_SYNC' | 'DELTA_SYNC' | 'GRID_SYNC' | 'FORCED_SYNC' | 'SINGLE_RECORD_SYNC';

/** `Offline.UploadChange`: one change the server did not take (rejected, conflicting, or failing for now). */
export type TelemetryName =
  | 'Offline.SyncDatabase'
  | 'Offline.DdsClient.GetRecords'
  | 'Offline.UploadChanges'
  | 'Offline.UploadChange'
  | 'Offline.ConfirmHostChanges'
  /** The offline database was found removed or emptied behind the engine's back; it downloads again. */
  | 'Offline.OfflineDataRemoved';

/** Error families of the mobile sync telemetry. */
export type FailureType = '2004' | '2005' | '2006' | '2007' | '3000';

export interface TelemetryEvent {
  name: TelemetryName;
  timestamp: number;
  durationMs: number;
  success: boolean;
  operationId: string;
  userId: string;
  /** Never any column value: only counts, sizes, table names and codes. */
  customDimensions: {
    ScenarioResult: 'SUCCESS' | 'FAILURE';
    DataSyncMode: DataSyncMode;
    ErrorCode?: string;
    ErrorMessage?: string;
    FailureType?: FailureType;
    EntityName?: string;
    RecordCount?: number;
    ResponseSize?: number;
    /** Changes of an upload pass the server did not take (`Offline.UploadChanges`). */
    FailedRecordCount?: number;
    /** What a change did (`create`, `update`, `delete`, `fileAdd` …), as the `syncerror` table's `action`. */
    Action?: string;
    /** `Offline.OfflineDataRemoved`: queued changes lost with the data, of them file and image uploads, sync errors. */
    LostChanges?: number;
    LostFileChanges?: number;
    LostSyncErrors?: number;
  };
}

export interface TelemetrySink {
  track(event: TelemetryEvent): void;
  /** Sends what is queued; resolves when done or when the sink gives up for now. */
  flush?(): Promise<void>;
}
