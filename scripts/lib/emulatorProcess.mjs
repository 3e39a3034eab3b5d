// Runs the Dataverse emulator (TypeScript, via tsx) as a child process and waits until it listens.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Starts `test/dataverse-emulator/cli.ts`; resolves with its base URL and a stop function. */
export function startEmulatorProcess({ port = 5580, rows = 2000, dataFile, offlineProfile } = {}) {
  const args = [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'test/dataverse-emulator/cli.ts'), '--port', String(port), '--rows', String(rows)];
  if (dataFile) args.push('--data', dataFile);
  if (offlineProfile) args.push('--offline-profile', offlineProfile);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        resolve({ baseUrl: match[1], child, stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`The Dataverse emulator exited (${String(code)}):\n${output}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(undefined);
      return;
    }
    child.once('exit', () => resolve(undefined));
    child.kill('SIGTERM');
  });
}
