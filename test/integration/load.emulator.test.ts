import { IDBFactory } from 'fake-indexeddb';
import type { SyncEngine } from '../../SyncEngine/core/SyncEngine';
import { startEmulator, type RunningEmulator } from '../dataverse-emulator';
import { admin } from '../dataverse-emulator/testing';
import { ACCOUNTS_ONLY, startHttpEngine, waitUntil } from '../support/httpEngine';
import { RealHost } from '../support/RealHost';
import { serverRows } from './engineOverHttp';

/** The load: 10,000 queued changes (a `$batch` is settled in one store transaction, so this takes ~35 s). */
const CHANGES = 10_000;
/**
 * Tight enough that a naive uploader (one request per change, or many in parallel) is throttled at once. Two
 * injected 429s make sure the engine meets a Retry-After even when its `$batch`es stay under the window.
 */
const LIMITS = { maxConcurrent: 52, requestsPerWindow: 10, windowMs: 2_000 };

interface WireEvent {
  method: string;
  url: string;
  sentAt: number;
  status: number;
  answeredAt: number;
  retryAfterMs?: number;
  /** Row ids PATCHed by the parts of a `$batch` that answered 200. */
  patched: string[];
}

/** A fetch that records every Web API call and its answer, to check Retry-After and count landed parts. */
function recordingFetch(log: WireEvent[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const sentAt = Date.now();
    const response = await fetch(input, init);
    const retryAfter = response.headers.get('Retry-After');
    const body = typeof init?.body === 'string' ? init.body : '';
    const batchOk = url.endsWith('$batch') && response.status === 200;
    const patched = batchOk ? [...body.matchAll(/PATCH \S*accounts\(([^)]+)\)/g)].map((m) => decodeURIComponent(m[1])) : [];
    log.push({
      method: init?.method ?? 'GET',
      url,
      sentAt,
      status: response.status,
      answeredAt: Date.now(),
      retryAfterMs: retryAfter === null ? undefined : Number(retryAfter) * 1000,
      patched,
    });
    return response;
  };
}

describe('load: thousands of queued changes upload within the service protection limits', () => {
  let emulator: RunningEmulator;
  let engine: SyncEngine | undefined;
  afterAll(async () => {
    engine?.dispose();
    await engine?.idle();
    await emulator.close();
  });

  it('uses $batch, stays under 52 concurrent requests, waits every Retry-After out, and lands each change once', async () => {
    // Accounts are a fifth of the seeded rows.
    emulator = await startEmulator({ port: 0, rows: CHANGES * 5 });
    const host = new RealHost();
    host.active = false;
    const wire: WireEvent[] = [];
    const started = await startHttpEngine({
      emulator,
      factory: new IDBFactory(),
      host,
      dbName: 'oss:load:user',
      profile: ACCOUNTS_ONLY,
      fetch: recordingFetch(wire),
      options: { pageSize: 5000, uploadDebounceMs: 0 },
    });
    engine = started.engine;
    await engine.syncNow();
    const accounts = (await engine.offline.retrieveMultipleRecords('account', '?$select=accountid')).entities.map((r) => String(r.accountid));
    expect(accounts).toHaveLength(CHANGES);

    host.set({ online: false });
    const queuedAt = Date.now();
    for (const [i, id] of accounts.entries()) await engine.offline.updateRecord('account', id, { name: `Load ${i}` });
    const queueMs = Date.now() - queuedAt;
    expect(engine.getStatus().pendingCount).toBe(CHANGES);

    await admin(emulator, 'POST', 'faults', { limits: LIMITS, throttleNext: 2, retryAfterSeconds: 1 });
    const before = (await (await admin(emulator, 'GET', 'stats')).json()) as { byMethod: Partial<Record<string, number>>; throttled: number };
    wire.length = 0;
    const uploadFrom = Date.now();
    // Back online and in the foreground: the engine's own schedule uploads, backs off and retries.
    host.set({ online: true, active: true });
    expect(await waitUntil(() => engine?.getStatus().pendingCount === 0, 120_000)).toBe(true);
    const uploadMs = Date.now() - uploadFrom;
    host.set({ active: false });
    await engine.idle();

    const stats = (await (await admin(emulator, 'GET', 'stats')).json()) as { byMethod: Partial<Record<string, number>>; maxConcurrentSeen: number; throttled: number };
    const posts = (stats.byMethod.POST ?? 0) - (before.byMethod.POST ?? 0);
    const throttled = stats.throttled - before.throttled;
    expect(stats.maxConcurrentSeen).toBeLessThanOrEqual(52);
    expect(posts).toBeLessThan(CHANGES / 50);
    expect(stats.byMethod.PATCH ?? 0).toBe(0);
    expect(throttled).toBeGreaterThan(0);

    // Every 429 was waited out: nothing went to the service before its Retry-After had passed.
    for (const [i, event] of wire.entries()) {
      if (event.status !== 429) continue;
      const next = wire.slice(i + 1).find((e) => e.sentAt >= event.sentAt);
      if (next) expect(next.sentAt - event.answeredAt).toBeGreaterThanOrEqual((event.retryAfterMs ?? 0) - 5);
    }

    // Exactly once on the wire: every row PATCHed by exactly one $batch that answered 200, and its value is there.
    const landed = wire.flatMap((e) => e.patched);
    expect(landed).toHaveLength(CHANGES);
    expect(new Set(landed).size).toBe(CHANGES);
    // The test's own reads are not the engine's traffic: lift the tight limits first, so they are not throttled.
    await admin(emulator, 'DELETE', 'faults');
    const names = new Map((await serverRows(emulator, 'accounts', '?$select=accountid,name')).map((r) => [String(r.accountid), r.name]));
    const wrong = accounts.filter((id, i) => names.get(id) !== `Load ${i}`);
    expect(wrong).toEqual([]);

    console.log(
      `load: ${CHANGES} changes queued in ${queueMs} ms, uploaded in ${uploadMs} ms; ` +
        `POST ${posts} ($batch), 429s ${throttled}, max concurrency ${stats.maxConcurrentSeen}`,
    );
  }, 180_000);
});
