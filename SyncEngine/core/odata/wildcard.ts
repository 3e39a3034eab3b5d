import { QueryError } from '../../contracts/errors';
import { foldCase } from './compareValues';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 500;

/**
 * Whether `text` matches a Dataverse `like` pattern, case-insensitively: `%` is any run of characters, `_` one
 * character, `[abc]` / `[a-f]` one of a set or range, `[^…]` one character not in it. A bracketed wildcard
 * (`[%]`, `[_]`, `[[]`) matches itself; a `[` with no closing `]` is a literal `[`. The whole text must match,
 * as SQL `LIKE` requires: `contains` is `%x%`, `startswith` `x%`, `endswith` `%x`.
 */
export function matchesLike(text: string, pattern: string): boolean {
  return likeExpression(pattern).test(foldCase(text));
}

/** Escapes the wildcard characters of a literal, so `matchesLike(t, literalPattern(x))` means `t` equals `x`. */
export function literalPattern(text: string): string {
  return text.replace(/[%_[]/g, (char) => `[${char}]`);
}

function likeExpression(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const expression = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, expression);
  return expression;
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(`^${translate(foldCase(pattern))}$`);
  } catch (error) {
    throw new QueryError(`The wildcard pattern "${pattern}" is not valid (a range such as [z-a] runs backwards).`, { cause: error });
  }
}

/** Throws the QueryError `matchesLike` would, so parsers can reject a bad pattern before any row is read. */
export function checkLikePattern(pattern: string): void {
  likeExpression(pattern);
}

function translate(pattern: string): string {
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close < 0) source += escapeLiteral(char);
      else {
        source += characterClass(pattern.slice(index + 1, close));
        index = close;
      }
    } else source += escapeLiteral(char);
    index += 1;
  }
  return source;
}

/** `body` is what stands between the brackets: `^` first negates; `a-z` is a range; everything else is literal. */
function characterClass(body: string): string {
  const negated = body.startsWith('^') && body.length > 1;
  const members = negated ? body.slice(1) : body;
  let source = '';
  for (let index = 0; index < members.length; index += 1) {
    const char = members.charAt(index);
    const isRange = members.charAt(index + 1) === '-' && index + 2 < members.length;
    if (isRange) {
      source += `${escapeClassMember(char)}-${escapeClassMember(members.charAt(index + 2))}`;
      index += 2;
    } else source += escapeClassMember(char);
  }
  return `[${negated ? '^' : ''}${source}]`;
}

function escapeLiteral(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

function escapeClassMember(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}
