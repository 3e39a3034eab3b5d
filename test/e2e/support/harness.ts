import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTROLS_DIR, ROOT } from './paths';

export type ControlName = 'SyncStatusIcon' | 'OfflineStatusPage' | 'SyncNotifications';

export interface RunningHarness {
  url: string;
  close(): Promise<void>;
}

interface HarnessProfile {
  values: Record<string, string>;
  lcid: number;
}

/**
 * `npm start`'s property values (empty profile and telemetry, so the harness does not fill them with "val"),
 * with the test's own on top — at least `dataverseUrl`, the emulator the test started.
 */
function profileValues(values: Record<string, string>, lcid?: number): HarnessProfile {
  const profile = JSON.parse(readFileSync(path.join(ROOT, 'scripts/harness-profile.json'), 'utf8')) as HarnessProfile;
  return { values: { ...profile.values, ...values }, lcid: lcid ?? profile.lcid };
}

/**
 * The harness for one built control, on a free port, in its own process (see harnessProcess.mjs); `lcid` picks
 * the language of the strings the control gets (npm start's, 1033, by default).
 */
export function startControlHarness(control: ControlName, values: Record<string, string>, lcid?: number): Promise<RunningHarness> {
  const options = { codePath: path.join(CONTROLS_DIR, control), ...profileValues(values, lcid) };
  const child = spawn(process.execPath, [path.join(__dirname, 'harnessProcess.mjs'), JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, close: () => stop(child) });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      reject(new Error(`The ${control} harness exited (${String(code)}):\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.stdin?.end();
  });
}
