import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import * as errors from '../../SyncEngine/contracts/errors';

const ERRORS_MODULE = join(__dirname, '..', '..', 'SyncEngine', 'contracts', 'errors.ts');

/** Every exported error class, by the name it is exported (and written) under. */
function errorClasses(module: Record<string, unknown>): [string, new (message: string) => Error][] {
  // By export name: a bundle evaluated elsewhere has its own realm's Error, so `instanceof` cannot tell.
  return Object.entries(module).filter(
    (entry): entry is [string, new (message: string) => Error] => typeof entry[1] === 'function' && /^[A-Z]\w*Error$/.test(entry[0]),
  );
}

describe('errors thrown to app code', () => {
  it('carry their class name as written and a stable code', () => {
    const classes = errorClasses(errors).filter(([name]) => name !== 'SyncEngineError');
    expect(classes.length).toBeGreaterThanOrEqual(16);
    for (const [name, ErrorClass] of classes) {
      const error: unknown = new ErrorClass('message');
      expect(error).toBeInstanceOf(errors.SyncEngineError);
      expect({ name: (error as Error).name, code: typeof (error as { code?: unknown }).code }).toEqual({ name, code: 'string' });
    }
  });

  it('keep those names in a minified bundle, where class names are mangled', () => {
    const { outputFiles } = buildSync({
      entryPoints: [ERRORS_MODULE],
      bundle: true,
      minify: true,
      format: 'iife',
      globalName: 'minifiedErrors',
      write: false,
      target: 'es2020',
    });
    // This realm's Error, so the classes can be recognised as errors; the bundle's own scope stays its own.
    const minified = runInThisContext(`(function () { ${outputFiles[0].text}; return minifiedErrors; })()`) as Record<string, unknown>;
    const classes = errorClasses(minified).filter(([name]) => name !== 'SyncEngineError');
    expect(classes.length).toBeGreaterThanOrEqual(16);
    // The minifier really renamed the classes: otherwise this test could not fail.
    expect(classes.some(([name, ErrorClass]) => ErrorClass.name !== name)).toBe(true);
    for (const [name, ErrorClass] of classes) expect(new ErrorClass('message').name).toBe(name);
  });
});
