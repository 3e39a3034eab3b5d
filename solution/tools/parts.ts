/**
 * Renders the three package-level parts of a solution zip from the templates in solution/Other/. The templates
 * are real XML (placeholders sit in text only) so they stay readable and checkable; rendering swaps in the
 * version, the managed flag and one entry per control, and drops the template comments, which Dataverse never
 * exports.
 */
import { escapeXml, onlyChild, parseXml } from './xml';

export interface SolutionIdentity {
  uniqueName: string;
  customizationPrefix: string;
}

/** Reads the solution's unique name and the publisher's prefix from the Solution.xml template. */
export function readIdentity(solutionTemplate: string): SolutionIdentity {
  const manifest = onlyChild(parseXml(solutionTemplate), 'SolutionManifest');
  const uniqueName = onlyChild(manifest, 'UniqueName').text.trim();
  const customizationPrefix = onlyChild(onlyChild(manifest, 'Publisher'), 'CustomizationPrefix').text.trim();
  // Dataverse's rule for publisher prefixes: 2–8 letters or digits, starting with a letter, never "mscrm".
  if (!/^[a-z][a-z0-9]{1,7}$/.test(customizationPrefix) || customizationPrefix.startsWith('mscrm')) {
    throw new Error(`CustomizationPrefix "${customizationPrefix}" is not a valid publisher prefix`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniqueName)) throw new Error(`UniqueName "${uniqueName}" is not a valid solution name`);
  return { uniqueName, customizationPrefix };
}

/** solution.xml: four-part version, managed flag, one root component (type 66 = custom control) per control. */
export function renderSolutionXml(template: string, version: string, managed: boolean, schemaNames: string[]): string {
  const roots = schemaNames.map((name) => `      <RootComponent type="66" schemaName="${escapeXml(name)}" behavior="0" />`);
  return fill(stripComments(template), [
    ['<Version>$(Version)</Version>', `<Version>${escapeXml(version)}</Version>`],
    ['<Managed>$(Managed)</Managed>', `<Managed>${managed ? 1 : 0}</Managed>`],
    ['<RootComponents />', `<RootComponents>\n${roots.join('\n')}\n    </RootComponents>`],
  ]);
}

/** customizations.xml: each control by name and by the path of its manifest inside the zip. */
export function renderCustomizationsXml(template: string, schemaNames: string[]): string {
  const controls = schemaNames.map((name) => [
    '    <CustomControl>',
    `      <Name>${escapeXml(name)}</Name>`,
    `      <FileName>/Controls/${escapeXml(name)}/ControlManifest.xml</FileName>`,
    '    </CustomControl>',
  ].join('\n'));
  return fill(stripComments(template), [['<CustomControls />', `<CustomControls>\n${controls.join('\n')}\n  </CustomControls>`]]);
}

/**
 * [Content_Types].xml as Dataverse writes it: one line, every extension in the zip as an octet-stream Default, an
 * Override for any part without an extension (Open Packaging Conventions require a type for every part).
 */
export function renderContentTypes(partNames: string[]): string {
  const extensions = new Set<string>(['xml']);
  const overrides: string[] = [];
  for (const part of partNames) {
    const extension = extensionOf(part);
    if (extension === undefined) overrides.push(part);
    else extensions.add(extension);
  }
  const defaults = [...extensions].map((ext) => `<Default Extension="${escapeXml(ext)}" ContentType="application/octet-stream" />`);
  const overrideTags = overrides.map((part) => `<Override PartName="/${escapeXml(part)}" ContentType="application/octet-stream" />`);
  return '<?xml version="1.0" encoding="utf-8"?>'
    + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaults.join('')}${overrideTags.join('')}</Types>`;
}

/** Lower-case extension of a zip part name (OPC matches extensions case-insensitively), or undefined. */
export function extensionOf(part: string): string | undefined {
  const base = part.slice(part.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function stripComments(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->\s*/g, '');
}

/** Replaces each placeholder exactly once; a missing one means the template was edited out of shape. */
function fill(text: string, replacements: [string, string][]): string {
  return replacements.reduce((result, [placeholder, value]) => {
    const at = result.indexOf(placeholder);
    if (at < 0 || result.includes(placeholder, at + 1)) throw new Error(`template must contain "${placeholder}" exactly once`);
    return result.slice(0, at) + value + result.slice(at + placeholder.length);
  }, text);
}
