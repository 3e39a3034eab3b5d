/**
 * The shipped solution zips, opened the way Dataverse opens them. Packs the existing out/controls when it is a
 * current production build; otherwise runs the production build first (about 30 s for the three controls).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { controlFolders, packSolution, readPackageVersion, type PackedSolution } from '../../solution/tools/pack';
import { extensionOf } from '../../solution/tools/parts';
import { childrenNamed, descendantsNamed, onlyChild, parseXml, type XmlElement } from '../../solution/tools/xml';

const ROOT = join(__dirname, '..', '..');
const PREFIX = 'oss';

let outDir: string;
let packed: PackedSolution;
const packages: Record<'unmanaged' | 'managed', JSZip> = {} as Record<'unmanaged' | 'managed', JSZip>;

function buildControls(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'oss-solution-'));
  try {
    packed = await packSolution({ root: ROOT, outDir });
  } catch {
    // Missing, stale or development output: build for production once and pack again (a real failure repeats).
    buildControls();
    packed = await packSolution({ root: ROOT, outDir });
  }
  packages.unmanaged = await JSZip.loadAsync(readFileSync(packed.unmanagedPath));
  packages.managed = await JSZip.loadAsync(readFileSync(packed.managedPath));
}, 180_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

const files = (zip: JSZip): string[] => Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
const text = (zip: JSZip, name: string): Promise<string> => {
  const file = zip.file(name);
  if (file === null) throw new Error(`${name} is not in the package`);
  return file.async('string');
};
const xml = async (zip: JSZip, name: string): Promise<XmlElement> => parseXml(await text(zip, name));
const manifestOf = (root: XmlElement): XmlElement => onlyChild(root, 'SolutionManifest');
const dataverseVersion = (): string => `${readPackageVersion(ROOT)}.0`;

describe('solution package file names', () => {
  it('names the zips <UniqueName>_<version with underscores>[_managed].zip after package.json', () => {
    const version = dataverseVersion().replace(/\./g, '_');
    expect(basename(packed.unmanagedPath)).toBe(`OfflineSyncSuite_${version}.zip`);
    expect(basename(packed.managedPath)).toBe(`OfflineSyncSuite_${version}_managed.zip`);
  });
});

describe.each([
  ['unmanaged', '0'],
  ['managed', '1'],
] as const)('the %s package', (kind, managedFlag) => {
  const zip = (): JSZip => packages[kind];

  it('holds the three package parts and no folder entries', () => {
    expect(files(zip())).toEqual(expect.arrayContaining(['[Content_Types].xml', 'solution.xml', 'customizations.xml']));
    expect(Object.values(zip().files).filter((f) => f.dir)).toEqual([]);
  });

  it('has only well-formed XML parts', async () => {
    const xmlParts = files(zip()).filter((name) => ['xml', 'resx'].includes(extensionOf(name) ?? ''));
    expect(xmlParts.length).toBeGreaterThanOrEqual(3 + controlFolders(ROOT).length * 2);
    for (const name of xmlParts) {
      const source = await text(zip(), name);
      expect(() => parseXml(source)).not.toThrow();
    }
  });

  it(`describes the solution in solution.xml with Managed ${managedFlag}`, async () => {
    const root = await xml(zip(), 'solution.xml');
    const manifest = manifestOf(root);
    expect(root.name).toBe('ImportExportXml');
    expect(manifest.children.map((c) => c.name)).toEqual([
      'UniqueName', 'LocalizedNames', 'Descriptions', 'Version', 'Managed', 'Publisher', 'RootComponents', 'MissingDependencies',
    ]);
    expect(onlyChild(manifest, 'UniqueName').text).toBe('OfflineSyncSuite');
    expect(onlyChild(manifest, 'Version').text).toBe(dataverseVersion());
    expect(onlyChild(manifest, 'Managed').text).toBe(managedFlag);
    const languages = (parent: string, child: string): string[] =>
      childrenNamed(onlyChild(manifest, parent), child).map((e) => e.attributes.get('languagecode') ?? '');
    expect(languages('LocalizedNames', 'LocalizedName')).toEqual(['1033', '1031', '1036']);
    expect(languages('Descriptions', 'Description')).toContain('1033');
  });

  it('names a publisher with prefix, option value prefix and addresses', async () => {
    const publisher = onlyChild(manifestOf(await xml(zip(), 'solution.xml')), 'Publisher');
    expect(onlyChild(publisher, 'UniqueName').text).toBe('OfflineSyncSuite');
    expect(onlyChild(publisher, 'CustomizationPrefix').text).toBe(PREFIX);
    expect(onlyChild(publisher, 'CustomizationOptionValuePrefix').text).toMatch(/^[1-9]\d{4}$/);
    expect(childrenNamed(onlyChild(publisher, 'Addresses'), 'Address').length).toBeGreaterThan(0);
    expect(childrenNamed(onlyChild(publisher, 'LocalizedNames'), 'LocalizedName').length).toBeGreaterThan(0);
  });

  it('agrees on every control between solution.xml, customizations.xml, the folders and the manifests', async () => {
    const roots = descendantsNamed(await xml(zip(), 'solution.xml'), 'RootComponent');
    const customControls = descendantsNamed(await xml(zip(), 'customizations.xml'), 'CustomControl');
    const folders = [...new Set(files(zip()).filter((n) => n.startsWith('Controls/')).map((n) => n.split('/')[1]))];
    const expected = await Promise.all(folders.map(async (folder) => {
      const control = onlyChild(await xml(zip(), `Controls/${folder}/ControlManifest.xml`), 'control');
      return `${PREFIX}_${control.attributes.get('namespace') ?? ''}.${control.attributes.get('constructor') ?? ''}`;
    }));
    expect(folders.sort()).toEqual(expected.sort());
    expect(expected.map((name) => name.split('.')[1]).sort()).toEqual(controlFolders(ROOT));
    expect(roots.map((r) => [r.attributes.get('type'), r.attributes.get('behavior')])).toEqual(expected.map(() => ['66', '0']));
    expect(roots.map((r) => r.attributes.get('schemaName')).sort()).toEqual(expected);
    expect(customControls.map((c) => onlyChild(c, 'Name').text).sort()).toEqual(expected);
    for (const control of customControls) {
      const fileName = onlyChild(control, 'FileName').text;
      expect(fileName).toBe(`/Controls/${onlyChild(control, 'Name').text}/ControlManifest.xml`);
      expect(files(zip())).toContain(fileName.slice(1));
    }
  });

  it('ships each built manifest unchanged, at the package version, with exactly the files it references', async () => {
    for (const control of packed.controls) {
      const folder = `Controls/${control.schemaName}/`;
      const manifest = await zip().file(`${folder}ControlManifest.xml`)!.async('nodebuffer');
      expect(manifest.equals(readFileSync(join(ROOT, 'out', 'controls', control.folder, 'ControlManifest.xml')))).toBe(true);
      const element = onlyChild(parseXml(manifest.toString('utf8')), 'control');
      expect(element.attributes.get('version')).toBe(readPackageVersion(ROOT));
      const referenced = ['code', 'css', 'resx', 'img', 'html']
        .flatMap((tag) => descendantsNamed(element, tag))
        .map((e) => folder + (e.attributes.get('path') ?? ''));
      expect(referenced.some((name) => name.endsWith('/bundle.js'))).toBe(true);
      expect(referenced.filter((name) => name.endsWith('.resx'))).toHaveLength(3);
      const shipped = files(zip()).filter((n) => n.startsWith(folder) && n !== `${folder}ControlManifest.xml`);
      expect(shipped.sort()).toEqual(referenced.sort());
    }
  });

  it('declares a content type for every file extension in the zip', async () => {
    const types = await xml(zip(), '[Content_Types].xml');
    expect(types.name).toBe('Types');
    expect(types.attributes.get('xmlns')).toBe('http://schemas.openxmlformats.org/package/2006/content-types');
    const defaults = childrenNamed(types, 'Default').map((d) => (d.attributes.get('Extension') ?? '').toLowerCase());
    const overrides = childrenNamed(types, 'Override').map((o) => o.attributes.get('PartName'));
    expect(new Set(defaults).size).toBe(defaults.length);
    for (const name of files(zip())) {
      const extension = extensionOf(name);
      if (extension === undefined) expect(overrides).toContain(`/${name}`);
      else expect(defaults).toContain(extension);
    }
  });

  it('carries production bundles only: no eval(, no source maps', async () => {
    const names = files(zip());
    expect(names.filter((n) => n.endsWith('.map'))).toEqual([]);
    const bundles = names.filter((n) => n.endsWith('.js'));
    expect(bundles).toHaveLength(controlFolders(ROOT).length);
    for (const bundle of bundles) {
      const source = await text(zip(), bundle);
      expect(source).not.toContain('eval(');
      expect(source).not.toContain('sourceMappingURL');
    }
  });
});

describe('managed and unmanaged packages', () => {
  it('differ only in the Managed flag', async () => {
    expect(files(packages.managed)).toEqual(files(packages.unmanaged));
    for (const name of files(packages.unmanaged)) {
      const unmanaged = await text(packages.unmanaged, name);
      const managed = await text(packages.managed, name);
      if (name === 'solution.xml') expect(managed).toBe(unmanaged.replace('<Managed>0</Managed>', '<Managed>1</Managed>'));
      else expect(managed).toBe(unmanaged);
    }
  });
});
