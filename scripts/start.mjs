// `npm start`: build the controls, start the Dataverse emulator with seeded data, and serve each control in the
// pcf-start harness — all on this machine, with no internet. Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulatorProcess } from './lib/emulatorProcess.mjs';
import { HARNESS_LANGUAGES, startHarness } from './lib/harnessServer.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];
const args = new Set(process.argv.slice(2));
const rowsArg = process.argv.find((a) => a.startsWith('--rows='));
const langArg = process.argv.find((a) => a.startsWith('--lang='));
const profile = JSON.parse(readFileSync(path.join(root, 'scripts/harness-profile.json'), 'utf8'));
const lcid = langArg ? Number(langArg.slice(7)) : profile.lcid;
if (!(lcid in HARNESS_LANGUAGES)) {
  console.error(`--lang=${langArg?.slice(7)}: the controls ship ${Object.keys(HARNESS_LANGUAGES).join(', ')}`);
  process.exit(1);
}

async function main() {
  if (!args.has('--no-build')) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // The seeded user's bookings are dated around today, so both the built-in profile and the emulator's Field
  // Service profile (today ± 7 days) find a small slice. The harness uses the built-in one unless asked.
  const offlineProfile = args.has('--dataverse-profile') ? 'assigned' : 'unassigned';
  const emulator = await startEmulatorProcess({ port: 5580, rows: rowsArg ? Number(rowsArg.slice(7)) : 2000, offlineProfile });
  const harnesses = [];
  let port = 8181;
  for (const control of CONTROLS) {
    harnesses.push({ control, ...(await listenFrom(control, port)) });
    port = harnesses.at(-1).port + 1;
  }
  console.log(`\nDataverse emulator: ${emulator.baseUrl}`);
  for (const h of harnesses) console.log(`${h.control.padEnd(18)} ${h.url}`);
  console.log(`\nOpen a harness URL in a browser (user language ${lcid}; ?lang=1033, 1031 or 1036 on a URL switches). Press Ctrl-C to stop.`);

  const shutdown = async () => {
    await Promise.all([emulator.stop(), ...harnesses.map((h) => h.close())]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

/** The harness on `port`, or the next free one (as pcf-start itself does). */
async function listenFrom(control, port) {
  for (let candidate = port; candidate < port + 50; candidate++) {
    try {
      return await startHarness({
        codePath: path.join(root, 'out/controls', control),
        port: candidate,
        values: profile.values,
        lcid,
      });
    } catch (error) {
      if (error.code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`No free port from ${port}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
