import type { Browser } from 'playwright-core';
import type { RunningEmulator } from '../../dataverse-emulator';
import { launchChromium, openSession, type SessionOptions, type UserSession } from './browser';
import { resetEmulator, startE2eEmulator } from './emulatorAdmin';
import { startControlHarness, type ControlName, type RunningHarness } from './harness';

function isWebFont(url: string): boolean {
  return /\.(woff2?|ttf|otf)(\?|$)/.test(new URL(url).pathname);
}

export interface E2eSuite {
  /** The Dataverse emulator every control of this file talks to. */
  readonly emulator: RunningEmulator;
  /**
   * A user opening `control` in the harness, in a fresh browser profile. `values` are the control's property
   * values on top of `npm start`'s (the emulator's URL is always set); `lcid` the language of its strings.
   */
  open(control: ControlName, values?: Record<string, string>, lcid?: number, options?: SessionOptions): Promise<UserSession>;
}

/**
 * Registers the hooks a test file needs: one emulator and one Chromium per file, one harness per control and
 * property values (started on first use), fresh server data before each test, and after each test the sessions
 * closed and the check that nothing was requested from outside this machine.
 */
export function e2eSuite(): E2eSuite {
  let emulator: RunningEmulator | undefined;
  let browser: Browser | undefined;
  const harnesses = new Map<string, Promise<RunningHarness>>();
  let sessions: UserSession[] = [];

  beforeAll(async () => {
    [emulator, browser] = await Promise.all([startE2eEmulator(), launchChromium()]);
  });
  beforeEach(async () => {
    if (emulator) await resetEmulator(emulator);
  });
  afterEach(async () => {
    const outside = sessions.flatMap((s) => s.outsideRequests);
    await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
    sessions = [];
    // A web font has a local fallback, so a blocked one changes only the typeface; it is reported, not failed.
    const fonts = outside.filter(isWebFont);
    if (fonts.length > 0) console.warn(`Blocked web fonts (the page fell back to local fonts):\n${[...new Set(fonts)].join('\n')}`);
    expect(outside.filter((url) => !isWebFont(url))).toEqual([]);
  });
  afterAll(async () => {
    const running = await Promise.all([...harnesses.values()].map((h) => h.catch(() => undefined)));
    await Promise.all(running.map((h) => (h ? h.close() : Promise.resolve())));
    await browser?.close();
    await emulator?.close();
  });

  const suite: E2eSuite = {
    get emulator(): RunningEmulator {
      if (!emulator) throw new Error('The emulator starts in beforeAll');
      return emulator;
    },
    async open(control, values = {}, lcid, options) {
      if (!browser) throw new Error('Chromium starts in beforeAll');
      const all = { ...values, dataverseUrl: suite.emulator.baseUrl };
      const key = JSON.stringify([control, all, lcid]);
      let harness = harnesses.get(key);
      if (!harness) {
        harness = startControlHarness(control, all, lcid);
        harnesses.set(key, harness);
      }
      const session = await openSession(browser, (await harness).url, options);
      sessions.push(session);
      return session;
    },
  };
  return suite;
}
