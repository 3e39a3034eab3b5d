#!/usr/bin/env node
/**
 * Builds the three controls. `pcf-scripts build` exits 0 even when webpack or the type check fails, so this
 * script decides success itself: the output must say `[build] Succeeded` and every control's bundle must exist.
 *
 * Usage: node scripts/build.mjs [--dev]
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS, ROOT, syncResx } from './sync-resx.mjs';

const dev = process.argv.includes('--dev');
const bundles = CONTROLS.map((control) => join(ROOT, 'out', 'controls', control, 'bundle.js'));

function fail(message) {
  console.error(`[build.mjs] FAILED: ${message}`);
  process.exit(1);
}

/** Runs pcf-scripts, echoing its output as it comes, and answers the whole output and exit code. */
function runPcfScripts(buildMode) {
  const bin = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'pcf-scripts.cmd' : 'pcf-scripts');
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['build', '--buildMode', buildMode], { cwd: ROOT, shell: process.platform === 'win32' });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });
}

const updated = syncResx();
console.log(`[build.mjs] sync-resx: ${updated.length === 0 ? 'strings up to date' : `updated ${updated.length} file(s)`}`);

// Stale bundles from an earlier build must not make a failed build look complete.
for (const bundle of bundles) rmSync(bundle, { force: true });

const { output, code } = await runPcfScripts(dev ? 'development' : 'production');
if (code !== 0) fail(`pcf-scripts exited with code ${code}`);
if (!output.includes('[build] Succeeded')) fail('pcf-scripts did not report "[build] Succeeded"');
const missing = bundles.filter((bundle) => !existsSync(bundle));
if (missing.length > 0) fail(`missing ${missing.map((b) => b.slice(ROOT.length + 1)).join(', ')}`);

for (const bundle of bundles) {
  console.log(`[build.mjs] ${bundle.slice(ROOT.length + 1)}: ${(statSync(bundle).size / 1024).toFixed(1)} KiB`);
}
console.log(`[build.mjs] OK (${dev ? 'development' : 'production'})`);
