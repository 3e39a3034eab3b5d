import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppInsightsSink } from '../../SyncEngine/adapters/telemetry/AppInsightsSink';
import { formatDuration, parseConnectionString, type Envelope } from '../../SyncEngine/adapters/telemetry/appInsightsEnvelope';
import { ConfigError } from '../../SyncEngine/contracts/errors';
import type { TelemetryEvent } from '../../SyncEngine/contracts/telemetry';

interface Capture {
  url: string;
  body: Envelope[];
}

/** A stand-in ingestion endpoint: records each POST and answers with the status the test sets. */
class Ingestion {
  readonly posts: Capture[] = [];
  status = 200;
  answer: unknown = undefined;
  private server!: Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        this.posts.push({ url: request.url ?? '', body: JSON.parse(text) });
        response.writeHead(this.status, { 'Content-Type': 'application/json' });
        const batch = this.posts.at(-1)!.body;
        response.end(JSON.stringify(this.answer ?? { itemsReceived: batch.length, itemsAccepted: batch.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const IKEY = '11111111-2222-3333-4444-555555555555';

function event(overrides: Partial<TelemetryEvent> = {}): TelemetryEvent {
  return {
    name: 'Offline.SyncDatabase',
    timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
    durationMs: 1234,
    success: true,
    operationId: 'op-1',
    userId: 'user-1',
    customDimensions: { ScenarioResult: 'SUCCESS', DataSyncMode: 'DELTA_SYNC', EntityName: 'account', RecordCount: 12 },
    ...overrides,
  };
}

describe('AppInsightsSink', () => {
  const ingestion = new Ingestion();
  let online = true;
  let sink: AppInsightsSink;

  beforeAll(() => ingestion.start());
  afterAll(() => ingestion.stop());
  beforeEach(() => {
    ingestion.posts.length = 0;
    ingestion.status = 200;
    ingestion.answer = undefined;
    online = true;
    sink = new AppInsightsSink({
      connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.endpoint};LiveEndpoint=https://live/`,
      maxDelayMs: 50,
      isOnline: () => online,
      newId: () => 'dep-1',
    });
  });
  afterEach(() => sink.dispose());

  it('posts each event as a RemoteDependencyData envelope to <IngestionEndpoint>v2/track', async () => {
    sink.track(event({ success: false, customDimensions: { ScenarioResult: 'FAILURE', DataSyncMode: 'FIRST_SYNC', ErrorCode: 'network', FailureType: '2004' } }));
    await sink.flush();

    expect(ingestion.posts).toHaveLength(1);
    expect(ingestion.posts[0].url).toBe('/v2/track');
    const [envelope] = ingestion.posts[0].body;
    expect(envelope).toEqual({
      name: `Microsoft.ApplicationInsights.${IKEY.replace(/-/g, '')}.RemoteDependency`,
      time: '2026-01-02T03:04:05.000Z',
      iKey: IKEY,
      tags: { 'ai.operation.id': 'op-1', 'ai.user.id': 'user-1' },
      data: {
        baseType: 'RemoteDependencyData',
        baseData: {
          ver: 2,
          id: 'dep-1',
          name: 'Offline.SyncDatabase',
          duration: '00:00:01.234',
          success: false,
          resultCode: 'network',
          type: 'OfflineSync',
          properties: { ScenarioResult: 'FAILURE', DataSyncMode: 'FIRST_SYNC', ErrorCode: 'network', FailureType: '2004' },
        },
      },
    });
  });

  it('sends custom dimensions as strings', async () => {
    sink.track(event());
    await sink.flush();
    expect(ingestion.posts[0].body[0].data.baseData.properties).toEqual({
      ScenarioResult: 'SUCCESS',
      DataSyncMode: 'DELTA_SYNC',
      EntityName: 'account',
      RecordCount: '12',
    });
  });

  it('batches up to 50 items per POST and sends a full batch without waiting', async () => {
    for (let i = 0; i < 120; i++) sink.track(event());
    await sink.flush();
    expect(ingestion.posts.map((post) => post.body.length)).toEqual([50, 50, 20]);
  });

  it('sends a partial batch once the delay has passed', async () => {
    sink.track(event());
    expect(ingestion.posts).toHaveLength(0);
    await waitFor(() => ingestion.posts.length === 1);
    expect(sink.pending).toBe(0);
  });

  it('keeps the queue while offline and sends it when back online', async () => {
    online = false;
    sink.track(event());
    sink.track(event());
    await sink.flush();
    expect(ingestion.posts).toHaveLength(0);
    expect(sink.pending).toBe(2);

    online = true;
    await sink.flush();
    expect(ingestion.posts).toHaveLength(1);
    expect(ingestion.posts[0].body).toHaveLength(2);
    expect(sink.pending).toBe(0);
  });

  it('keeps the queue while the endpoint fails and sends it once it recovers', async () => {
    ingestion.status = 503;
    sink.track(event());
    await sink.flush();
    expect(sink.pending).toBe(1);

    ingestion.status = 200;
    await sink.flush();
    expect(sink.pending).toBe(0);
    expect(ingestion.posts.at(-1)!.body).toHaveLength(1);
  });

  it('keeps the queue when the endpoint cannot be reached at all', async () => {
    const unreachable = new AppInsightsSink({
      connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=http://127.0.0.1:1/`,
      isOnline: () => true,
    });
    unreachable.track(event());
    await unreachable.flush();
    expect(unreachable.pending).toBe(1);
    unreachable.dispose();
  });

  it('bounds the queue, dropping the oldest items', async () => {
    const small = new AppInsightsSink({ connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.endpoint}`, maxQueue: 3, isOnline: () => false });
    for (let i = 0; i < 5; i++) small.track(event({ operationId: `op-${i}` }));
    expect(small.pending).toBe(3);
    small.dispose();
    const online = new AppInsightsSink({ connectionString: `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.endpoint}`, maxQueue: 3, isOnline: () => true });
    for (let i = 0; i < 5; i++) online.track(event({ operationId: `op-${i}` }));
    await online.flush();
    const sent = ingestion.posts.flatMap((post) => post.body.map((item) => item.tags['ai.operation.id']));
    expect(sent).toEqual(['op-2', 'op-3', 'op-4']);
  });

  it('resends only the items a partial success (206) refused with a retriable status', async () => {
    ingestion.status = 206;
    ingestion.answer = { itemsReceived: 3, itemsAccepted: 1, errors: [{ index: 1, statusCode: 429 }, { index: 2, statusCode: 400 }] };
    sink.track(event({ operationId: 'a' }));
    sink.track(event({ operationId: 'b' }));
    sink.track(event({ operationId: 'c' }));
    await sink.flush();
    expect(sink.pending).toBe(1);
    ingestion.status = 200;
    ingestion.answer = undefined;
    await sink.flush();
    expect(sink.pending).toBe(0);
    expect(ingestion.posts.map((post) => post.body.map((item) => item.tags['ai.operation.id']))).toEqual([['a', 'b', 'c'], ['b']]);
  });

  it('drops a batch the endpoint rejects as invalid instead of resending it forever', async () => {
    ingestion.status = 400;
    sink.track(event());
    await sink.flush();
    expect(sink.pending).toBe(0);
  });
});

describe('Application Insights envelope', () => {
  it('formats durations as .NET TimeSpans', () => {
    expect(formatDuration(0)).toBe('00:00:00.000');
    expect(formatDuration(61_005)).toBe('00:01:01.005');
    expect(formatDuration(90_061_001)).toBe('1.01:01:01.001');
  });

  it('reads connection strings, defaulting the ingestion endpoint', () => {
    expect(parseConnectionString('instrumentationkey=abc;IngestionEndpoint=https://westeurope-1.in.applicationinsights.azure.com')).toEqual({
      instrumentationKey: 'abc',
      trackUrl: 'https://westeurope-1.in.applicationinsights.azure.com/v2/track',
    });
    expect(parseConnectionString('InstrumentationKey=abc').trackUrl).toBe('https://dc.services.visualstudio.com/v2/track');
    expect(() => parseConnectionString('IngestionEndpoint=https://x/')).toThrow(ConfigError);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
