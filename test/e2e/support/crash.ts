import type { Page } from 'playwright-core';

/** Kills the renderer the way a crash or the OS killing the app would: no unload handlers, nothing flushed. */
export async function crash(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  // The command never answers: the page it would answer from is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await Promise.race([crashed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
}
