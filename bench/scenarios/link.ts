import type { RunningEmulator } from '../../test/dataverse-emulator';
import { call } from '../browser';
import { compared, info, reference, type BenchResult } from '../results';
import type { BenchContext } from './context';

/**
 * A link as a user has it (#16): the server's time per request (the emulator's latency fault), and the round trip
 * and bandwidth Chromium's network emulation imposes on the page.
 */
interface Link {
  name: string;
  serverMs: number;
  rttMs: number;
  mbitPerSecond: number;
  connectionType: 'wifi' | 'cellular4g';
}

export const LINKS: readonly Link[] = [
  { name: 'office Wi-Fi', serverMs: 800, rttMs: 20, mbitPerSecond: 100, connectionType: 'wifi' },
  { name: '4G', serverMs: 800, rttMs: 70, mbitPerSecond: 12, connectionType: 'cellular4g' },
];

async function setServerTime(emulator: RunningEmulator, latencyMs: number): Promise<void> {
  const response = await fetch(`${emulator.origin}/_emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
  if (!response.ok) throw new Error(`Setting the emulator's server time failed: ${response.status} ${await response.text()}`);
}

/**
 * The link's limit for a download of `bytes`: the bytes at the link's bandwidth, plus one server time and one
 * round trip (the least any download of them can take, however it is scheduled).
 */
export function linkLimitMs(link: Link, bytes: number): number {
  return ((bytes * 8) / (link.mbitPerSecond * 1_000_000)) * 1000 + link.serverMs + link.rttMs;
}

/**
 * The first sync of the big org (100,000 rows) over each link, as a ratio to the link's limit (target ≤ 1.3,
 * moonshot 1.1), and the same with the engine as it was before (one table, one page at a time, each written before
 * the next is asked for), in the same run.
 */
export async function linkFirstSync(ctx: BenchContext): Promise<BenchResult[]> {
  const cdp = await ctx.page.context().newCDPSession(ctx.page);
  await cdp.send('Network.enable');
  const results: BenchResult[] = [];
  try {
    for (const link of LINKS) {
      ctx.log(`link: first sync over ${link.name} (server ${link.serverMs} ms per request, ${link.rttMs} ms round trip, ${link.mbitPerSecond} Mbit/s)`);
      await setServerTime(ctx.big, link.serverMs);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: link.rttMs,
        downloadThroughput: (link.mbitPerSecond * 1_000_000) / 8,
        uploadThroughput: (link.mbitPerSecond * 1_000_000) / 8,
        connectionType: link.connectionType,
      });
      const target = { baseUrl: ctx.big.baseUrl };
      const sync = await call(ctx.page, 'linkFirstSync', `link-${link.connectionType}`, target);
      ctx.log(`link: the same over ${link.name}, one page at a time (the engine before #16)`);
      const serial = await call(ctx.page, 'linkFirstSync', `link-serial-${link.connectionType}`, target, { downloadConcurrency: 1, pageLookahead: false });
      if (sync.rows !== serial.rows) throw new Error(`Row counts differ over ${link.name}: ${sync.rows} against ${serial.rows} one page at a time`);
      const limit = linkLimitMs(link, sync.bytes);
      const detail = (s: typeof sync): string => `${s.rows} rows, ${(s.bytes / 1_000_000).toFixed(1)} MB in ${s.pages} pages; ${Math.round(s.ms)} ms against the link's ${Math.round(linkLimitMs(link, s.bytes))} ms; per table (pages, first asked for to last in): ${s.tables.map((t) => `${t.table} ${t.pages} pages ${t.startMs}-${t.endMs} ms`).join(', ')}`;
      results.push(compared(`link first sync ${link.name} vs link limit`, sync.ms, limit, 'ms', '<= 1.3', `${detail(sync)}; tables in parallel, next page asked for while one is written`));
      for (const estimate of sync.timeLeft) {
        const percent = Math.round(estimate.at * 100);
        results.push(
          info(
            `link first sync ${link.name} time left shown at ${percent}% vs actual`,
            estimate.actualMs === 0 ? null : estimate.shownMs / estimate.actualMs,
            'ratio',
            `shown ${Math.round(estimate.shownMs)} ms ± ${Math.round(estimate.errorMs)} ms when ${percent}% of the rows were down; the sync then took ${Math.round(estimate.actualMs)} ms more; ${sync.timeLeftWithinError} of ${sync.timeLeftShown} status snapshots with a time left were within their stated error`,
          ),
        );
      }
      results.push(reference(`link first sync ${link.name} one page at a time vs link limit`, serial.ms, linkLimitMs(link, serial.bytes), 'ms', `${detail(serial)}; as before #16, for comparison`));
      if (link.connectionType === 'wifi') {
        // What the link and the server give one page at a time with no writes at all: the floor of a sync that
        // follows one table's pages in order, which Dataverse's paging (the next link ends each page) imposes.
        ctx.log(`link: download only over ${link.name}, one page at a time, no writes`);
        const download = await call(ctx.page, 'fetchOnly', target);
        results.push(reference(`link download only ${link.name} one page at a time vs link limit`, download.ms, limit, 'ms', `${download.rows} rows in ${Math.round(download.ms)} ms, ${Math.round(download.ms / serial.pages)} ms a page (server ${link.serverMs} ms + transfer + parse); no writes`));
        // The same with no server time: what Chromium's emulated link carries for one stream of these pages.
        await setServerTime(ctx.big, 0);
        const transfer = await call(ctx.page, 'fetchOnly', target);
        await setServerTime(ctx.big, link.serverMs);
        const mbit = (sync.bytes * 8) / 1_000_000 / (transfer.ms / 1000);
        results.push(info(`link ${link.name} emulated throughput, one page at a time`, mbit, 'Mbit/s', `${(sync.bytes / 1_000_000).toFixed(1)} MB in ${Math.round(transfer.ms)} ms with no server time (parse included): the link's ${link.mbitPerSecond} Mbit/s as Chromium's network emulation delivers it to one request at a time`));
      }
    }
  } finally {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    await setServerTime(ctx.big, 0);
  }
  results.push(info('link profiles', LINKS.length, 'links', LINKS.map((l) => `${l.name}: ${l.serverMs} ms server, ${l.rttMs} ms RTT, ${l.mbitPerSecond} Mbit/s`).join('; ')));
  return results;
}
