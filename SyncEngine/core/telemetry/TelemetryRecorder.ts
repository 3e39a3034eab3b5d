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
    case 'offline-data-removed':
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
  action?: string;
}

/** How a timed operation ended. */
export interface TelemetryOutcome {
  recordCount?: number;
  responseSize?: number;
  error?: SyncEngineError;
  mode?: DataSyncMode;
  /** Parts that failed although the operation itself ran to its end (changes the server refused). */
  failedCount?: number;
  /** What went with offline data removed behind the engine's back (`Offline.OfflineDataRemoved`). */
  lost?: { changes: number; fileChanges: number; syncErrors: number };
}

/** Builds telemetry events. Only counts, sizes, table names and error codes — never a column value. */
export class TelemetryRecorder {
  constructor(
    private readonly sink: TelemetrySink | undefined,
    private readonly userId: string,
    private readonly now: () => number,
    private readonly newId: () => string,
  ) {}

  /**
   * Times `work` and records its outcome: its answer is its record count, or a fuller outcome when parts of it failed
   * (the operation then reports FAILURE with the first error). A throw is recorded and rethrown.
   */
  async measure<T extends number | TelemetryOutcome>(scope: TelemetryScope, work: () => Promise<T>): Promise<T> {
    const done = this.begin(scope);
    try {
      const answer = await work();
      done(typeof answer === 'number' ? { recordCount: answer } : answer);
      return answer;
    } catch (error) {
      done({ error: toSyncError(error) });
      throw error;
    }
  }

  /** An event with no duration of its own (one change the server refused). */
  record(scope: TelemetryScope, outcome: TelemetryOutcome): void {
    this.begin(scope)(outcome);
  }

  /** Starts a timed operation; call the answer once with its outcome. */
  begin(
    scope: TelemetryScope,
    operationId: string = this.newId(),
  ): (outcome: TelemetryOutcome) => void {
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
          FailedRecordCount: outcome.failedCount,
          Action: scope.action,
          ErrorCode: outcome.error?.code,
          // The catalogue's messages are ours; server text may echo column values, so it never goes out.
          ErrorMessage: outcome.error ? `${outcome.error.name} (${outcome.error.status ?? 'no status'})` : undefined,
          FailureType: outcome.error ? failureTypeOf(outcome.error.code) : undefined,
          LostChanges: outcome.lost?.changes,
          LostFileChanges: outcome.lost?.fileChanges,
          LostSyncErrors: outcome.lost?.syncErrors,
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
