import type { TaskBudget } from '../yieldToMain';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const VALUE_ARRAY = '"value":[';

/** About this many characters of rows go to one `JSON.parse` (a couple of milliseconds). */
const SLICE_CHARS = 256 * 1024;

/** Candidate cuts tried before a slice is given up on (and the rest parsed in one piece). */
const MAX_TRIES = 20;

/**
 * `JSON.parse` of an OData collection body, in pieces with `budget.pause()` between them: one `JSON.parse` of a
 * 5,000-row page (~4.5 MB) is a single long task on the main thread. The top-level `"value"` array of objects is
 * cut every ~256 KB where an element ends (`},{`), each run of elements parsed as an array of its own, and the
 * rest of the body (annotations, links) with an empty array in its place.
 *
 * A cut is only taken when its run parses: JSON's grammar is deterministic, so `[` + run + `]` parses exactly when
 * the run ends where an element of the array ends (a cut inside a string leaves it unterminated, one inside a
 * nested value leaves it unbalanced). No scan of the text in JavaScript is needed, which would cost more than the
 * parse. A body not shaped that way (no `"value":[` as a member of the root object) is parsed in one piece;
 * a body that is not JSON throws `SyntaxError` as `JSON.parse` does.
 */
export async function parseCollectionJson(text: string, budget: TaskBudget): Promise<unknown> {
  const at = text.indexOf(VALUE_ARRAY);
  if (at < 0 || !isRootMember(text, at)) return JSON.parse(text) as unknown;
  const values: unknown[] = [];
  const parseRun = (from: number, to: number): unknown[] | undefined => {
    try {
      return JSON.parse(`[${text.slice(from, to)}]`) as unknown[];
    } catch {
      return undefined;
    }
  };
  const take = (run: unknown[]): void => {
    for (const value of run) values.push(value);
  };
  let from = at + VALUE_ARRAY.length;
  // The array's end: the last `]` whose rest parses (a link may hold one), found once the runs before it are in.
  let end = text.lastIndexOf(']');
  for (let cut = text.indexOf('},{', from + SLICE_CHARS), tries = 0; cut >= 0 && cut < end && tries < MAX_TRIES; ) {
    const run = parseRun(from, cut + 1);
    if (run) {
      take(run);
      from = cut + 2;
      tries = 0;
      await budget.pause();
      cut = text.indexOf('},{', from + SLICE_CHARS);
    } else {
      tries++;
      cut = text.indexOf('},{', cut + 1);
    }
  }
  for (let tries = 0; end > from && tries < MAX_TRIES; tries++, end = text.lastIndexOf(']', end - 1)) {
    const run = parseRun(from, end);
    if (!run) continue;
    let rest: unknown;
    try {
      rest = JSON.parse(`${text.slice(0, at)}"value":[]${text.slice(end + 1)}`) as unknown;
    } catch {
      continue;
    }
    take(run);
    if (typeof rest === 'object' && rest !== null && !Array.isArray(rest)) (rest as Record<string, unknown>).value = values;
    return rest;
  }
  // Not the shape expected after all: one piece, which also reports the syntax error of a body that is not JSON.
  return JSON.parse(text) as unknown;
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
