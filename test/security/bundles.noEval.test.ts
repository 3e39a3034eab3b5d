import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTROLS = join(__dirname, '..', '..', 'out', 'controls');

/** Production bundles as `npm run build` leaves them; absent in a fresh clone that has not built yet. */
function bundles(): { control: string; source: string }[] {
  if (!existsSync(CONTROLS)) return [];
  return readdirSync(CONTROLS)
    .map((control) => ({ control, path: join(CONTROLS, control, 'bundle.js') }))
    .filter((b) => existsSync(b.path))
    .map((b) => ({ control: b.control, source: readFileSync(b.path, 'utf8') }));
}

describe('production bundles', () => {
  it('contain no eval and no string-compiled code (the Power Apps checker and strict CSP reject both)', () => {
    const found = bundles();
    if (found.length === 0) {
      console.log(`bundles: none under ${CONTROLS}; run "npm run build" to check them (not checked this run)`);
      return;
    }
    for (const { control, source } of found) {
      expect({ control, eval: /\beval\s*\(/.test(source) }).toEqual({ control, eval: false });
      expect({ control, newFunction: /\bnew\s+Function\s*\(/.test(source) }).toEqual({ control, newFunction: false });
      expect({ control, sourceMapEval: source.includes('eval-source-map') }).toEqual({ control, sourceMapEval: false });
    }
  });
});
