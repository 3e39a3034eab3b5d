#!/usr/bin/env node
/**
 * package.json's `version` is the suite's one version. This script copies it into the `version` attribute of
 * every control's `<control>` element, because Dataverse only reloads a control's bundle when that attribute
 * changes; the solution packer derives the four-part solution version from the same value. It also writes it into
 * SyncEngine/contracts/suiteVersion.ts, the version the bundles know at run time.
 *
 * Usage: node scripts/version.mjs [--check]   (--check: exit 1 when a manifest disagrees, write nothing)
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = 'ControlManifest.Input.xml';
// Only the `version` attribute of the `<control …>` start tag; `<?xml version` and `<resx … version>` stay untouched.
const CONTROL_VERSION = /(<control\b[^>]*?\sversion\s*=\s*")([^"]*)(")/;
// The version the bundles know at run time (they do not read package.json): the header of "Export changes" files.
const SUITE_VERSION_FILE = join('SyncEngine', 'contracts', 'suiteVersion.ts');
const SUITE_VERSION = /(SUITE_VERSION = ')([^']*)(')/;

/** Answers package.json's version; PCF control versions must be plain MAJOR.MINOR.PATCH numbers. */
export function packageVersion(root = ROOT) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`package.json version "${String(version)}" must be MAJOR.MINOR.PATCH (digits only)`);
  }
  return version;
}

/** Dataverse solutions use four-part versions: 0.1.0 → 0.1.0.0. */
export function solutionVersion(version) {
  return `${version}.0`;
}

/** Top-level folders that hold a control manifest, sorted so output order never depends on the file system. */
export function controlFolders(root = ROOT) {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, MANIFEST)))
    .map((entry) => entry.name)
    .sort();
}

/** Answers the manifests whose control version differs from package.json, rewriting them unless `check`. */
export function syncVersions({ root = ROOT, check = false } = {}) {
  const version = packageVersion(root);
  const stale = [];
  for (const folder of controlFolders(root)) {
    const path = join(root, folder, MANIFEST);
    const text = readFileSync(path, 'utf8');
    const match = CONTROL_VERSION.exec(text);
    if (match === null) throw new Error(`${relative(root, path)}: no version attribute on <control>`);
    if (match[2] === version) continue;
    stale.push(relative(root, path));
    if (!check) writeFileSync(path, text.replace(CONTROL_VERSION, `$1${version}$3`));
  }
  const constant = join(root, SUITE_VERSION_FILE);
  if (existsSync(constant)) {
    const text = readFileSync(constant, 'utf8');
    const match = SUITE_VERSION.exec(text);
    if (match === null) throw new Error(`${SUITE_VERSION_FILE}: no SUITE_VERSION = '…'`);
    if (match[2] !== version) {
      stale.push(SUITE_VERSION_FILE);
      if (!check) writeFileSync(constant, text.replace(SUITE_VERSION, `$1${version}$3`));
    }
  }
  return { version, stale };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  try {
    const { version, stale } = syncVersions({ check });
    if (check && stale.length > 0) {
      console.error(`[version] ${stale.join(', ')} disagree with package.json ${version} — run node scripts/version.mjs`);
      process.exit(1);
    }
    const verb = check ? 'checked' : 'set';
    console.log(`[version] ${verb} ${version}: ${stale.length === 0 ? 'all manifests agree' : stale.join(', ')}`);
  } catch (error) {
    console.error(`[version] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
