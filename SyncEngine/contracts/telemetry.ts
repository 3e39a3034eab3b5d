/** Telemetry in the shape of Power Apps' mobile sync telemetry (Application Insights dependencies). */
export type DataSyncMode = 'FIRST_SYNC' | 'DELTA_SYNC' | 'GRID_SYNC' | 'FORCED_SYNC' | 'SINGLE_RECORD_SYNC';

export type TelemetryName = 'Offline.SyncDatabase' | 'Offline.DdsClient.GetRecords' | 'Offline.UploadChanges' | 'Offline.ConfirmHostChanges';

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
  };
}

export interface TelemetrySink {
  track(event: TelemetryEvent): void;
  /** Sends what is queued; resolves when done or when the sink gives up for now. */
  flush?(): Promise<void>;
}
