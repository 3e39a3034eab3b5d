// `npm run test:e2e`: the end-to-end tests (test/e2e) in Debian's Chromium against the pcf-start harness and the
// Dataverse emulator. They drive the production bundles in out/controls/: those are built first when missing
// (or with --build); CI builds them just before. Extra arguments go to jest (e.g. a test file name).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];
const CHROMIUM = '/usr/bin/chromium';

const args = process.argv.slice(2);
const forceBuild = args.includes('--build');
const jestArgs = args.filter((a) => a !== '--build');

function run(file, argv) {
  const result = spawnSync(process.execPath, [file, ...argv], { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: run \`bash scripts/setup-chromium.sh\` first.`);
  process.exit(1);
}

const missing = CONTROLS.filter((c) => !existsSync(path.join(root, 'out/controls', c, 'bundle.js')));
if (forceBuild || missing.length > 0) {
  console.log(forceBuild ? 'Building the controls (--build)…' : `No build of ${missing.join(', ')}: building the controls…`);
  if (run(path.join(root, 'scripts/build.mjs'), []) !== 0) process.exit(1);
} else {
  console.log('Using the existing build in out/controls/ (pass --build to rebuild).');
}

// Screenshots from an earlier run would pass for this run's: start from an empty folder.
rmSync(path.join(root, 'out/e2e'), { recursive: true, force: true });

const started = Date.now();
const status = run(path.join(root, 'node_modules/jest/bin/jest.js'), ['-c', 'test/e2e/jest.config.js', '--runInBand', ...jestArgs]);
console.log(`e2e run: ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in out/e2e/`);
process.exit(status);
