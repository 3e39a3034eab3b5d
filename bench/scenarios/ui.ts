import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM } from '../browser';
import { profile } from '../profiler';
import { compared, info, type BenchResult } from '../results';
import { servePage } from '../server';
import { readResx } from '../../test/support/resx';
import type { IconPaint, IconPaintSample, PageMount, UiBenchApi } from '../ui/page';
import { median, type BenchContext } from './context';

const ROOT = resolve(__dirname, '..', '..');
const TABLES = 200;
const ERRORS = 5_000;
/** Warm mounts of the page in one document, and cold ones (a fresh document each). */
const WARM_MOUNTS = 15;
const COLD_MOUNTS = 5;
/** Long enough for Fluent's List to finish rendering ahead when idle, so the settled DOM is the real one. */
const SETTLE_MS = 400;
/** Status changes timed to the icon's paint (half landing at a frame's start, half mid-frame), after a warm-up. */
const ICON_CHANGES = 400;
const ICON_WARMUP = 12;
/** The same with the status page open in the icon's panel: fewer, each re-renders the whole page. */
const PANEL_CHANGES = 100;
/** Changes waiting to upload while the icon changes: a device that worked offline for days. */
const ICON_QUEUED = 10_000;
/**
 * The page opens from a tap on the icon: RAIL asks for a response within 100 ms; 200 ms to the first frame on a
 * desktop-class CPU leaves the panel's slide-in and a slower phone some room, and is still "immediate" to the user.
 */
const PAGE_BUDGET_MS = 200;
/**
 * A status change is painted within one frame of a 60 Hz display: the icon never drops a frame to follow the
 * engine, however long the queue.
 */
const ICON_PAINT_BUDGET_MS = 16;

/** The English master string table, parsed as the controls' resx is (key → text). */
function englishStrings(): Record<string, string> {
  return Object.fromEntries(readResx('1033', join(ROOT, 'components', 'strings', 'OfflineSync.1033.resx')));
}

/** React, react-dom and Fluent from node_modules in production mode; not minified so profiles name our code. */
async function bundleUiPage(outDir: string): Promise<string> {
  const outfile = join(outDir, 'ui-page.js');
  await build({
    entryPoints: [join(ROOT, 'bench', 'ui', 'page.tsx')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile,
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function ui<K extends keyof UiBenchApi>(page: Page, name: K, ...args: Parameters<UiBenchApi[K]>): Promise<Awaited<ReturnType<UiBenchApi[K]>>> {
  return (await page.evaluate(
    ({ fn, params }) => (globalThis as unknown as { uiBench: Record<string, (...a: unknown[]) => unknown> }).uiBench[fn](...params),
    { fn: name, params: args },
  )) as Awaited<ReturnType<UiBenchApi[K]>>;
}

function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The UI benchmark: first render of the Offline Status page with 200 tables and 5,000 sync errors, and the sync
 * icon's time from a status change to its paint with 10,000 changes queued. Its own bundle, server and browser, with every
 * request off loopback blocked and counted (the controls must work on a device with no network).
 */
export async function uiRender(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('ui: bundling React 16 + Fluent 8 (production)');
  const bundle = await bundleUiPage(ctx.outDir);
  const server = await servePage(bundle);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const blocked: string[] = [];
  const consoleProblems: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url)) {
        await route.continue();
      } else {
        blocked.push(url);
        await route.abort('blockedbyclient');
      }
    });
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
    const strings = englishStrings();
    const open = async (): Promise<void> => {
      await page.goto(server.url);
      await page.waitForFunction(() => 'uiBench' in globalThis);
      await ui(page, 'setStrings', strings);
    };

    ctx.log(`ui: status page, ${COLD_MOUNTS} cold mounts (fresh document each)`);
    const cold: PageMount[] = [];
    for (let i = 0; i < COLD_MOUNTS; i++) {
      await open();
      cold.push(...(await ui(page, 'pageRender', 1, TABLES, ERRORS, SETTLE_MS)));
    }
    ctx.log(`ui: status page, ${WARM_MOUNTS} warm mounts`);
    await open();
    const warm = await maybeProfileUi(ctx, page, 'ui-status-page', () => ui(page, 'pageRender', WARM_MOUNTS + 1, TABLES, ERRORS, SETTLE_MS));
    warm.shift();
    ctx.log(`ui: sync icon, ${ICON_CHANGES} status changes to paint, ${ICON_QUEUED} queued`);
    await open();
    const icon = await maybeProfileUi(ctx, page, 'ui-icon-paint', () => ui(page, 'iconPaint', ICON_CHANGES, ICON_WARMUP, TABLES, ERRORS, ICON_QUEUED, false));
    ctx.log(`ui: the same, ${PANEL_CHANGES} changes with the status page open in the icon's panel`);
    await open();
    const panel = await maybeProfileUi(ctx, page, 'ui-icon-paint-panel-open', () => ui(page, 'iconPaint', PANEL_CHANGES, ICON_WARMUP, TABLES, ERRORS, ICON_QUEUED, true));
    // Fonts and the like load after the page settles; give them the chance to be attempted before counting.
    await page.waitForTimeout(500);
    await context.close();
    return [
      pageEntry(warm, cold),
      iconEntry(icon),
      panelEntry(panel),
      compared('ui: requests off loopback (fonts, CDN)', blocked.length, 1, 'requests', '<= 0', blockedNote(blocked, consoleProblems)),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

async function maybeProfileUi<T>(ctx: BenchContext, page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!ctx.profiling) return work();
  const { result, hot } = await profile(page, join(ctx.outDir, `${name}.cpuprofile`), work);
  ctx.hotSpots[name] = hot;
  return result;
}

function ms(value: number): string {
  return value.toFixed(value < 1 ? 3 : 1);
}

function pageEntry(warm: readonly PageMount[], cold: readonly PageMount[]): BenchResult {
  const pick = (samples: readonly PageMount[], f: (s: PageMount) => number): number => median(samples.map(f));
  const last = warm[warm.length - 1] ?? cold[cold.length - 1];
  const errorItems = Math.max(...warm.map((s) => s.errorItemsSettled), ...cold.map((s) => s.errorItemsSettled));
  const virtualised = errorItems < last.activeErrors / 10;
  const note = [
    `median of ${warm.length} fresh mounts in one document, ReactDOM.render start to the next animation frame (layout forced there)`,
    `render+commit ${ms(pick(warm, (s) => s.commitMs))} ms, +layout ${ms(pick(warm, (s) => s.layoutMs))} ms`,
    `cold (fresh document, median of ${cold.length}): frame ${ms(pick(cold, (s) => s.frameMs))} ms, render+commit ${ms(pick(cold, (s) => s.commitMs))} ms`,
    `${last.tables} tables, ${last.activeErrors} active errors`,
    `error items in the DOM: ${last.errorItemsAtFrame} at first frame, ${errorItems} at most after settling (${virtualised ? 'virtualised' : 'NOT virtualised'}), table items ${last.tableItemsSettled}, ${last.domNodesSettled} elements`,
    `target: absolute budget ${PAGE_BUDGET_MS} ms against baseline 1 (RAIL: response to the tap that opens the page)`,
  ].join('; ');
  return compared('ui: status page first render (200 tables, 5,000 errors)', pick(warm, (s) => s.frameMs), 1, 'ms', `<= ${PAGE_BUDGET_MS}`, note);
}

/** The value at fraction `p` of the sorted samples (nearest rank). */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

function spread(samples: readonly IconPaintSample[], f: (s: IconPaintSample) => number): string {
  const values = samples.map(f);
  return `p50 ${ms(percentile(values, 0.5))}, p95 ${ms(percentile(values, 0.95))}, max ${ms(Math.max(...values))} ms`;
}

function iconEntry(icon: IconPaint): BenchResult {
  const aligned = icon.samples.filter((s) => s.aligned);
  const midFrame = icon.samples.filter((s) => !s.aligned);
  const stale = icon.samples.filter((s) => !s.domShowedIt).length;
  const note = [
    `${aligned.length} status changes published at the start of a frame (engine.publish -> LiveStatus -> SyncStatusIcon, as the control mounts it), each timed from performance.now() before the listener to a task posted after the frame that shows it was rendered: ${spread(aligned, (s) => s.paintedMs)}`,
    `of which the listener (React render + commit) ${spread(aligned, (s) => s.updatedMs)}`,
    `${midFrame.length} more published from a task 0-15 ms after a frame, so including the wait for the next one (frames every ${ms(icon.frameIntervalMs)} ms here): ${spread(midFrame, (s) => s.paintedMs)}`,
    `${icon.queued} changes queued (pending count ${icon.queued}-${icon.queued + 499}, 0 when connected), listPending ${icon.pendingListed} entries (the panel stays closed), ${icon.activeErrors} active errors in the error state, 200 tables`,
    `states ${icon.statesSeen.join('/')}, badges ${icon.badgesSeen.join('/')}; ${stale === 0 ? 'the DOM showed every change as the listener returned' : `${stale} changes NOT in the DOM as the listener returned`}`,
    `first change after mount ${ms(icon.firstChangeMs)} ms, ${icon.warmup} warm-up changes left out; ${icon.iconElements} elements`,
    `target: absolute budget ${ICON_PAINT_BUDGET_MS} ms p95 of the frame-start changes against baseline 1 (one 60 Hz frame)`,
  ].join('; ');
  const p95 = percentile(
    aligned.map((s) => s.paintedMs),
    0.95,
  );
  return compared('ui: sync icon status change to paint p95 (10,000 queued)', p95, 1, 'ms', `<= ${ICON_PAINT_BUDGET_MS}`, note);
}

/** Informs: with the panel open a change re-renders the status page too, which its own budget covers. */
function panelEntry(panel: IconPaint): BenchResult {
  const aligned = panel.samples.filter((s) => s.aligned);
  const midFrame = panel.samples.filter((s) => !s.aligned);
  const stale = panel.samples.filter((s) => !s.domShowedIt).length;
  const note = [
    `as the entry above with the Offline Status page open in the icon's panel (${panel.panelElements} elements), so each change re-renders the page and re-reads the ${panel.pendingListed} queued changes`,
    `${aligned.length} changes at a frame's start: ${spread(aligned, (s) => s.paintedMs)}; listener ${spread(aligned, (s) => s.updatedMs)}`,
    `${midFrame.length} mid-frame: ${spread(midFrame, (s) => s.paintedMs)}`,
    stale === 0 ? 'the icon showed every change as the listener returned' : `${stale} changes NOT in the icon's DOM as the listener returned`,
  ].join('; ');
  return info(
    'ui: sync icon status change to paint p95, status page open (10,000 queued)',
    percentile(
      aligned.map((s) => s.paintedMs),
      0.95,
    ),
    'ms',
    note,
  );
}

function blockedNote(blocked: readonly string[], consoleProblems: readonly string[]): string {
  const unique = [...new Set(blocked)];
  const requests =
    unique.length === 0 ? 'none attempted' : `${unique.length} distinct URLs blocked over ${COLD_MOUNTS + 3} documents: ${unique.slice(0, 5).join(', ')}${unique.length > 5 ? ` and ${unique.length - 5} more` : ''}`;
  const fontsOnly = unique.length > 0 && unique.every((url) => /\/fonts\/.*\.woff2?$/.test(url));
  const source = fontsOnly ? ' (all Segoe UI web fonts from the @font-face rules Fluent registers when it loads; none from the components\' inline-SVG icons)' : '';
  const consoleText = consoleProblems.length === 0 ? 'no console errors or warnings' : `console: ${[...new Set(consoleProblems)].slice(0, 3).join(' | ')}`;
  return `every non-loopback request of the UI page is aborted and counted; ${requests}${source}; ${consoleText}`;
}
