import { type ApiResponse, ERROR_CODES } from './http';
import { type Limits, requestLimitMessage, throttledResponse } from './faults';

/**
 * Dataverse service protection for the single emulated user: a sliding window of request arrivals and a
 * cap on requests in flight. Rejected requests do not count towards the window, as in Dataverse.
 */
export class ServiceProtection {
  private arrivals: number[] = [];
  private first = 0;
  active = 0;

  constructor(private readonly limits: () => Limits) {}

  /** Admits a request (counting it) or answers the 429 it gets. */
  admit(now: number): ApiResponse | null {
    const { requestsPerWindow, windowMs, maxConcurrent } = this.limits();
    if (this.active >= maxConcurrent) {
      const message = `Number of concurrent requests exceeded the limit of ${String(maxConcurrent)}.`;
      return throttledResponse(ERROR_CODES.concurrencyLimit, message, 1);
    }
    while (this.first < this.arrivals.length && this.arrivals[this.first] <= now - windowMs) this.first += 1;
    if (this.first > 1024) {
      this.arrivals = this.arrivals.slice(this.first);
      this.first = 0;
    }
    if (this.arrivals.length - this.first >= requestsPerWindow) {
      const retryAfterMs = this.arrivals[this.first] + windowMs - now;
      return throttledResponse(ERROR_CODES.requestLimit, requestLimitMessage(this.limits()), retryAfterMs / 1000);
    }
    this.arrivals.push(now);
    return null;
  }

  reset(): void {
    this.arrivals = [];
    this.first = 0;
  }
}
