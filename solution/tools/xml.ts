/**
 * A small, strict XML reader for the few files the solution packer and its tests handle (manifests, solution.xml,
 * customizations.xml, [Content_Types].xml, resx). Dataverse rejects a solution whose XML is not well-formed, so
 * anything doubtful is an error here: unbalanced tags, duplicate attributes, unknown entities, bare `&` or `<`,
 * text outside the root. DTDs are refused outright — none of these files has one.
 */

export interface XmlElement {
  name: string;
  /** A Map, not an object: attribute names such as "constructor" must not meet Object's own members. */
  attributes: Map<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded, CDATA included). */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlError';
  }
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
const ENTITIES: Partial<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a whole document and answers its root element; throws `XmlError` when it is not well-formed. */
export function parseXml(source: string): XmlElement {
  const reader = new Reader(source.startsWith('\uFEFF') ? source.slice(1) : source);
  return reader.document();
}

/** The direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The one direct child named `name`; throws when there is none or more than one. */
export function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0];
}

/** Every descendant named `name`, in document order. */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendantsNamed(child, name)]);
}

/** Escapes text for use inside an attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

class Reader {
  private pos = 0;

  constructor(private readonly src: string) {}

  document(): XmlElement {
    if (this.src.startsWith('<?xml')) this.processingInstruction();
    this.misc();
    if (this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('DTDs are not supported');
    if (this.src[this.pos] !== '<') this.fail('expected the root element');
    const root = this.element();
    this.misc();
    if (this.pos < this.src.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions, which may surround the root element. */
  private misc(): void {
    for (;;) {
      this.whitespace();
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else return;
    }
  }

  private element(): XmlElement {
    this.expect('<');
    const name = this.name();
    const element: XmlElement = { name, attributes: this.attributes(), children: [], text: '' };
    if (this.src.startsWith('/>', this.pos)) {
      this.pos += 2;
      return element;
    }
    this.expect('>');
    this.content(element);
    if (this.name() !== name) this.fail(`mismatched end tag for <${name}>`);
    this.whitespace();
    this.expect('>');
    return element;
  }

  private attributes(): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.whitespace();
      const next = this.src.charAt(this.pos);
      if (next === '>' || next === '/' || next === '') return attributes;
      if (!spaced) this.fail('expected whitespace before an attribute');
      const name = this.name();
      if (attributes.has(name)) this.fail(`duplicate attribute "${name}"`);
      this.whitespace();
      this.expect('=');
      this.whitespace();
      attributes.set(name, this.attributeValue());
    }
  }

  private attributeValue(): string {
    const quote = this.src.charAt(this.pos);
    if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('unterminated attribute value');
    const raw = this.src.slice(this.pos + 1, end);
    if (raw.includes('<')) this.fail('"<" in an attribute value');
    const value = this.decode(raw, this.pos + 1);
    this.pos = end + 1;
    return value;
  }

  /** Children, text, comments, CDATA and PIs up to (and including) the `</` of the end tag. */
  private content(element: XmlElement): void {
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) this.fail(`unclosed <${element.name}>`);
      element.text += this.text(this.src.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.src.startsWith('</', lt)) {
        this.pos += 2;
        return;
      }
      if (this.src.startsWith('<!--', lt)) this.comment();
      else if (this.src.startsWith('<![CDATA[', lt)) element.text += this.cdata();
      else if (this.src.startsWith('<?', lt)) this.processingInstruction();
      else element.children.push(this.element());
    }
  }

  private text(raw: string, at: number): string {
    if (raw.includes(']]>')) this.fail('"]]>" in text', at);
    return this.decode(raw, at);
  }

  private decode(raw: string, at: number): string {
    return raw.replace(/&([^;]*);|&/g, (match, body: string | undefined, index: number) => {
      const decoded = body === undefined ? undefined : decodeEntity(body);
      if (decoded === undefined) this.fail(`invalid entity reference "${match}"`, at + index);
      return decoded;
    });
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment');
    if (this.src.slice(this.pos + 4, end).includes('--')) this.fail('"--" inside a comment');
    this.pos = end + 3;
  }

  private cdata(): string {
    const end = this.src.indexOf(']]>', this.pos + 9);
    if (end < 0) this.fail('unterminated CDATA section');
    const data = this.src.slice(this.pos + 9, end);
    this.pos = end + 3;
    return data;
  }

  private processingInstruction(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml' && start !== 0) this.fail('XML declaration not at the start', start);
    const end = this.src.indexOf('?>', this.pos);
    if (end < 0) this.fail('unterminated processing instruction');
    this.pos = end + 2;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (match === null) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private whitespace(): boolean {
    const start = this.pos;
    while (/^[ \t\r\n]$/.test(this.src.charAt(this.pos))) this.pos += 1;
    return this.pos > start;
  }

  private expect(token: string): void {
    if (!this.src.startsWith(token, this.pos)) this.fail(`expected "${token}"`);
    this.pos += token.length;
  }

  private fail(message: string, at = this.pos): never {
    throw new XmlError(message, at);
  }
}

function decodeEntity(body: string): string | undefined {
  const named = ENTITIES[body];
  if (named !== undefined) return named;
  if (!/^#(?:x[0-9A-Fa-f]+|[0-9]+)$/.test(body)) return undefined;
  const code = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
