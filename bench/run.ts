/**
 * `npm run bench`: the engine against its baselines, side by side in one headless Chromium, over HTTP to the
 * Dataverse emulator on loopback. Prints a table and writes out/bench/results.json. Exits non-zero only when
 * something crashes: a missed target is a result, not a failure. `--profile` also records CPU profiles of the
 * engine's side (out/bench/*.cpuprofile) and prints their hot spots; `--rows N` changes the big device's size;
 * `--only fetchxml,reads` runs only the named scenarios (and initial-sync, which loads the device they read).
 * The UI benchmark (status page and sync icon, React + Fluent) runs in a page and browser of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { startEmulator } from '../test/dataverse-emulator';
import { openBenchPage } from './browser';
import { bundleSizes } from './bundles';
import { printTable, writeResults, type BenchResult } from './results';
import type { BenchContext } from './scenarios/context';
import { delta } from './scenarios/delta';
import { fetchXmlJoin } from './scenarios/fetchXml';
import { initialSync } from './scenarios/initialSync';
import { linkFirstSync } from './scenarios/link';
import { writesAndStatus } from './scenarios/offlineWrites';
import { chunkProbe } from './scenarios/probe';
import { reads } from './scenarios/reads';
import { slices } from './scenarios/slices';
import { uiRender } from './scenarios/ui';
import { servePage } from './server';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'out', 'bench');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
  /** Reads the big device (engine and Dexie) that initial-sync loads. */
  needsDevice?: boolean;
}

/**
 * In the order they run: fetchxml right after reads, before delta edits rows on the server (and so on the
 * engine's device but not in the Dexie baseline, which would then answer differently).
 */
const SCENARIOS: readonly Scenario[] = [
  { name: 'initial-sync', run: initialSync },
  { name: 'reads', run: reads, needsDevice: true },
  { name: 'fetchxml', run: fetchXmlJoin, needsDevice: true },
  { name: 'delta', run: delta, needsDevice: true },
  { name: 'writes', run: writesAndStatus, needsDevice: true },
  { name: 'probe', run: chunkProbe, needsDevice: true },
  { name: 'slices', run: slices },
  { name: 'link', run: linkFirstSync },
  { name: 'ui', run: uiRender },
  { name: 'bundles', run: () => Promise.resolve(bundleSizes(ROOT)) },
];

/** The scenarios `--only a,b` names (every one without it), plus initial-sync when one of them needs the device. */
function selectedScenarios(): Scenario[] {
  const only = option('--only');
  if (only === undefined) return [...SCENARIOS];
  const names = new Set(only.split(',').map((name) => name.trim()).filter((name) => name !== ''));
  const unknown = [...names].filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0 || names.size === 0) {
    throw new Error(`--only ${only}: unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  if (SCENARIOS.some((s) => names.has(s.name) && s.needsDevice)) names.add('initial-sync');
  return SCENARIOS.filter((s) => names.has(s.name));
}

/** One bundle of bench/page/*.ts for the browser; not minified so CPU profiles name the engine's functions. */
async function bundlePage(): Promise<string> {
  const outfile = join(OUT, 'page.js');
  await build({
    entryPoints: [join(ROOT, 'bench', 'page', 'index.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    outfile,
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (message: string): void => {
    console.error(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}`);
  };
  mkdirSync(OUT, { recursive: true });
  const rows = Number(option('--rows') ?? 100_000);
  const scenarios = selectedScenarios();
  log(`scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  log(`bundling the page; seeding emulators with ${rows} and 1000 rows`);
  const bundle = await bundlePage();
  const [big, small] = [await startEmulator({ port: 0, rows }), await startEmulator({ port: 0, rows: 1000 })];
  const server = await servePage(bundle);
  const browser = await openBenchPage(server.url);
  const ctx: BenchContext = { page: browser.page, big, small, outDir: OUT, profiling: process.argv.includes('--profile'), hotSpots: {}, log };
  const results: BenchResult[] = [];
  try {
    for (const scenario of scenarios) results.push(...(await scenario.run(ctx)));
  } finally {
    await browser.close();
    await server.close();
    await Promise.all([big.close(), small.close()]);
  }
  printTable(results);
  writeResults(join(OUT, 'results.json'), results);
  if (ctx.profiling) {
    writeFileSync(join(OUT, 'hotspots.json'), `${JSON.stringify(ctx.hotSpots, null, 2)}\n`);
    for (const [name, hot] of Object.entries(ctx.hotSpots)) {
      console.log(`\nCPU hot spots: ${name}`);
      for (const h of hot.slice(0, 10)) console.log(`  ${String(h.selfMs).padStart(6)} ms ${String(h.share).padStart(5)}%  ${h.fn}`);
    }
  }
  const met = results.filter((r) => r.met === true).length;
  const missed = results.filter((r) => r.met === false).length;
  log(`done: ${met} targets met, ${missed} missed; results in ${join(OUT, 'results.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
