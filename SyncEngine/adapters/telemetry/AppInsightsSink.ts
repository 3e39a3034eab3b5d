/**
 * Application Insights without the official SDK. `@microsoft/applicationinsights-web` 3.4.4 unpacks to ~40 MB
 * (39,904,296 bytes, 56 files) and its smallest browser bundle is ~180 KB minified; the engine compiles into every
 * control's bundle, so that would be paid three times for what is one JSON POST of dependency items. This sink does
 * only that: map, batch, POST to `v2/track`, keep what could not be sent.
 */
import type { TelemetryEvent, TelemetrySink } from '../../contracts/telemetry';
import { parseConnectionString, toEnvelope, type AppInsightsTarget, type Envelope } from './appInsightsEnvelope';

export interface AppInsightsSinkOptions {
  /** `InstrumentationKey=…;IngestionEndpoint=https://…/`. */
  connectionString: string;
  fetch?: typeof fetch;
  /** Items per POST; a full batch is sent at once. Default 50. */
  maxBatchSize?: number;
  /** Longest an item waits before its batch is sent. Default 5000. */
  maxDelayMs?: number;
  /** Items kept while offline or failing; the oldest are dropped beyond it. Default 500. */
  maxQueue?: number;
  /** Default `navigator.onLine` where there is a navigator. While false nothing is sent and nothing is lost. */
  isOnline?: () => boolean;
  /** Per POST. Default 30000. */
  timeoutMs?: number;
  /** Dependency ids; default random. */
  newId?: () => string;
}

/** Per-item statuses in a 206 answer worth sending again (the ingestion endpoint's own retry list). */
const RETRIABLE = new Set([408, 429, 500, 503]);
/** Longest wait between attempts while the endpoint keeps failing. */
const MAX_BACKOFF_MS = 300000;

/**
 * A `TelemetrySink` posting `RemoteDependencyData` items to Application Insights. Never throws into the engine:
 * telemetry that cannot be sent waits in a bounded queue.
 */
export class AppInsightsSink implements TelemetrySink {
  private readonly target: AppInsightsTarget;
  private readonly fetchImpl: typeof fetch;
  private readonly maxBatchSize: number;
  private readonly maxDelayMs: number;
  private readonly maxQueue: number;
  private readonly isOnline: () => boolean;
  private readonly timeoutMs: number;
  private readonly newId: () => string;
  private queue: Envelope[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Sends run one after another: a POST never races another for the same items. */
  private pump: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(options: AppInsightsSinkOptions) {
    this.target = parseConnectionString(options.connectionString);
    const impl = options.fetch ?? globalThis.fetch;
    this.fetchImpl = (input, init) => impl(input, init);
    this.maxBatchSize = options.maxBatchSize ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.maxQueue = options.maxQueue ?? 500;
    this.isOnline = options.isOnline ?? defaultOnline;
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.newId = options.newId ?? randomId;
  }

  /** Items waiting to be sent. */
  get pending(): number {
    return this.queue.length;
  }

  track(event: TelemetryEvent): void {
    try {
      this.enqueue([toEnvelope(event, this.target.instrumentationKey, this.newId())]);
    } catch {
      // An unmappable event (e.g. an invalid timestamp) is dropped: telemetry must never break a sync.
      return;
    }
    if (this.queue.length >= this.maxBatchSize) void this.flush();
    else this.schedule(this.maxDelayMs);
  }

  /** Sends everything queued; resolves when the queue is empty or the endpoint cannot be reached for now. */
  flush(): Promise<void> {
    this.cancelTimer();
    this.pump = this.pump.then(() => this.drain());
    return this.pump;
  }

  /** Stops the timer (control `destroy`); queued items stay until the next `flush`. */
  dispose(): void {
    this.cancelTimer();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      if (!this.isOnline()) {
        this.schedule(this.maxDelayMs);
        return;
      }
      const batch = this.queue.splice(0, this.maxBatchSize);
      const retry = await this.post(batch);
      if (retry === 'all') {
        this.putBack(batch);
        this.failures++;
        this.schedule(Math.min(MAX_BACKOFF_MS, this.maxDelayMs * 2 ** this.failures));
        return;
      }
      this.failures = 0;
      if (retry.length > 0) {
        // Refused for now (throttled items of a 206): later, not in a tight loop.
        this.putBack(retry);
        this.schedule(this.maxDelayMs);
        return;
      }
    }
  }

  /** Answers what must be sent again: `all`, or the items a partial success (206) refused for now. */
  private async post(batch: Envelope[]): Promise<Envelope[] | 'all'> {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await this.fetchImpl(this.target.trackUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
        signal: controller.signal,
      });
      if (response.status === 206) return retriableItems(batch, await response.text());
      if (response.ok) return [];
      // Throttled or down: try again later. Anything else (400 invalid, 401/403, 439 quota) will not improve.
      return RETRIABLE.has(response.status) || response.status >= 500 ? 'all' : [];
    } catch {
      return 'all';
    } finally {
      clearTimeout(timer);
    }
  }

  private enqueue(items: Envelope[]): void {
    this.queue.push(...items);
    if (this.queue.length > this.maxQueue) this.queue.splice(0, this.queue.length - this.maxQueue);
  }

  /** Failed items go back in front, older than what arrived meanwhile, so the bound drops them first. */
  private putBack(items: Envelope[]): void {
    if (items.length === 0) return;
    this.queue = [...items, ...this.queue];
    if (this.queue.length > this.maxQueue) this.queue.splice(0, this.queue.length - this.maxQueue);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** 206 body: `{ itemsReceived, itemsAccepted, errors: [{ index, statusCode, message }] }`. */
function retriableItems(batch: Envelope[], body: string): Envelope[] {
  try {
    const parsed = JSON.parse(body) as { errors?: { index?: unknown; statusCode?: unknown }[] };
    const retry: Envelope[] = [];
    for (const error of parsed.errors ?? []) {
      const item = typeof error.index === 'number' ? batch.at(error.index) : undefined;
      if (item && typeof error.statusCode === 'number' && RETRIABLE.has(error.statusCode)) retry.push(item);
    }
    return retry;
  } catch {
    return [];
  }
}

function defaultOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine;
}

function randomId(): string {
  return `${Date.now().toString(16)}${Math.random().toString(16).slice(2, 10)}`;
}
