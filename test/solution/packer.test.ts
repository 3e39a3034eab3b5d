/** The packer on a small scratch repository: what it ships, and what it refuses to ship. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { packSolution } from '../../solution/tools/pack';
import { readIdentity, renderContentTypes, renderCustomizationsXml, renderSolutionXml } from '../../solution/tools/parts';

const ROOT = join(__dirname, '..', '..');
const SOLUTION_TEMPLATE = readFileSync(join(ROOT, 'solution', 'Other', 'Solution.xml'), 'utf8');
const CUSTOMIZATIONS_TEMPLATE = readFileSync(join(ROOT, 'solution', 'Other', 'Customizations.xml'), 'utf8');

let root: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

function builtManifest(version: string, resources: string): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<manifest><control namespace="Demo" constructor="Widget" '
    + `version="${version}" display-name-key="W" control-type="virtual"><resources>${resources}</resources></control></manifest>`;
}

const RESOURCES = '<code path="bundle.js" order="1"/><platform-library name="React" version="16.14.0"/>'
  + '<css path="css/Widget.css" order="1"/><resx path="strings/Widget.1033.resx" version="1.0.0"/>';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'oss-pack-'));
  cpSync(join(ROOT, 'solution', 'Other'), join(root, 'solution', 'Other'), { recursive: true });
  write('package.json', JSON.stringify({ version: '1.2.3' }));
  write('Widget/ControlManifest.Input.xml', '<manifest/>');
  write('out/controls/Widget/ControlManifest.xml', builtManifest('1.2.3', RESOURCES));
  write('out/controls/Widget/bundle.js', 'var Demo=Demo||{};');
  write('out/controls/Widget/bundle.js.LICENSE.txt', 'licences');
  write('out/controls/Widget/css/Widget.css', '.w{}');
  write('out/controls/Widget/strings/Widget.1033.resx', '<root/>');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('packSolution', () => {
  it('ships the referenced files under Controls/<prefix>_<Namespace>.<Constructor>/ and types every extension', async () => {
    const packed = await packSolution({ root });
    expect(packed.version).toBe('1.2.3.0');
    expect(packed.unmanagedPath).toBe(join(root, 'out', 'solution', 'OfflineSyncSuite_1_2_3_0.zip'));
    const zip = await JSZip.loadAsync(readFileSync(packed.managedPath));
    expect(Object.keys(zip.files)).toEqual([
      'solution.xml',
      'customizations.xml',
      'Controls/oss_Demo.Widget/ControlManifest.xml',
      'Controls/oss_Demo.Widget/bundle.js',
      'Controls/oss_Demo.Widget/css/Widget.css',
      'Controls/oss_Demo.Widget/strings/Widget.1033.resx',
      '[Content_Types].xml',
    ]);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    for (const ext of ['xml', 'js', 'css', 'resx']) expect(types).toContain(`<Default Extension="${ext}" ContentType="application/octet-stream" />`);
    expect(await zip.file('solution.xml')!.async('string')).toContain('<RootComponent type="66" schemaName="oss_Demo.Widget" behavior="0" />');
  });

  it('refuses a build older than package.json', async () => {
    write('out/controls/Widget/ControlManifest.xml', builtManifest('1.2.2', RESOURCES));
    await expect(packSolution({ root })).rejects.toThrow('disagree with package.json 1.2.3 (Widget 1.2.2)');
  });

  it.each([
    ['eval(', 'eval("x")'],
    ['sourceMappingURL', 'x;\n//# sourceMappingURL=bundle.js.map'],
  ])('refuses a development bundle (%s)', async (marker, source) => {
    write('out/controls/Widget/bundle.js', source);
    await expect(packSolution({ root })).rejects.toThrow(marker);
  });

  it('refuses a manifest whose files are missing', async () => {
    rmSync(join(root, 'out', 'controls', 'Widget', 'css'), { recursive: true });
    await expect(packSolution({ root })).rejects.toThrow('out/controls/Widget/css/Widget.css is missing');
  });

  it('refuses a resource path that leaves the control folder', async () => {
    write('out/controls/Widget/ControlManifest.xml', builtManifest('1.2.3', '<code path="../../secret.js" order="1"/>'));
    await expect(packSolution({ root })).rejects.toThrow('leaves the control folder');
  });

  it('refuses a control that was never built', async () => {
    rmSync(join(root, 'out'), { recursive: true });
    await expect(packSolution({ root })).rejects.toThrow('out/controls/Widget/ControlManifest.xml is missing');
  });
});

describe('package parts', () => {
  it('give parts without an extension an Override', () => {
    expect(renderContentTypes(['solution.xml', 'Controls/x/LICENSE'])).toContain('<Override PartName="/Controls/x/LICENSE" ContentType="application/octet-stream" />');
  });

  it('refuse templates that lost a placeholder', () => {
    expect(() => renderSolutionXml(SOLUTION_TEMPLATE.replace('<Managed>$(Managed)</Managed>', '<Managed>0</Managed>'), '1.0.0.0', false, [])).toThrow('$(Managed)');
    expect(() => renderCustomizationsXml(CUSTOMIZATIONS_TEMPLATE.replace('<CustomControls />', ''), [])).toThrow('<CustomControls />');
  });

  it('read the identity from Solution.xml and validate the publisher prefix', () => {
    expect(readIdentity(SOLUTION_TEMPLATE)).toEqual({ uniqueName: 'OfflineSyncSuite', customizationPrefix: 'oss' });
    expect(() => readIdentity(SOLUTION_TEMPLATE.replace('>oss<', '>Bad_Prefix<'))).toThrow('not a valid publisher prefix');
    expect(() => readIdentity(SOLUTION_TEMPLATE.replace('>oss<', '>mscrmx<'))).toThrow('not a valid publisher prefix');
  });
});
