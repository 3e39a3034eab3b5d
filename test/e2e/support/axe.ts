import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './paths';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * axe-core's WCAG 2.x A/AA rules over `selector` only: the harness around the control (its property pane, its
 * header) is pcf-start's, not ours.
 */
export async function axeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const results = await page.evaluate(async (context) => {
    const axe = (globalThis as unknown as { axe: { run(context: string, options: object): Promise<AxeResults> } }).axe;
    return axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  }, selector);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => JSON.stringify(n.target)),
  }));
}
