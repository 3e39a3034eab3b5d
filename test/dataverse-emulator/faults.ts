import { type ApiResponse, ERROR_CODES, HttpError, errorResponse } from './http';
import { Random } from './random';

/** Faults injected into Web API traffic by tests (`POST /_emulator/faults`). Counters count down per request. */
export interface FaultSettings {
  latencyMs: number;
  /** Requests whose socket is destroyed without an answer. */
  dropNext: number;
  dropRate: number;
  errorNext: number;
  /** The next n write requests (POST, PATCH, PUT, DELETE, `$batch`) answer `errorStatus`; reads pass. */
  writeErrorNext: number;
  errorRate: number;
  errorStatus: number;
  throttleNext: number;
  retryAfterSeconds: number;
  /** Answers replaced by a truncated JSON body with status 200 (after the request took effect, like a garbling proxy). */
  malformedNext: number;
  /** Every request's socket is destroyed at once, as if the network were gone. */
  offline: boolean;
}

/** Dataverse service protection limits (per user). */
export interface Limits {
  requestsPerWindow: number;
  windowMs: number;
  maxConcurrent: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = { requestsPerWindow: 6000, windowMs: 300_000, maxConcurrent: 52 };

const NO_FAULTS: Readonly<FaultSettings> = {
  latencyMs: 0, dropNext: 0, dropRate: 0, errorNext: 0, writeErrorNext: 0, errorRate: 0, errorStatus: 503,
  throttleNext: 0, retryAfterSeconds: 1, malformedNext: 0, offline: false,
};

const RATES = new Set(['dropRate', 'errorRate']);

export function throttledResponse(code: string, message: string, retryAfterSeconds: number): ApiResponse {
  return errorResponse(new HttpError(429, code, message, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) }));
}

export function requestLimitMessage(limits: Limits): string {
  const seconds = String(limits.windowMs / 1000);
  return `Number of requests exceeded the limit of ${String(limits.requestsPerWindow)} over time window of ${seconds} seconds.`;
}

function invalid(message: string): HttpError {
  return new HttpError(400, '', message);
}

/** The fault state and its decisions; random faults draw from a seeded PRNG so failing runs can be replayed. */
export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  limits: Limits = { ...DEFAULT_LIMITS };
  /** Extra server time for requests under a path (`{ "contacts": 3000 }`): one table slower than the rest. */
  slowPaths: Record<string, number> = {};
  private random: Random;

  constructor(private readonly seed: number) {
    this.random = new Random(seed ^ 0x5eed);
  }

  /** Merges the given settings into the current ones. `expireDeltaTokens` is an action, reported through the return value. */
  configure(input: Record<string, unknown>): { expireDeltaTokens: boolean } {
    const next = { ...this.settings };
    for (const [key, value] of Object.entries(input)) {
      if (key === 'expireDeltaTokens' || key === 'limits' || key === 'slowPaths') continue;
      if (!(key in NO_FAULTS)) throw invalid(`Unknown fault '${key}'.`);
      const name = key as keyof FaultSettings;
      if (name === 'offline') {
        if (typeof value !== 'boolean') throw invalid('offline must be a boolean.');
        next.offline = value;
        continue;
      }
      if (typeof value !== 'number' || value < 0 || (RATES.has(name) && value > 1)) {
        throw invalid(`${key} must be a non-negative number${RATES.has(name) ? ' up to 1' : ''}.`);
      }
      next[name] = value;
    }
    if (next.errorStatus < 400 || next.errorStatus > 599) throw invalid('errorStatus must be an HTTP error status.');
    this.limits = this.readLimits(input.limits);
    this.slowPaths = this.readSlowPaths(input.slowPaths);
    this.settings = next;
    return { expireDeltaTokens: input.expireDeltaTokens === true };
  }

  clear(): void {
    this.settings = { ...NO_FAULTS };
    this.limits = { ...DEFAULT_LIMITS };
    this.slowPaths = {};
    this.random = new Random(this.seed ^ 0x5eed);
  }

  /** Server time a Web API request under `path` (relative to the API root) takes on top of `latencyMs`. */
  extraLatency(path: string): number {
    const top = path.replace(/^\//, '').split(/[/(?]/, 1)[0];
    return this.slowPaths[top] ?? 0;
  }

  takeDrop(): boolean {
    return this.take('dropNext') || this.random.chance(this.settings.dropRate);
  }

  takeThrottle(): ApiResponse | null {
    if (!this.take('throttleNext')) return null;
    return throttledResponse(ERROR_CODES.requestLimit, requestLimitMessage(this.limits), this.settings.retryAfterSeconds);
  }

  /** `write`: the request changes data (a read never takes a `writeErrorNext`). */
  takeError(write = false): ApiResponse | null {
    if (!this.take('errorNext') && !(write && this.take('writeErrorNext')) && !this.random.chance(this.settings.errorRate)) return null;
    const status = this.settings.errorStatus;
    const message = status === 503 ? 'The service is temporarily unavailable (injected fault).' : 'An unexpected error occurred (injected fault).';
    return errorResponse(new HttpError(status, status === 503 ? '' : ERROR_CODES.unexpected, message));
  }

  takeMalformed(): boolean {
    return this.take('malformedNext');
  }

  private take(counter: 'dropNext' | 'throttleNext' | 'errorNext' | 'writeErrorNext' | 'malformedNext'): boolean {
    if (this.settings[counter] <= 0) return false;
    this.settings[counter] -= 1;
    return true;
  }

  private readSlowPaths(input: unknown): Record<string, number> {
    if (input === undefined) return this.slowPaths;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('slowPaths must be an object of entity set names and milliseconds.');
    const slow: Record<string, number> = {};
    for (const [path, ms] of Object.entries(input)) {
      if (typeof ms !== 'number' || !(ms >= 0)) throw invalid(`slowPaths.${path} must be a non-negative number of milliseconds.`);
      slow[path] = ms;
    }
    return slow;
  }

  private readLimits(input: unknown): Limits {
    if (input === undefined) return this.limits;
    if (typeof input !== 'object' || input === null) throw invalid('limits must be an object.');
    const limits = { ...this.limits };
    for (const [key, value] of Object.entries(input)) {
      if (!(key in DEFAULT_LIMITS)) throw invalid(`Unknown limit '${key}'.`);
      if (typeof value !== 'number' || !(value > 0)) throw invalid(`${key} must be a positive number.`);
      limits[key as keyof Limits] = value;
    }
    return limits;
  }
}

/** A garbled 200 answer: the real body cut in half, so JSON parsing fails the way it does behind a broken proxy. */
export function malformed(response: ApiResponse): ApiResponse {
  const body = response.body?.toString() ?? '';
  const text = body === '' ? '{"@odata.context":"$metadata#x","value":[{"id":' : body;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: `${text.slice(0, Math.max(8, Math.floor(text.length / 2)))}\u0000\uFFFD`,
  };
}
