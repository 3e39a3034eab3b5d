/** The strict XML reader the packer and the package tests rely on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childrenNamed, descendantsNamed, escapeXml, onlyChild, parseXml, XmlError } from '../../solution/tools/xml';

const ROOT = join(__dirname, '..', '..');

describe('parseXml accepts', () => {
  it('a declaration, BOM, comments, entities, character references and CDATA', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&#x41;\'><b>&lt;&#65;&gt;<![CDATA[<raw>]]></b><b/></a>\n');
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual(new Map([['x', '1 & 2'], ['y', 'A']]));
    expect(childrenNamed(root, 'b').map((b) => b.text)).toEqual(['<A><raw>', '']);
  });

  it('attributes named like Object members', () => {
    const control = parseXml('<control constructor="C" toString="t" />');
    expect(control.attributes.get('constructor')).toBe('C');
    expect(parseXml('<c />').attributes.get('constructor')).toBeUndefined();
  });

  it.each(['solution/Other/Solution.xml', 'solution/Other/Customizations.xml', 'SyncStatusIcon/ControlManifest.Input.xml'])(
    'the repository file %s',
    (path) => {
      expect(() => parseXml(readFileSync(join(ROOT, path), 'utf8'))).not.toThrow();
    },
  );
});

describe('parseXml rejects', () => {
  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['a mismatched end tag', '<a></b>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['attributes without whitespace between them', '<a x="1"y="2"/>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['"<" in an attribute value', '<a x="<"/>'],
    ['two root elements', '<a/><b/>'],
    ['text after the root', '<a/>text'],
    ['an empty document', '   '],
    ['a late XML declaration', '<a><?xml version="1.0"?></a>'],
    ['a DTD', '<!DOCTYPE a><a/>'],
    ['"--" inside a comment', '<a><!-- a -- b --></a>'],
    ['"]]>" in text', '<a>]]></a>'],
    ['an unterminated comment', '<a><!-- </a>'],
  ])('%s', (_label, source) => {
    expect(() => parseXml(source)).toThrow(XmlError);
  });
});

describe('helpers', () => {
  const root = parseXml('<r><x><y id="1"/></x><y id="2"/><z/><z/></r>');

  it('find descendants in document order', () => {
    expect(descendantsNamed(root, 'y').map((y) => y.attributes.get('id'))).toEqual(['1', '2']);
  });

  it('insist on exactly one child', () => {
    expect(onlyChild(root, 'x').name).toBe('x');
    expect(() => onlyChild(root, 'z')).toThrow('2 <z>');
    expect(() => onlyChild(root, 'w')).toThrow('0 <w>');
  });

  it('escape text that round-trips through the parser', () => {
    const nasty = `a<b>&"c'`;
    const parsed = parseXml(`<a v="${escapeXml(nasty)}">${escapeXml(nasty)}</a>`);
    expect([parsed.attributes.get('v'), parsed.text]).toEqual([nasty, nasty]);
  });
});
