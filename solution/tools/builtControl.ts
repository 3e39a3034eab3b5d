import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { descendantsNamed, onlyChild, parseXml } from './xml';

/** Manifest resource elements that name a file shipped with the control (platform libraries ship nothing). */
const FILE_RESOURCES = ['code', 'css', 'resx', 'img', 'html'];

/** One control as pcf-scripts built it into out/controls/<folder>/. */
export interface BuiltControl {
  folder: string;
  namespace: string;
  constructorName: string;
  version: string;
  /** `prefix_Namespace.Constructor`: the component's name in solution.xml, customizations.xml and the zip. */
  schemaName: string;
  /** The built manifest, byte for byte: pac ships it unchanged (the prefix lives in names and folders only). */
  manifest: Buffer;
  /** Files the manifest references, relative to the control folder (`bundle.js`, `strings/X.1033.resx`, …). */
  resources: string[];
}

/** Reads a built control and checks that every file its manifest references exists and is production-built. */
export function readBuiltControl(root: string, folder: string, prefix: string): BuiltControl {
  const dir = join(root, 'out', 'controls', folder);
  const manifestPath = join(dir, 'ControlManifest.xml');
  if (!existsSync(manifestPath)) throw new Error(`out/controls/${folder}/ControlManifest.xml is missing — run npm run build`);
  const manifest = readFileSync(manifestPath);
  const control = onlyChild(parseXml(manifest.toString('utf8')), 'control');
  const namespace = control.attributes.get('namespace');
  const constructorName = control.attributes.get('constructor');
  const version = control.attributes.get('version');
  if (namespace === undefined || constructorName === undefined || version === undefined) {
    throw new Error(`out/controls/${folder}/ControlManifest.xml: <control> lacks namespace, constructor or version`);
  }
  const resources = FILE_RESOURCES.flatMap((tag) => descendantsNamed(onlyChild(control, 'resources'), tag))
    .map((element) => resourcePath(folder, element.attributes.get('path')));
  for (const resource of resources) {
    if (!existsSync(join(dir, resource))) throw new Error(`out/controls/${folder}/${resource} is missing — run npm run build`);
  }
  const code = resources.filter((resource) => resource.endsWith('.js'));
  for (const file of code) assertProductionBundle(`out/controls/${folder}/${file}`, readFileSync(join(dir, file), 'utf8'));
  return { folder, namespace, constructorName, version, schemaName: `${prefix}_${namespace}.${constructorName}`, manifest, resources };
}

/**
 * A development bundle (webpack `eval` source maps, `sourceMappingURL` comments) works but is several times larger
 * and exposes source; the package must only ever carry `pcf-scripts build --buildMode production` output.
 */
export function assertProductionBundle(name: string, source: string): void {
  if (source.includes('eval(')) throw new Error(`${name} calls eval( — a development build; run npm run build`);
  if (source.includes('sourceMappingURL')) throw new Error(`${name} has a sourceMappingURL — a development build; run npm run build`);
}

/** Normalises a manifest `path` and refuses anything that would escape the control folder inside the zip. */
function resourcePath(folder: string, path: string | undefined): string {
  if (path === undefined || path === '') throw new Error(`out/controls/${folder}/ControlManifest.xml: resource without a path`);
  const normalised = posix.normalize(path.replace(/\\/g, '/'));
  if (normalised.startsWith('../') || posix.isAbsolute(normalised)) {
    throw new Error(`out/controls/${folder}/ControlManifest.xml: resource path "${path}" leaves the control folder`);
  }
  return normalised;
}
