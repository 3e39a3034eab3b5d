import type { Page } from 'playwright-core';

/** A phone in portrait, the size the issue names. */
export const PHONE = { width: 360, height: 740 } as const;
/** A narrow column of a model-driven form. */
export const FORM_COLUMN_PX = 200;
/** WCAG 2.5.5 (target size, enhanced). */
export const TARGET_PX = 44;

/**
 * Gives the control the whole screen, as on a phone: the harness keeps its property pane beside the control, which
 * at 360 px would leave the control a 70 px sliver no phone app has.
 */
export async function fillScreen(page: Page, selector: string): Promise<void> {
  await page.addStyleTag({
    content: `${selector} { position: fixed !important; inset: 0 !important; width: 100vw !important; overflow-y: auto !important; background: #ffffff; z-index: 1; }`,
  });
}

/** Squeezes the harness's control pane into a form column `px` wide. */
export async function squeezeControl(page: Page, selector: string, px: number): Promise<void> {
  await page.addStyleTag({ content: `${selector} { width: ${String(px)}px !important; max-width: ${String(px)}px !important; }` });
}

/**
 * Elements under `selector` that overflow horizontally: wider content than box (scrollWidth > clientWidth, outside
 * scroll boxes, which may scroll by design), or a box sticking out past the right edge of `selector`. Elements
 * hidden for screen readers only (1 px clipped boxes) and boxes of no size are not laid out for the eye, so skipped.
 */
export function horizontalOverflow(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((root) => {
    const container = document.querySelector(root);
    if (!container) throw new Error(`Nothing matches ${root}`);
    const edge = container.getBoundingClientRect().right;
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}.${String(el.getAttribute('class')).split(' ')[0]} "${el.textContent.trim().slice(0, 40)}"`;
    const found: string[] = [];
    for (const el of [container, ...container.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      const style = getComputedStyle(el);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (!scrolls && el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)}: scrollWidth ${String(el.scrollWidth)} > clientWidth ${String(el.clientWidth)}`);
      else if (rect.right > edge + 1) found.push(`${name(el)}: right edge ${rect.right.toFixed(0)} past ${edge.toFixed(0)}`);
    }
    return found;
  }, selector);
}

/** Buttons under `selector` whose label does not fit inside them (a wrapped label spilling over a fixed height). */
export function spilledLabels(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((root) => {
    const found: string[] = [];
    for (const button of document.querySelectorAll(`${root} button`)) {
      const box = button.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const text of button.querySelectorAll('span, div')) {
        const r = text.getBoundingClientRect();
        if (r.width === 0 || text.children.length > 0) continue;
        const inside = r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
        if (!inside) found.push(`"${text.textContent.trim().slice(0, 40)}" spills out of its ${box.width.toFixed(0)} × ${box.height.toFixed(0)} px button`);
      }
    }
    return found;
  }, selector);
}

/**
 * Pressable elements under `selector` a finger cannot hit 22 px left, right, above and below their centre, read
 * from the page itself (`elementFromPoint`), so enlarged hit areas (a pseudo-element around a switch) count.
 */
export function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    async ({ root, target }) => {
      const container = document.querySelector(root);
      if (!container) throw new Error(`Nothing matches ${root}`);
      const pressable = [...container.querySelectorAll('button, a[href], [role="button"], [role="switch"], [role="combobox"], input, select')];
      const small: string[] = [];
      const half = target / 2 - 1;
      for (const el of pressable) {
        if (!(el instanceof HTMLElement) || el.getBoundingClientRect().width === 0) continue;
        el.scrollIntoView({ block: 'center', inline: 'center' });
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const r = el.getBoundingClientRect();
        const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
        // The middle of each side of the square: its corners may fall outside a rounded button, which is fine.
        const sides = [
          [cx - half, cy],
          [cx + half, cy],
          [cx, cy - half],
          [cx, cy + half],
        ];
        const misses = sides.filter(([x, y]) => {
          const hit = document.elementFromPoint(x, y);
          return !(hit && el.contains(hit));
        });
        if (misses.length > 0) {
          const label = el.getAttribute('aria-label') ?? el.textContent.trim();
          const [x, y] = misses[0];
          const hit = document.elementFromPoint(x, y);
          const what = hit ? `${hit.tagName.toLowerCase()}.${String(hit.getAttribute('class')).split(' ')[0]}` : 'nothing';
          small.push(`${label.slice(0, 40)} (${r.width.toFixed(0)} × ${r.height.toFixed(0)} px; ${what} at ${x.toFixed(0)}, ${y.toFixed(0)})`);
        }
      }
      return small;
    },
    { root: selector, target: TARGET_PX },
  );
}
