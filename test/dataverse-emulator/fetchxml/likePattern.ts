import { FETCH_ERRORS, fetchError } from './errors';

const compiled = new Map<string, RegExp>();

/**
 * Dataverse's `like` wildcards (the SQL Server ones) as a case-insensitive regular expression over the whole
 * text: `%` any run, `_` one character, `[abc]` / `[a-c]` one of a set or range, `[^…]` one not in it. A bracketed
 * wildcard (`[%]`, `[_]`, `[[]`) is literal; a `[` that is never closed is a literal `[`. Written apart from the
 * engine's matcher on purpose: the emulator is the reference the engine is tested against.
 */
export function compilePattern(pattern: string): RegExp {
  let expression = compiled.get(pattern);
  if (expression) return expression;
  try {
    expression = new RegExp(`^${translate(pattern.toLowerCase())}$`, 's');
  } catch {
    throw fetchError(FETCH_ERRORS.invalidValue, `The wildcard pattern '${pattern}' is not valid.`);
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, expression);
  return expression;
}

export function likeMatches(text: string, pattern: string): boolean {
  return compilePattern(pattern).test(text.toLowerCase());
}

function translate(pattern: string): string {
  let out = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '%') out += '.*';
    else if (char === '_') out += '.';
    else if (char === '[') {
      // `[]…]` is not a set in SQL Server either; the search starts after the first member.
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      out += bracket(pattern.slice(index + 1, close));
      index = close;
    } else out += literal(char);
  }
  return out;
}

function bracket(body: string): string {
  const negated = body.length > 1 && body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  let out = '';
  for (let index = 0; index < members.length; index += 1) {
    const char = members.charAt(index);
    if (members.charAt(index + 1) === '-' && index + 2 < members.length) {
      out += `${member(char)}-${member(members.charAt(index + 2))}`;
      index += 2;
    } else out += member(char);
  }
  return `[${negated ? '^' : ''}${out}]`;
}

function literal(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

function member(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}
