import { QueryError } from '../../contracts/errors';

/** One element of a parsed XML document; `text` is its own character data, trimmed. */
export interface XmlElement {
  name: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  text: string;
  /** Zero-based offset of the `<` in the source, for error messages. */
  position: number;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const MAX_DEPTH = 64;
const ENTITIES: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

/**
 * Reads a small XML document (FetchXML) into elements: one root, attributes in single or double quotes,
 * character and entity references, comments, CDATA and an XML declaration. No DTDs, no namespaces beyond
 * keeping prefixed names as written. The engine's core runs where no `DOMParser` exists (workers, Node tests),
 * so it reads FetchXML itself; a document is at most a few kilobytes, read in one linear pass.
 * @throws QueryError ('invalid-query') naming the position of the first malformed construct.
 */
export function readXml(source: string): XmlElement {
  return new XmlReader(source).document();
}

class XmlReader {
  private index = 0;

  constructor(private readonly source: string) {}

  document(): XmlElement {
    this.skipMisc();
    if (this.source.startsWith('<?xml', this.index)) {
      this.skipPast('?>', 'the end of the XML declaration');
      this.skipMisc();
    }
    if (this.source.startsWith('<!DOCTYPE', this.index)) throw this.error('a document type declaration is not allowed');
    if (this.peek() !== '<') throw this.error('expected an element');
    const root = this.element(0);
    this.skipMisc();
    if (this.index < this.source.length) throw this.error('text after the root element');
    return root;
  }

  private element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) throw this.error(`elements nested more than ${MAX_DEPTH} deep`);
    const position = this.index;
    this.index += 1;
    const name = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const hadSpace = this.skipSpace();
      const char = this.peek();
      if (char === '/') {
        this.expect('/>');
        return { name, attributes, children: [], text: '', position };
      }
      if (char === '>') {
        this.index += 1;
        break;
      }
      if (!hadSpace) throw this.error(`expected whitespace, '>' or '/>' in <${name}>`);
      const attribute = this.name();
      if (attributes.has(attribute)) throw this.error(`attribute '${attribute}' repeated in <${name}>`);
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attributes.set(attribute, this.quoted());
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (this.index >= this.source.length) throw this.error(`<${name}> is not closed`);
      if (this.source.startsWith('</', this.index)) {
        this.index += 2;
        const closing = this.name();
        if (closing !== name) throw this.error(`</${closing}> closes <${name}>`);
        this.skipSpace();
        this.expect('>');
        return { name, attributes, children, text: text.trim(), position };
      }
      if (this.source.startsWith('<!--', this.index)) this.skipPast('-->', 'the end of a comment');
      else if (this.source.startsWith('<![CDATA[', this.index)) {
        const end = this.source.indexOf(']]>', this.index);
        if (end < 0) throw this.error('a CDATA section is not closed');
        text += this.source.slice(this.index + 9, end);
        this.index = end + 3;
      } else if (this.peek() === '<') children.push(this.element(depth + 1));
      else text += this.characterData();
    }
  }

  private characterData(): string {
    const start = this.index;
    const end = this.source.indexOf('<', start);
    const stop = end < 0 ? this.source.length : end;
    this.index = stop;
    return this.decode(this.source.slice(start, stop), start);
  }

  private quoted(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") throw this.error('expected a quoted attribute value');
    const end = this.source.indexOf(quote, this.index + 1);
    if (end < 0) throw this.error('an attribute value is not closed');
    const raw = this.source.slice(this.index + 1, end);
    if (raw.includes('<')) throw this.error("'<' inside an attribute value");
    const value = this.decode(raw, this.index + 1);
    this.index = end + 1;
    return value;
  }

  private decode(raw: string, offset: number): string {
    return raw.replace(/&([^;&\s]*);?/g, (match: string, body: string, at: number) => {
      if (!match.endsWith(';')) throw this.errorAt(offset + at, "an '&' that does not start a reference");
      if (body.startsWith('#')) {
        const code = /^#x[0-9a-f]+$/i.test(body) ? parseInt(body.slice(2), 16) : /^#\d+$/.test(body) ? parseInt(body.slice(1), 10) : NaN;
        if (Number.isNaN(code) || code > 0x10ffff) throw this.errorAt(offset + at, `the character reference ${match}`);
        return String.fromCodePoint(code);
      }
      const entity = ENTITIES.get(body);
      if (entity === undefined) throw this.errorAt(offset + at, `the unknown entity ${match}`);
      return entity;
    });
  }

  private name(): string {
    const match = NAME.exec(this.source.slice(this.index, this.index + 200));
    if (!match) throw this.error('expected a name');
    this.index += match[0].length;
    return match[0];
  }

  private skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (!this.source.startsWith('<!--', this.index)) return;
      this.skipPast('-->', 'the end of a comment');
    }
  }

  private skipSpace(): boolean {
    const start = this.index;
    while (this.index < this.source.length && /\s/.test(this.source.charAt(this.index))) this.index += 1;
    return this.index > start;
  }

  private skipPast(marker: string, what: string): void {
    const end = this.source.indexOf(marker, this.index);
    if (end < 0) throw this.error(`expected ${what}`);
    this.index = end + marker.length;
  }

  private expect(text: string): void {
    if (!this.source.startsWith(text, this.index)) throw this.error(`expected '${text}'`);
    this.index += text.length;
  }

  private peek(): string {
    return this.source.charAt(this.index);
  }

  private error(problem: string): QueryError {
    return this.errorAt(this.index, problem);
  }

  private errorAt(position: number, problem: string): QueryError {
    const near = this.source.slice(position, position + 20);
    return new QueryError(`Malformed FetchXML at position ${position}${near === '' ? ' (end of text)' : ` near '${near}'`}: ${problem}.`);
  }
}
