import type { Page } from 'playwright-core';
import { ICON_STATES } from '../../components/shared/strings';
import { saveElementShot, savePageShot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { setNetwork } from './support/browser';
import { createOffline, waitForInitialSync } from './support/engine';
import { glyphMasks, inkShare, shapeDifference, showAllGlyphs } from './support/glyphShapes';
import { FORM_COLUMN_PX, PHONE, fillScreen, horizontalOverflow, smallTargets, spilledLabels, squeezeControl } from './support/layout';
import { refuseAContactEdit } from './support/refusedEdit';
import { e2eSuite } from './support/suite';
import { openStatusPanel, syncIcon, waitForText } from './support/ui';

const suite = e2eSuite();

/** Where the harness mounts the control; everything outside it is pcf-start's own page. */
const CONTROL = '#TestControl-pcf-container-id';
const PANEL = '.ms-Panel-main';
const DIALOG = '.ms-Dialog-main';
const NOTICES = '[role="status"][aria-label="Sync notifications"]';

/** Unfolds every folded section of the status page, so the checks see all of it. */
async function unfoldAll(page: Page, root: string): Promise<void> {
  const folded = page.locator(`${root} h3 button[aria-expanded="false"]`);
  while ((await folded.count()) > 0) await folded.first().click();
}

async function expectFits(page: Page, root: string): Promise<void> {
  expect(await horizontalOverflow(page, root)).toEqual([]);
  expect(await spilledLabels(page, root)).toEqual([]);
}

describe('phones and narrow form columns', () => {
  it('lays the status page out on a 360 × 740 phone: most important first, nothing overflows, 44 px targets, no axe violations', async () => {
    const { page } = await suite.open('OfflineStatusPage');
    await page.setViewportSize(PHONE);
    await fillScreen(page, CONTROL);
    await waitForInitialSync(page);
    await waitForText(page, /Last synced: /);

    const sections = await page.locator(`${CONTROL} h3`).allInnerTexts();
    expect(sections.slice(0, 3)).toEqual(['Connection', 'Sync errors (0)', 'Pending uploads']);
    // The long sections wait folded under their headings on a phone.
    expect(await page.locator(`${CONTROL} h3 button[aria-expanded="false"]`).allInnerTexts()).toEqual(['Tables', 'Sync settings']);
    await saveElementShot(page.locator(CONTROL), 'phone-status-page');

    await unfoldAll(page, CONTROL);
    await expectFits(page, CONTROL);
    expect(await smallTargets(page, CONTROL)).toEqual([]);
    expect(await axeViolations(page, CONTROL)).toEqual([]);
    await saveElementShot(page.locator(CONTROL), 'phone-status-page-unfolded');
  });

  it('keeps Export changes and the Reset dialog that offers it inside a phone, with 44 px targets and no axe violations', async () => {
    const session = await suite.open('OfflineStatusPage');
    const { page } = session;
    await page.setViewportSize(PHONE);
    await fillScreen(page, CONTROL);
    await waitForInitialSync(page);
    await setNetwork(session, false);
    await createOffline(page, 'account', { name: 'Queued on a phone' });
    const exportButton = page.locator(CONTROL).getByRole('button', { name: 'Export changes' });
    await exportButton.waitFor();
    await expectFits(page, CONTROL);
    expect(await smallTargets(page, CONTROL)).toEqual([]);
    expect(await axeViolations(page, CONTROL)).toEqual([]);

    await page.locator(CONTROL).getByRole('button', { name: 'Reset offline data' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Reset offline data?' });
    await dialog.getByRole('button', { name: 'Export changes' }).waitFor();
    await expectFits(page, DIALOG);
    expect(await smallTargets(page, DIALOG)).toEqual([]);
    expect(await axeViolations(page, DIALOG)).toEqual([]);
    await saveElementShot(page.locator(DIALOG), 'phone-reset-dialog');
  });

  it.each([
    ['English', 1033, /Last synced: /, 'Reset offline data'],
    ['French', 1036, /Dernière synchronisation/, 'Réinitialiser les données hors connexion'],
  ])(`keeps the status page inside a ${String(FORM_COLUMN_PX)} px form column in %s, long button labels wrapping`, async (language, lcid, synced, resetLabel) => {
    const { page } = await suite.open('OfflineStatusPage', {}, lcid);
    await squeezeControl(page, CONTROL, FORM_COLUMN_PX);
    await waitForInitialSync(page);
    await waitForText(page, synced);

    expect(await page.getByRole('button', { name: resetLabel }).isVisible()).toBe(true);
    await expectFits(page, CONTROL);
    await saveElementShot(page.locator(CONTROL), `narrow-status-page-${language.toLowerCase()}`);
  });

  it('gives the globe a 44 px target on a phone, opens a panel that fits, announces a new state, and keeps Escape and focus', async () => {
    const session = await suite.open('SyncStatusIcon');
    const { page } = session;
    await page.setViewportSize(PHONE);
    await fillScreen(page, CONTROL);
    await waitForInitialSync(page);
    expect(await smallTargets(page, CONTROL)).toEqual([]);
    await expectFits(page, CONTROL);

    const panel = await openStatusPanel(page);
    await waitForText(page, /Last synced: /);
    await unfoldAll(page, PANEL);
    await expectFits(page, PANEL);
    expect(await smallTargets(page, PANEL)).toEqual([]);
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await savePageShot(page, 'phone-status-panel');

    // Escape closes the panel and gives focus back to the globe, as before.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await syncIcon(page).evaluate((el) => el === document.activeElement)).toBe(true);

    // Going offline is spoken by the icon's polite live region (which said "Connected" when the first sync ended).
    const announcer = page.getByTestId('icon-announcer');
    expect(await announcer.innerText()).not.toBe('Offline status: Not connected');
    await setNetwork(session, false);
    await page.waitForFunction(() => document.querySelector('[data-testid="icon-announcer"]')?.textContent === 'Offline status: Not connected');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
  });

  it('keeps the globe inside a form column', async () => {
    const { page } = await suite.open('SyncStatusIcon');
    await squeezeControl(page, CONTROL, FORM_COLUMN_PX);
    await waitForInitialSync(page);
    await expectFits(page, CONTROL);
  });

  it('shows an error notification with a visible, named dismiss button that fits a phone and a form column', async () => {
    const { page } = await suite.open('SyncNotifications');
    await page.setViewportSize(PHONE);
    await fillScreen(page, CONTROL);
    await waitForInitialSync(page);
    await refuseAContactEdit(page, suite.emulator);
    await page.getByText('Changes that couldn’t be synchronized: 1.').waitFor();

    const dismiss = page.locator(NOTICES).getByRole('button', { name: 'Dismiss' });
    const cross = await dismiss.locator('svg').boundingBox();
    expect(cross && cross.width >= 12 && cross.height >= 12).toBe(true);
    expect(await smallTargets(page, NOTICES)).toEqual([]);
    await expectFits(page, CONTROL);
    expect(await axeViolations(page, NOTICES)).toEqual([]);
    await saveElementShot(page.locator(NOTICES), 'phone-notification-error');

    await page.setViewportSize({ width: 1280, height: 900 });
    await squeezeControl(page, CONTROL, FORM_COLUMN_PX);
    await expectFits(page, CONTROL);
    await saveElementShot(page.locator(NOTICES), 'narrow-notification-error');
  });

  describe.each([
    ['on the default light host', 'light', 'background:#ffffff;color:#242424'],
    ['on a dark host theme', 'dark', 'background:#1b1a19;color:#f3f2f1;color-scheme:dark'],
    ['in forced colours (Windows high contrast)', 'forced-colors', 'background:#ffffff;color:#242424'],
  ])('%s', (_where, name, host) => {
    it('draws every icon state visibly and with a shape of its own', async () => {
      const session = await suite.open('SyncStatusIcon');
      const page = await session.context.newPage();
      await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
      if (name === 'forced-colors') await page.emulateMedia({ forcedColors: 'active' });
      if (name === 'dark') await page.emulateMedia({ colorScheme: 'dark' });
      await showAllGlyphs(page, host);
      await saveElementShot(page.locator('#glyph-row'), `icon-states-${name}`);

      const masks = await glyphMasks(page);
      const seen = Object.fromEntries(ICON_STATES.map((s) => [s, inkShare(masks[s])]));
      const pairs = ICON_STATES.flatMap((a) => ICON_STATES.filter((b) => a < b).map((b) => [`${a}/${b}`, shapeDifference(masks[a], masks[b])] as const));
      console.log(name, JSON.stringify(seen), JSON.stringify(Object.fromEntries(pairs)));
      // Every globe has visible edges (the bare globe of "connected" too), and any two states differ in the
      // edges a user sees over at least 1 % of the glyph, whatever the colours.
      for (const state of ICON_STATES) expect([state, seen[state] > 0.02]).toEqual([state, true]);
      for (const [pair, difference] of pairs) expect([pair, difference >= 0.01]).toEqual([pair, true]);
    });
  });
});
