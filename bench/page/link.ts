import type { WebApiRemote } from '../../SyncEngine/adapters/webapi/WebApiRemote';
import type { PageRequest, RemotePage, RemoteSource } from '../../SyncEngine/contracts/RemoteSource';
import type { EngineOptions } from '../../SyncEngine/core/EngineOptions';
import { closeEngine, openEngine } from './engineStack';
import { deleteDatabase } from './measure';
import type { EmulatorTarget } from './types';

export interface LinkSync {
  ms: number;
  rows: number;
  /** Response bodies of the download pages, as the remote counted them. */
  bytes: number;
  pages: number;
  /** The time left the status showed, against the time the sync then took, at a quarter and at half of its rows. */
  timeLeft: { at: number; shownMs: number; actualMs: number; errorMs: number }[];
  /** Status snapshots that showed a time left, and of those, how many were within their stated error. */
  timeLeftShown: number;
  timeLeftWithinError: number;
  /** Per table, from its first page asked for to its last page in, ms after the sync started: where the time went. */
  tables: { table: string; pages: number; startMs: number; endMs: number }[];
}

interface PageTiming {
  table: string;
  startMs: number;
  endMs: number;
}

/** Hands every call to `remote`, counting the download pages' bodies on the way. */
function counting(remote: WebApiRemote, total: { bytes: number; pages: number; timings: PageTiming[] }): RemoteSource {
  return new Proxy(remote, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'fetchPage' || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return async (request: PageRequest): Promise<RemotePage> => {
        const startMs = performance.now();
        const page = await (value as RemoteSource['fetchPage']).call(target, request);
        total.timings.push({ table: request.table.logicalName, startMs, endMs: performance.now() });
        total.bytes += page.bytes;
        total.pages += 1;
        return page;
      };
    },
  });
}

/**
 * A first sync of the whole bench profile on an empty device, over whatever link the runner set up (the
 * emulator's server time per request, Chromium's network emulation for round trip and bandwidth). The device is
 * deleted afterwards: each link starts from nothing.
 */
export async function linkFirstSync(key: string, target: EmulatorTarget, options: Partial<EngineOptions> = {}): Promise<LinkSync> {
  const total = { bytes: 0, pages: 0, timings: [] as PageTiming[] };
  const engine = await openEngine(key, target, { wrapRemote: (remote) => counting(remote, total), options });
  try {
    const samples: { at: number; remainingMs: number; errorMs: number; fraction: number }[] = [];
    const unsubscribe = engine.subscribe((status) => {
      const progress = status.phase.kind === 'downloading' ? status.phase.progress : undefined;
      if (progress?.remainingMs === undefined || progress.rowsExpected === undefined || progress.rowsExpected === 0) return;
      samples.push({ at: performance.now(), remainingMs: progress.remainingMs, errorMs: progress.remainingErrorMs ?? 0, fraction: progress.rowsDone / progress.rowsExpected });
    });
    const start = performance.now();
    await engine.syncNow();
    const end = performance.now();
    unsubscribe();
    const ms = end - start;
    const timeLeft = [0.25, 0.5].flatMap((at) => {
      const sample = samples.find((s) => s.fraction >= at);
      return sample ? [{ at, shownMs: sample.remainingMs, actualMs: end - sample.at, errorMs: sample.errorMs }] : [];
    });
    const within = samples.filter((s) => Math.abs(s.remainingMs - (end - s.at)) <= s.errorMs).length;
    const status = engine.getStatus();
    if (!status.initialSyncComplete) throw new Error(`The first sync over the link did not complete: ${status.lastFailureCode ?? 'no failure code'}`);
    const rows = status.tables.reduce((sum, t) => sum + t.rows, 0);
    return { ms, rows, bytes: total.bytes, pages: total.pages, timeLeft, timeLeftShown: samples.length, timeLeftWithinError: within, tables: perTable(total.timings, start) };
  } finally {
    await closeEngine(key);
    await deleteDatabase(`bench:${key}`);
  }
}

function perTable(timings: readonly PageTiming[], syncStart: number): LinkSync['tables'] {
  const tables = new Map<string, LinkSync['tables'][number]>();
  for (const t of timings) {
    const entry = tables.get(t.table) ?? { table: t.table, pages: 0, startMs: Infinity, endMs: 0 };
    entry.pages += 1;
    entry.startMs = Math.min(entry.startMs, Math.round(t.startMs - syncStart));
    entry.endMs = Math.max(entry.endMs, Math.round(t.endMs - syncStart));
    tables.set(t.table, entry);
  }
  return [...tables.values()];
}
