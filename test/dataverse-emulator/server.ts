import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { DEFAULT_LANGUAGE, checkLanguage, type EmulatorUserSettings } from './userSettings';
import type { AddressInfo } from 'node:net';
import type { HandlerContext } from './context';
import { Faults, malformed } from './faults';
import { type AdminTarget, type EmulatorStats, handleAdmin } from './handlers/admin';
import { type ApiResponse, ERROR_CODES, HttpError, errorResponse } from './http';
import { loadStore, StoreSaver } from './persistence';
import { ServiceProtection } from './protection';
import { dispatch } from './router';
import { profileRecords } from './profileSeed';
import { seedRows, type SeedData } from './seed';
import { EmulatorStore } from './store';

export const API_ROOT = '/api/data/v9.2/';
/** Dataverse answers 414 to a longer request URL; longer FetchXML goes as a GET part inside `$batch`. */
export const MAX_URL_LENGTH = 32_768;
/**
 * Node refuses request heads over 16 KB by itself (431); raised so a URL near Dataverse's limit reaches the
 * emulator and the 414 is ours.
 */
const MAX_HEADER_BYTES = 80 * 1024;
const ADMIN_ROOT = '/_emulator/';

const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Accept, Authorization, Content-Type, Content-ID, If-Match, If-None-Match, OData-MaxVersion, OData-Version, Prefer, x-ms-file-name',
  'Access-Control-Expose-Headers': 'ETag, Location, OData-EntityId, OData-Version, Preference-Applied, Retry-After, x-ms-file-name',
  'Access-Control-Max-Age': '600',
};

export interface ServerOptions {
  port: number;
  rows: number;
  seed: number;
  dataFile?: string;
  /** The user and the organisation point at the seeded Field Service offline profile. */
  assignOfflineProfile: boolean;
  /** Share of the bookings the user owns, inside `SLICE_WINDOW` (`seedRows`); absent, the default seed. */
  sliceShare?: number;
  /** The default seed's "today" (epoch ms), which the user's bookings are dated around; absent, when it starts. */
  today?: number;
  /** The user's UI language (LCID: 1033, 1031, 1036); absent, English. */
  language?: number;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function send(response: ServerResponse, answer: ApiResponse): void {
  if (response.destroyed) return;
  response.writeHead(answer.status, { ...CORS_HEADERS, ...answer.headers });
  response.end(answer.body);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The HTTP front: CORS, the admin API, then faults and service protection in front of the Web API router. */
export class EmulatorServer implements AdminTarget {
  readonly faults: Faults;
  private store: EmulatorStore;
  private readonly protection: ServiceProtection;
  private readonly saver?: StoreSaver;
  private counters: EmulatorStats = { requests: 0, byMethod: {}, maxConcurrentSeen: 0, throttled: 0 };
  private server?: Server;
  private baseUrl = '';
  /** Fixed at the start, so a reset reseeds the same rows. */
  private readonly today: number;

  constructor(private readonly options: ServerOptions) {
    this.today = options.today ?? Date.now();
    this.user = { uilanguageid: options.language === undefined ? DEFAULT_LANGUAGE : checkLanguage(options.language) };
    this.faults = new Faults(options.seed);
    this.protection = new ServiceProtection(() => this.faults.limits);
    const saved = options.dataFile === undefined ? undefined : loadStore(options.dataFile, this.configuration());
    this.store = saved ?? new EmulatorStore(seedRows(options.rows, options.seed, options.sliceShare, this.today), this.configuration());
    if (options.dataFile !== undefined) this.saver = new StoreSaver(options.dataFile, () => this.store);
    this.watch();
    if (!saved) this.saver?.schedule();
  }

  private configuration(): SeedData {
    return profileRecords(this.options.assignOfflineProfile);
  }

  /** Kept across resets, as a user's personal options outlive an environment's data. */
  readonly user: EmulatorUserSettings;
  context = (): HandlerContext => ({ store: this.store, baseUrl: this.baseUrl, user: this.user });
  stats = (): EmulatorStats => structuredClone(this.counters);

  expireDeltaTokens = (): void => {
    this.store.tokenGeneration += 1;
    this.saver?.schedule();
  };

  /** Reseeds; versions keep rising and old delta tokens expire, as after a real environment restore. */
  reset = (): void => {
    const previous = this.store;
    this.store = new EmulatorStore(seedRows(this.options.rows, this.options.seed, this.options.sliceShare, this.today), this.configuration());
    this.store.version = Math.max(this.store.version, previous.version);
    this.store.tokenGeneration = previous.tokenGeneration + 1;
    this.faults.clear();
    this.protection.reset();
    this.counters = { requests: 0, byMethod: {}, maxConcurrentSeen: 0, throttled: 0 };
    this.watch();
    this.saver?.schedule();
  };

  async listen(): Promise<{ port: number; origin: string }> {
    const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : 'Unexpected failure';
        send(response, errorResponse(new HttpError(500, ERROR_CODES.unexpected, message)));
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${String(port)}`;
    this.baseUrl = `${origin}${API_ROOT}`;
    return { port, origin };
  }

  async close(): Promise<void> {
    const { server } = this;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => { resolve(); }));
      server.closeAllConnections();
      await closed;
    }
    await this.saver?.flush();
  }

  private watch(): void {
    this.store.onChange = () => this.saver?.schedule();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawUrl = request.url ?? '/';
    const question = rawUrl.indexOf('?');
    const path = question < 0 ? rawUrl : rawUrl.slice(0, question);
    const query = question < 0 ? '' : rawUrl.slice(question + 1);
    const method = (request.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      send(response, { status: 204, headers: {} });
      return;
    }
    if (path.startsWith(ADMIN_ROOT)) {
      const body = await readBody(request);
      send(response, this.answer(() => handleAdmin(this, method, path.slice(ADMIN_ROOT.length), body)));
      return;
    }
    if (rawUrl.length > MAX_URL_LENGTH) {
      const message = `The request URL is ${String(rawUrl.length)} characters long; at most ${String(MAX_URL_LENGTH)} are allowed. Send longer queries inside $batch.`;
      send(response, errorResponse(new HttpError(414, '', message)));
      return;
    }
    if (!path.startsWith(API_ROOT)) {
      send(response, errorResponse(new HttpError(404, '', `Nothing is served at ${path}; the Web API is under ${API_ROOT}.`)));
      return;
    }
    await this.handleApi(request, response, { method, path: path.slice(API_ROOT.length), query });
  }

  private async handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    target: { method: string; path: string; query: string },
  ): Promise<void> {
    this.counters.requests += 1;
    this.counters.byMethod[target.method] = (this.counters.byMethod[target.method] ?? 0) + 1;
    if (this.faults.settings.offline) {
      request.socket.destroy();
      return;
    }
    const rejected = this.protection.admit(Date.now());
    if (rejected) {
      this.counters.throttled += 1;
      send(response, rejected);
      return;
    }
    this.protection.active += 1;
    this.counters.maxConcurrentSeen = Math.max(this.counters.maxConcurrentSeen, this.protection.active);
    response.once('close', () => {
      this.protection.active -= 1;
    });
    const body = await readBody(request);
    const latencyMs = this.faults.settings.latencyMs + this.faults.extraLatency(target.path);
    if (latencyMs > 0) await delay(latencyMs);
    if (this.faults.takeDrop()) {
      request.socket.destroy();
      return;
    }
    const injected = this.faults.takeThrottle() ?? this.faults.takeError(request.method !== 'GET' && request.method !== 'HEAD');
    if (injected) {
      if (injected.status === 429) this.counters.throttled += 1;
      send(response, injected);
      return;
    }
    const answer = dispatch(this.context(), { ...target, headers: headersOf(request), body });
    send(response, this.faults.takeMalformed() ? malformed(answer) : answer);
  }

  private answer(work: () => ApiResponse): ApiResponse {
    try {
      return work();
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      throw error;
    }
  }
}
