import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../support/chromium';
import { CHROMIUM } from './paths';


export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
}

export interface UserSession {
  context: BrowserContext;
  page: Page;
  /** Every request the page tried outside this machine; the tests assert it stays empty. */
  outsideRequests: string[];
  /** Uncaught errors in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  /**
   * What the browser answers `navigator.storage.persist()`. Granted unless a test says otherwise: headless
   * Chromium's heuristics deny a fresh profile, and the "storage may be cleared" warning would then ride along in
   * every test that queues a change.
   */
  persistentStorage?: 'granted' | 'denied';
}

/**
 * A fresh browser profile (so a fresh IndexedDB) on `url`. Requests to anything but 127.0.0.1 are aborted and
 * recorded: there is no internet here, and a control that needs a CDN would hang rather than fail.
 */
export async function openSession(browser: Browser, url: string, options: SessionOptions = {}): Promise<UserSession> {
  // Twice the pixels, so the 24 px globe in the screenshots can be inspected.
  // Downloads are kept so a test can read the file the page saved ("Export changes").
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, acceptDownloads: true });
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === '127.0.0.1' || target.protocol === 'data:' || target.protocol === 'blob:') {
      await route.continue();
      return;
    }
    outsideRequests.push(target.href);
    await route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  await setPersistentStorage(context, page, options.persistentStorage ?? 'granted');
  page.on('pageerror', (error) => {
    pageErrors.push(error.message);
  });
  await page.goto(url);
  return { context, page, outsideRequests, pageErrors, close: () => context.close() };
}

/**
 * The browser loses (or regains) the network. Chromium's emulation flips `navigator.onLine`; the events are
 * dispatched as well so the check does not depend on whether this Chromium build fires them for emulation.
 */
export async function setNetwork(session: UserSession, online: boolean): Promise<void> {
  await session.context.setOffline(!online);
  await session.page.evaluate((event) => window.dispatchEvent(new Event(event)), online ? 'online' : 'offline');
}

/**
 * Playwright has no name for this permission; CDP sets it for the session's context, every origin. The CDP session
 * stays attached: Chromium drops the override when it detaches.
 */
async function setPersistentStorage(context: BrowserContext, page: Page, setting: 'granted' | 'denied'): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', { browserContextId: targetInfo.browserContextId, permission: { name: 'persistent-storage' }, setting });
}
