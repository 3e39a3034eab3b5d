/**
 * Packs the built controls (out/controls) into unmanaged and managed Dataverse solution zips laid out the way
 * `pac solution` / SolutionPackager produce them:
 *
 *   solution.xml, customizations.xml,
 *   Controls/<prefix>_<Namespace>.<Constructor>/{ControlManifest.xml, bundle.js, strings/…, css/…},
 *   [Content_Types].xml (last, as System.IO.Packaging writes it)
 *
 * It does not build: scripts/pack-solution.ts syncs versions and runs the production build first.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { readBuiltControl, type BuiltControl } from './builtControl';
import { readIdentity, renderContentTypes, renderCustomizationsXml, renderSolutionXml } from './parts';

export interface PackOptions {
  /** Repository root (holds package.json, solution/, out/controls/). */
  root: string;
  /** Where the zips go; out/solution by default. */
  outDir?: string;
}

export interface PackedSolution {
  uniqueName: string;
  /** Four-part Dataverse version, e.g. 0.1.0.0. */
  version: string;
  unmanagedPath: string;
  managedPath: string;
  controls: BuiltControl[];
}

/** Writes <UniqueName>_<version>.zip and <UniqueName>_<version>_managed.zip and answers what went into them. */
export async function packSolution({ root, outDir = join(root, 'out', 'solution') }: PackOptions): Promise<PackedSolution> {
  const packageVersion = readPackageVersion(root);
  const solutionTemplate = readFileSync(join(root, 'solution', 'Other', 'Solution.xml'), 'utf8');
  const customizationsTemplate = readFileSync(join(root, 'solution', 'Other', 'Customizations.xml'), 'utf8');
  const { uniqueName, customizationPrefix } = readIdentity(solutionTemplate);
  const controls = controlFolders(root).map((folder) => readBuiltControl(root, folder, customizationPrefix));
  const stale = controls.filter((control) => control.version !== packageVersion);
  if (stale.length > 0) {
    const names = stale.map((c) => `${c.folder} ${c.version}`).join(', ');
    throw new Error(`built manifests disagree with package.json ${packageVersion} (${names}) — run npm run build`);
  }
  const version = `${packageVersion}.0`;
  const schemaNames = controls.map((control) => control.schemaName);
  const customizations = renderCustomizationsXml(customizationsTemplate, schemaNames);
  const base = join(outDir, `${uniqueName}_${version.replace(/\./g, '_')}`);
  mkdirSync(outDir, { recursive: true });
  for (const managed of [false, true]) {
    const solution = renderSolutionXml(solutionTemplate, version, managed, schemaNames);
    writeFileSync(`${base}${managed ? '_managed' : ''}.zip`, await zipSolution(solution, customizations, controls, root));
  }
  return { uniqueName, version, unmanagedPath: `${base}.zip`, managedPath: `${base}_managed.zip`, controls };
}

async function zipSolution(solutionXml: string, customizationsXml: string, controls: BuiltControl[], root: string): Promise<Buffer> {
  const parts = new Map<string, Buffer>([
    ['solution.xml', Buffer.from(solutionXml, 'utf8')],
    ['customizations.xml', Buffer.from(customizationsXml, 'utf8')],
  ]);
  for (const control of controls) {
    const prefix = `Controls/${control.schemaName}/`;
    parts.set(`${prefix}ControlManifest.xml`, control.manifest);
    for (const resource of control.resources) {
      parts.set(prefix + resource, readFileSync(join(root, 'out', 'controls', control.folder, resource)));
    }
  }
  parts.set('[Content_Types].xml', Buffer.from(renderContentTypes([...parts.keys()]), 'utf8'));
  const zip = new JSZip();
  // Folder entries are left out: Dataverse's packages list files only.
  for (const [name, data] of parts) zip.file(name, data, { createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

/** Same rule as scripts/version.mjs (which tests hold in agreement): MAJOR.MINOR.PATCH, digits only. */
export function readPackageVersion(root: string): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`package.json version "${String(version)}" must be MAJOR.MINOR.PATCH (digits only)`);
  }
  return version;
}

/** Control source folders (those with a ControlManifest.Input.xml), sorted like scripts/version.mjs sorts them. */
export function controlFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'ControlManifest.Input.xml')))
    .map((entry) => entry.name)
    .sort();
}
