import {
  AbortedError,
  DeltaExpiredError,
  MalformedResponseError,
  NetworkError,
  ServiceUnavailableError,
  SyncEngineError,
} from '../../contracts/errors';
import { httpError, type HttpFailure } from './httpErrors';

export interface ODataHttpOptions {
  /** Service root, e.g. `https://org.crm.dynamics.com/api/data/v9.2/`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per request, including reading the body. Default 30000. */
  timeoutMs?: number;
  /** Bearer token; `null` or absent means the browser session (cookies) authenticates. */
  getToken?: () => Promise<string | null>;
}

export interface ODataRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the service root, or absolute on the same origin (links the server gave us). */
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
  /** The request follows a delta link: token failures become `DeltaExpiredError`. */
  delta?: boolean;
  /** The table the request reads, for errors about the table itself (its change tracking is off). */
  table?: string;
}

/** A response read to the end. Non-2xx responses are answers too: the caller decides what a 404 means. */
export interface ODataResponse extends HttpFailure {
  ok: boolean;
  /** Body size in bytes (UTF-8 on the wire), for telemetry. */
  bytes: number;
  /** The catalogued error for a non-2xx answer. */
  error(): SyncEngineError;
}

export const DEFAULT_TIMEOUT_MS = 30000;

const ODATA_HEADERS: Record<string, string> = {
  'OData-Version': '4.0',
  'OData-MaxVersion': '4.0',
  Accept: 'application/json',
};

/**
 * The one place that talks `fetch`: OData headers, token, timeout and the caller's AbortSignal. No retries — the
 * engine owns retry and backoff, so every failure is reported once, catalogued.
 */
export class ODataHttp {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly getToken?: () => Promise<string | null>;

  constructor(options: ODataHttpOptions) {
    this.baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    // Bound, so a host's `window.fetch` is not called with the wrong `this` ("Illegal invocation").
    const impl = options.fetch ?? globalThis.fetch;
    this.fetchImpl = (input, init) => impl(input, init);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.getToken = options.getToken;
  }

  /**
   * Resolves a link against the service root. Links from another origin are refused: following them would send the
   * bearer token to a host that is not the organisation.
   */
  resolve(request: Pick<ODataRequest, 'url' | 'delta'>): string {
    let resolved: URL | undefined;
    try {
      resolved = new URL(request.url, this.baseUrl);
    } catch {
      resolved = undefined;
    }
    if (resolved?.origin === new URL(this.baseUrl).origin) return resolved.href;
    // A stored delta link that cannot be followed is as good as expired: download the table again.
    const message = `Refusing to follow a link outside the organisation: ${request.url}`;
    throw request.delta ? new DeltaExpiredError(message) : new MalformedResponseError(message);
  }

  async send(request: ODataRequest): Promise<ODataResponse> {
    const url = this.resolve(request);
    const guard = new RequestGuard(this.timeoutMs, request.signal);
    try {
      const headers = await this.headers(request.headers);
      const response = await this.fetchImpl(url, {
        method: request.method,
        headers,
        body: request.body,
        signal: guard.signal,
      });
      const buffer = await response.arrayBuffer();
      const body = new TextDecoder().decode(buffer);
      const failure: HttpFailure = { status: response.status, body, header: (name) => response.headers.get(name) };
      return {
        ...failure,
        ok: response.ok,
        bytes: buffer.byteLength,
        error: () => httpError(failure, request.delta, request.table),
      };
    } catch (error) {
      throw guard.translate(error);
    } finally {
      guard.dispose();
    }
  }

  private async headers(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const token = this.getToken ? await this.getToken() : null;
    const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return { ...ODATA_HEADERS, ...auth, ...extra };
  }
}

/** One request's cancellation: the caller's signal or our own timeout, whichever comes first. */
class RequestGuard {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;
  private readonly onAbort = (): void => {
    this.controller.abort();
  };

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (callerSignal?.aborted) this.controller.abort();
    callerSignal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller's cancel wins over our timeout; anything else thrown by fetch is the network. */
  translate(error: unknown): SyncEngineError {
    if (this.callerSignal?.aborted) return new AbortedError('The operation was cancelled.', { cause: error });
    if (this.timedOut) {
      return new ServiceUnavailableError(`No answer within ${this.timeoutMs} ms.`, { cause: error });
    }
    if (error instanceof SyncEngineError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new NetworkError(`Network failure: ${message}`, { cause: error });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onAbort);
  }
}
