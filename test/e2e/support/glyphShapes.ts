import { Stylesheet } from '@fluentui/react';
import type { Page } from 'playwright-core';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GlobeGlyph } from '../../../components/icon/GlobeGlyph';
import { iconClassNames } from '../../../components/icon/iconStyles';
import { ICON_STATES } from '../../../components/shared/strings';
import type { IconState } from '../../../SyncEngine/contracts';

/** Big enough that a state's mark covers thousands of screenshot pixels. */
const GLYPH_PX = 48;

/**
 * The six globes as the icon draws them (the real component, rendered to markup here, inside the icon button's
 * own class), with the styles merge-styles generated for them, in a row appended to the page. `host` is the
 * CSS of the surface they sit on (a dark host theme, say).
 */
export async function showAllGlyphs(page: Page, host: string): Promise<void> {
  const markup = ICON_STATES.map((state) =>
    renderToStaticMarkup(
      React.createElement(
        'span',
        { className: iconClassNames.button, 'data-glyph': state, style: { padding: 8 } },
        React.createElement(GlobeGlyph, { state, spinning: false, px: GLYPH_PX }),
      ),
    ),
  ).join('');
  await page.addStyleTag({ content: Stylesheet.getInstance().getRules(true) });
  await page.evaluate(
    ({ html, css }) => {
      document.getElementById('glyph-row')?.remove();
      const row = document.createElement('div');
      row.id = 'glyph-row';
      row.setAttribute('style', `display:flex;gap:8px;padding:8px;width:max-content;${css}`);
      row.innerHTML = html;
      document.body.prepend(row);
    },
    { html: markup, css: host },
  );
}

/**
 * The edges of each glyph a user can see: pixels with at least 3:1 contrast (WCAG's non-text contrast) to the
 * pixel two to the right or two below (two, so anti-aliasing does not split an edge into two faint steps). Read
 * from a real screenshot, so forced colours and the host's colours count, and a mark drawn on its own disc counts
 * against the disc, as the eye sees it.
 */
export async function glyphMasks(page: Page): Promise<Record<IconState, boolean[]>> {
  const masks: Partial<Record<IconState, boolean[]>> = {};
  for (const state of ICON_STATES) {
    const png = await page.locator(`[data-glyph="${state}"]`).screenshot({ animations: 'disabled' });
    masks[state] = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      const { width, height } = image;
      [canvas.width, canvas.height] = [width, height];
      const context = canvas.getContext('2d');
      if (!context) throw new Error('No 2D canvas');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, width, height);
      const channel = (v: number): number => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      const lum: number[] = [];
      for (let i = 0; i < data.length; i += 4) lum.push(0.2126 * channel(data[i]) + 0.7152 * channel(data[i + 1]) + 0.0722 * channel(data[i + 2]));
      const contrast = (a: number, b: number): number => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const mask: boolean[] = [];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const here = lum[y * width + x];
          const right = x + 2 < width ? lum[y * width + x + 2] : here;
          const below = y + 2 < height ? lum[(y + 2) * width + x] : here;
          mask.push(contrast(here, right) >= 3 || contrast(here, below) >= 3);
        }
      }
      return mask;
    }, png.toString('base64'));
  }
  return masks as Record<IconState, boolean[]>;
}

/** How many pixels two masks disagree on, as a share of the glyph. */
export function shapeDifference(a: boolean[], b: boolean[]): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return differ / a.length;
}

/** Share of the glyph's pixels on a visible edge. */
export function inkShare(mask: boolean[]): number {
  return mask.filter(Boolean).length / mask.length;
}
