import { toSyncError, type SyncEngineError } from '../../contracts/errors';
import type { DataSyncMode, FailureType, TelemetryEvent, TelemetryName, TelemetrySink } from '../../contracts/telemetry';

/** Error families of the mobile sync telemetry: 2004 network, 2005 server, 2006 auth, 2007 device, 3000 expected. */
export function failureTypeOf(code: string): FailureType {
  switch (code) {
    case 'network':
    case 'unavailable':
    case 'aborted':
      return '2004';
    case 'auth':
    case 'privilege':
      return '2006';
    case 'quota':
      return '2007';
    case 'conflict':
    case 'record-not-found':
    case 'already-exists':
    case 'rejected':
      return '3000';
    default:
      return '2005';
  }
}

export interface TelemetryScope {
  name: TelemetryName;
  mode: DataSyncMode;
  entityName?: string;
}

/** Builds telemetry events. Only counts, sizes, table names and error codes — never a column value. */
export class TelemetryRecorder {
  constructor(
    private readonly sink: TelemetrySink | undefined,
    private readonly userId: string,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  /** Times `work`, whose answer is its record count, and records its outcome; a failure is recorded and rethrown. */
  async measure(scope: TelemetryScope, work: () => Promise<number>): Promise<number> {
    const done = this.begin(scope);
    try {
      const recordCount = await work();
      done({ recordCount });
      return recordCount;
    } catch (error) {
      done({ error: toSyncError(error) });
      throw error;
    }
  }

  /** Starts a timed operation; call the answer once with its outcome. */
  begin(
    scope: TelemetryScope,
    operationId: string = this.newId(),
  ): (outcome: { recordCount?: number; responseSize?: number; error?: SyncEngineError; mode?: DataSyncMode }) => void {
    const started = this.now();
    return (outcome) => {
      if (!this.sink) return;
      const event: TelemetryEvent = {
        name: scope.name,
        timestamp: started,
        durationMs: Math.max(0, this.now() - started),
        success: !outcome.error,
        operationId,
        userId: this.userId,
        customDimensions: {
          ScenarioResult: outcome.error ? 'FAILURE' : 'SUCCESS',
          DataSyncMode: outcome.mode ?? scope.mode,
          EntityName: scope.entityName,
          RecordCount: outcome.recordCount,
          ResponseSize: outcome.responseSize,
          ErrorCode: outcome.error?.code,
          // The catalogue's messages are ours; server text may echo column values, so it never goes out.
          ErrorMessage: outcome.error ? `${outcome.error.name} (${outcome.error.status ?? 'no status'})` : undefined,
          FailureType: outcome.error ? failureTypeOf(outcome.error.code) : undefined,
        },
      };
      try {
        this.sink.track(event);
      } catch {
        // Telemetry must never break a sync.
      }
    };
  }
}
