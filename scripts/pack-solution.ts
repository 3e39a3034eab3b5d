/**
 * `npm run solution`: the one command that ships. Copies package.json's version into every control manifest,
 * builds production bundles, then packs out/solution/OfflineSyncSuite_<version>.zip and …_managed.zip.
 * There is no pac or dotnet on the build machines, so the packing is done here (see solution/README.md).
 *
 * Usage: tsx scripts/pack-solution.ts [--skip-build]   (--skip-build: pack the existing out/controls as is)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { packSolution } from '../solution/tools/pack';

const ROOT = join(__dirname, '..');

function fail(message: string): never {
  console.error(`[pack-solution] FAILED: ${message}`);
  process.exit(1);
}

/** Runs a repo script with the same node, streaming its output; any non-zero exit stops the pack. */
function runScript(script: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) fail(`${script}: ${result.error.message}`);
  if (result.status !== 0) fail(`${script} exited with code ${String(result.status ?? result.signal)}`);
}

async function describe(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const size = (statSync(path).size / 1024).toFixed(1);
  console.log(`[pack-solution] ${relative(ROOT, path)} (${size} KiB, ${Object.keys(zip.files).length} files)`);
}

async function main(): Promise<void> {
  runScript('version.mjs');
  if (!process.argv.includes('--skip-build')) runScript('build.mjs');
  const packed = await packSolution({ root: ROOT });
  console.log(`[pack-solution] ${packed.uniqueName} ${packed.version}: ${packed.controls.map((c) => c.schemaName).join(', ')}`);
  await describe(packed.unmanagedPath);
  await describe(packed.managedPath);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
