/** jest-axe ships no types and @types/jest-axe is not installed; this covers the one call the tests make. */
declare module 'jest-axe' {
  import type { AxeResults, RunOptions } from 'axe-core';

  export function axe(html: Element | string, options?: RunOptions): Promise<AxeResults>;
}
