import { FETCH_ERRORS, fetchError } from './errors';

/** One element of a parsed document: what FetchXML needs (no namespaces, no mixed-content order). */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own text, entities resolved (FetchXML's `<value>` holds text only). */
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Deep enough for any real query, shallow enough that a hostile one cannot exhaust the stack. */
const MAX_DEPTH = 100;

/**
 * A small strict XML reader (Node has no DOMParser): elements, attributes, text, the five predefined entities,
 * character references, comments, CDATA and an XML declaration. DOCTYPE is refused, so there is no entity
 * expansion to abuse. Anything malformed throws a 400 naming the position.
 */
export function readXml(source: string): XmlElement {
  return new XmlReader(source).document();
}

class XmlReader {
  private index = 0;

  constructor(private readonly source: string) {}

  document(): XmlElement {
    if (this.source.startsWith('<?xml')) this.skipPast('?>', 'XML declaration');
    this.skipMisc();
    if (this.source.startsWith('<!DOCTYPE', this.index)) this.fail('a DOCTYPE is not allowed');
    if (this.peek() !== '<') this.fail('expected the root element');
    const root = this.element(1);
    this.skipMisc();
    if (this.index < this.source.length) this.fail('unexpected content after the root element');
    return root;
  }

  private element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`elements nest deeper than ${MAX_DEPTH}`);
    this.index += 1;
    const name = this.name('an element name');
    const attributes = this.attributes(name);
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (this.source.startsWith('/>', this.index)) {
      this.index += 2;
      return element;
    }
    this.expect('>');
    this.content(element, depth);
    return element;
  }

  private attributes(element: string): Map<string, string> {
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpace();
      const char = this.peek();
      if (char === '>' || char === '/' || char === undefined) return attributes;
      if (!spaced) this.fail(`expected whitespace before an attribute of <${element}>`);
      const name = this.name('an attribute name');
      if (attributes.has(name)) this.fail(`attribute "${name}" appears twice on <${element}>`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      const quote = this.peek();
      if (quote !== '"' && quote !== "'") this.fail(`the value of attribute "${name}" must be quoted`);
      const end = this.source.indexOf(quote, this.index + 1);
      if (end < 0) this.fail(`the value of attribute "${name}" is not closed`);
      const raw = this.source.slice(this.index + 1, end);
      if (raw.includes('<')) this.fail(`the value of attribute "${name}" contains "<"`);
      attributes.set(name, this.decode(raw, this.index + 1));
      this.index = end + 1;
    }
  }

  private content(element: XmlElement, depth: number): void {
    for (;;) {
      const next = this.source.indexOf('<', this.index);
      if (next < 0) this.fail(`<${element.name}> is not closed`);
      element.text += this.decode(this.source.slice(this.index, next), this.index);
      this.index = next;
      if (this.source.startsWith('</', next)) {
        this.index += 2;
        const name = this.name('a closing tag name');
        if (name !== element.name) this.fail(`</${name}> closes <${element.name}>`);
        this.skipSpace();
        this.expect('>');
        return;
      }
      if (this.source.startsWith('<!--', next)) this.comment();
      else if (this.source.startsWith('<![CDATA[', next)) element.text += this.skipPast(']]>', 'CDATA section', 9);
      else if (this.source.startsWith('<?', next) || this.source.startsWith('<!', next)) this.fail('unexpected markup');
      else element.children.push(this.element(depth + 1));
    }
  }

  /** Resolves entity and character references in text or an attribute value; a bare `&` is malformed. */
  private decode(raw: string, offset: number): string {
    if (raw.includes(']]>')) this.fail('"]]>" is not allowed in text', offset);
    return raw.replace(/&([^;&\s]*);?/g, (match, body: string, at: number) => {
      if (!match.endsWith(';')) this.fail('"&" must start an entity such as &amp;', offset + at);
      if (body in PREDEFINED) return PREDEFINED[body];
      const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
      const hex = numeric?.at(1);
      const code = numeric ? parseInt(hex ?? numeric[2], hex === undefined ? 10 : 16) : NaN;
      const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff));
      if (!numeric) this.fail(`unknown entity &${body};`, offset + at);
      if (!valid) this.fail(`&${body}; is not a valid character`, offset + at);
      return String.fromCodePoint(code);
    });
  }

  private comment(): void {
    const body = this.skipPast('-->', 'comment', 4);
    if (body.includes('--')) this.fail('"--" is not allowed inside a comment');
  }

  private skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (!this.source.startsWith('<!--', this.index)) return;
      this.comment();
    }
  }

  /** Moves past `terminator`, answering what stood between the current position (after `skip`) and it. */
  private skipPast(terminator: string, what: string, skip = 0): string {
    const end = this.source.indexOf(terminator, this.index + skip);
    if (end < 0) this.fail(`the ${what} is not closed`);
    const body = this.source.slice(this.index + skip, end);
    this.index = end + terminator.length;
    return body;
  }

  private name(what: string): string {
    NAME.lastIndex = this.index;
    const match = NAME.exec(this.source);
    if (!match) this.fail(`expected ${what}`);
    this.index += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const start = this.index;
    while (/[ \t\r\n]/.test(this.source.charAt(this.index))) this.index += 1;
    return this.index > start;
  }

  private peek(): string | undefined {
    return this.index < this.source.length ? this.source.charAt(this.index) : undefined;
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}"`);
    this.index += 1;
  }

  private fail(problem: string, at = this.index): never {
    throw fetchError(FETCH_ERRORS.invalidArgument, `Invalid XML in the FetchXML at position ${at}: ${problem}.`);
  }
}
