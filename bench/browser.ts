import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium';
import type { BenchApi } from './page/index';

export { CHROMIUM };

const ARGS = [
  ...CHROMIUM_ARGS,
  // performance.memory is bucketed and delayed without it; the peak-heap numbers need exact values.
  '--enable-precise-memory-info',
];

export interface BenchBrowser {
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian Chromium on a fresh profile (an old one would carry IndexedDB data between runs). */
export async function openBenchPage(url: string): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'oss-bench-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  await page.goto(url);
  await page.waitForFunction(() => 'bench' in globalThis);
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

type Api = BenchApi;

/** Calls `window.bench[name](...args)` in the page; arguments and results cross as JSON. */
export async function call<K extends keyof Api>(page: Page, name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
  return (await page.evaluate(
    ({ fn, params }) => (globalThis as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench[fn](...params),
    { fn: name, params: args },
  )) as Awaited<ReturnType<Api[K]>>;
}
