import path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../../..');

/** The production bundles under test; E2E_CONTROLS_DIR points at another build (e.g. of a clean checkout). */
export const CONTROLS_DIR = process.env.E2E_CONTROLS_DIR ?? path.join(ROOT, 'out/controls');

/** Screenshots and other artifacts of the e2e run. */
export const ARTIFACTS = path.join(ROOT, 'out/e2e');

/** Debian's Chromium: playwright-core downloads no browser here (no internet). */
export { CHROMIUM } from '../../support/chromium';
