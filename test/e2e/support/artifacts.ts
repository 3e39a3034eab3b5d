import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { IconState } from '../../../SyncEngine/contracts';
import { ARTIFACTS } from './paths';

function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * The globe with some room around it (the badge sits outside the button's box), as `icon-<state>.png`. The
 * spinner is frozen so the picture of the syncing state does not depend on the frame.
 */
export async function saveIconShot(page: Page, icon: Locator, state: IconState): Promise<string> {
  const box = await icon.boundingBox();
  if (!box) throw new Error(`The ${state} icon is not on screen`);
  const margin = 16;
  const file = artifactPath(`icon-${state}.png`);
  await page.screenshot({
    path: file,
    animations: 'disabled',
    clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin },
  });
  return file;
}

/** One element (a panel, the status page, a notification) as `<name>.png`. */
export async function saveElementShot(target: Locator, name: string): Promise<string> {
  const file = artifactPath(`${name}.png`);
  await target.screenshot({ path: file, animations: 'disabled' });
  return file;
}

/** The whole page as `<name>.png`, for scenarios whose context matters (harness, panel over the form). */
export async function savePageShot(page: Page, name: string): Promise<string> {
  const file = artifactPath(`${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', fullPage: true });
  return file;
}
