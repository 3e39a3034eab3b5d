import { ConfigError } from '../../contracts/errors';
import type { TelemetryEvent } from '../../contracts/telemetry';

/** The parts of an Application Insights connection string the sink needs. */
export interface AppInsightsTarget {
  instrumentationKey: string;
  /** `<IngestionEndpoint>v2/track`. */
  trackUrl: string;
}

/** The classic global endpoint, used when a connection string names no `IngestionEndpoint`. */
const DEFAULT_INGESTION = 'https://dc.services.visualstudio.com/';

/** An Application Insights telemetry item as the ingestion endpoint (`v2/track`) accepts it. */
export interface Envelope {
  name: string;
  time: string;
  iKey: string;
  tags: Record<string, string>;
  data: {
    baseType: 'RemoteDependencyData';
    baseData: {
      ver: 2;
      id: string;
      name: string;
      duration: string;
      success: boolean;
      resultCode: string;
      type: string;
      properties: Record<string, string>;
    };
  };
}

/** `InstrumentationKey=…;IngestionEndpoint=https://…/` → where and as whom to send. Keys are case-insensitive. */
export function parseConnectionString(connectionString: string): AppInsightsTarget {
  const fields = new Map<string, string>();
  for (const pair of connectionString.split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0) fields.set(pair.slice(0, equals).trim().toLowerCase(), pair.slice(equals + 1).trim());
  }
  const instrumentationKey = fields.get('instrumentationkey');
  if (!instrumentationKey) throw new ConfigError('The Application Insights connection string has no InstrumentationKey.');
  const endpoint = fields.get('ingestionendpoint') ?? DEFAULT_INGESTION;
  const base = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  return { instrumentationKey, trackUrl: `${base}v2/track` };
}

/**
 * One engine event as a dependency, the way the mobile player reports sync (`Offline.SyncDatabase` …): standard
 * fields for duration, success, operation and user; everything else in `customDimensions` (`properties`), as
 * strings because that is what Application Insights stores.
 */
export function toEnvelope(event: TelemetryEvent, instrumentationKey: string, id: string): Envelope {
  const dimensions = event.customDimensions;
  return {
    name: `Microsoft.ApplicationInsights.${instrumentationKey.replace(/-/g, '')}.RemoteDependency`,
    time: new Date(event.timestamp).toISOString(),
    iKey: instrumentationKey,
    tags: { 'ai.operation.id': event.operationId, 'ai.user.id': event.userId },
    data: {
      baseType: 'RemoteDependencyData',
      baseData: {
        ver: 2,
        id,
        name: event.name,
        duration: formatDuration(event.durationMs),
        success: event.success,
        resultCode: dimensions.ErrorCode ?? dimensions.ScenarioResult,
        type: 'OfflineSync',
        properties: stringProperties(dimensions),
      },
    },
  };
}

/** Application Insights durations are .NET TimeSpans: `d.hh:mm:ss.fff`, the day part only when non-zero. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const millis = total % 1000;
  const seconds = Math.floor(total / 1000) % 60;
  const minutes = Math.floor(total / 60000) % 60;
  const hours = Math.floor(total / 3600000) % 24;
  const days = Math.floor(total / 86400000);
  const clock = `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function stringProperties(dimensions: TelemetryEvent['customDimensions']): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(dimensions) as [string, unknown][]) {
    if (typeof value === 'string' || typeof value === 'number') properties[key] = String(value);
  }
  return properties;
}
