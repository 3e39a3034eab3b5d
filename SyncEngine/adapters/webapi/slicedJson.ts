import type { TaskBudget } from '../yieldToMain';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const VALUE_ARRAY = '"value":[';

/** About this many characters of rows go to one `JSON.parse` (a couple of milliseconds). */
const SLICE_CHARS = 256 * 1024;

/**
 * `JSON.parse` of an OData collection body, in pieces with `budget.pause()` between them: one `JSON.parse` of a
 * 5,000-row page (~4.5 MB) is a single long task on the main thread. The top-level `"value"` array is cut at its
 * element boundaries (a scan that tracks strings and nesting), each run of elements parsed as an array of its own,
 * and the rest of the body (annotations, links) parsed with an empty array in its place. Any body not shaped that
 * way (no top-level `"value":[` as written by Dataverse) is parsed in one piece. Throws `SyntaxError` as
 * `JSON.parse` does for a body that is not JSON.
 */
export async function parseCollectionJson(text: string, budget: TaskBudget): Promise<unknown> {
  const at = text.indexOf(VALUE_ARRAY);
  if (at < 0 || !isRootMember(text, at)) return JSON.parse(text) as unknown;
  const values: unknown[] = [];
  const take = (from: number, to: number): void => {
    const part = JSON.parse(`[${text.slice(from, to)}]`) as unknown[];
    for (const value of part) values.push(value);
  };
  let from = at + VALUE_ARRAY.length;
  let depth = 0;
  let inString = false;
  let end = -1;
  for (let pos = from; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (inString) {
      if (c === BACKSLASH) pos++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) {
        end = pos;
        break;
      }
      depth--;
    } else if (c === COMMA && depth === 0 && pos - from >= SLICE_CHARS) {
      take(from, pos);
      from = pos + 1;
      await budget.pause();
    }
  }
  if (end < 0 || text.charCodeAt(end) !== CLOSE_BRACKET) throw new SyntaxError('Unterminated "value" array.');
  take(from, end);
  const rest = JSON.parse(`${text.slice(0, at)}"value":[]${text.slice(end + 1)}`) as unknown;
  if (typeof rest === 'object' && rest !== null && !Array.isArray(rest)) (rest as Record<string, unknown>).value = values;
  return rest;
}

/** Whether `at` is outside every string and directly inside the root object (a member of it). */
function isRootMember(text: string, at: number): boolean {
  let depth = 0;
  let inString = false;
  for (let pos = 0; pos < at; pos++) {
    const c = text.charCodeAt(pos);
    if (inString) {
      if (c === BACKSLASH) pos++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return !inString && depth === 1 && text.trimStart().startsWith('{');
}
