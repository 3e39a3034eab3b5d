/**
 * The suite's version as the code knows it at run time (bundles do not read package.json). package.json's
 * `version` is the one version: `node scripts/version.mjs` writes it here too, and its `--check` (run by the
 * version tests) fails when the two disagree.
 */
export const SUITE_VERSION = '0.2.0';
