import { ConfigError } from '../../contracts/errors';

/** One lexical token of a `$filter` expression; `position` is the zero-based offset in the source text. */
export type Token =
  | { type: 'identifier'; text: string; position: number }
  | { type: 'string'; text: string; value: string; position: number }
  | { type: 'number'; text: string; value: number; position: number }
  | { type: 'guid'; text: string; position: number }
  | { type: 'datetime'; text: string; instant: number; position: number }
  | { type: 'open' | 'close' | 'comma'; text: string; position: number }
  | { type: 'end'; text: ''; position: number };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w:.-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?(?![\w.])/;
const IDENTIFIER = /^[A-Za-z_][\w]*(?:[./][A-Za-z_][\w]*)*/;
const PUNCTUATION = new Map<string, 'open' | 'close' | 'comma'>([
  ['(', 'open'],
  [')', 'close'],
  [',', 'comma'],
]);

export function syntaxError(source: string, position: number, token: string, expected?: string): ConfigError {
  const near = token === '' ? 'end of expression' : `'${token}'`;
  const hint = expected === undefined ? '' : `; expected ${expected}`;
  return new ConfigError(`Syntax error in $filter "${source}" at position ${position} near ${near}${hint}.`);
}

/** Splits a `$filter` into tokens. Literal forms are recognised before identifiers because GUIDs may start with a letter. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const char = source.charAt(position);
    if (/\s/.test(char)) {
      position += 1;
      continue;
    }
    const token = readToken(source, position);
    tokens.push(token);
    position += token.text.length;
  }
  tokens.push({ type: 'end', text: '', position: source.length });
  return tokens;
}

function readToken(source: string, position: number): Token {
  const rest = source.slice(position);
  const char = rest.charAt(0);
  const punctuation = PUNCTUATION.get(char);
  if (punctuation !== undefined) return { type: punctuation, text: char, position };
  if (char === "'") return readString(source, position);
  const guid = GUID.exec(rest);
  if (guid) return { type: 'guid', text: guid[0], position };
  const datetime = DATETIME.exec(rest);
  if (datetime) return readDatetime(source, datetime[0], position);
  const number = NUMBER.exec(rest);
  if (number) return { type: 'number', text: number[0], value: Number(number[0].replace(/[mdfl]$/i, '')), position };
  const identifier = IDENTIFIER.exec(rest);
  if (identifier) return { type: 'identifier', text: identifier[0], position };
  throw syntaxError(source, position, char, 'a column, literal, operator or parenthesis');
}

function readDatetime(source: string, text: string, position: number): Token {
  // A bare date means midnight UTC, as Dataverse reads date-only literals.
  const instant = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(instant)) throw syntaxError(source, position, text, 'a valid date');
  return { type: 'datetime', text, instant, position };
}

function readString(source: string, position: number): Token {
  let index = position + 1;
  let value = '';
  while (index < source.length) {
    const char = source.charAt(index);
    if (char === "'") {
      if (source.charAt(index + 1) !== "'") {
        return { type: 'string', text: source.slice(position, index + 1), value, position };
      }
      value += "'";
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }
  throw syntaxError(source, position, source.slice(position), 'a closing quote');
}
