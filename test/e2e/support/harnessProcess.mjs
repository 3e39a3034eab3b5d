// Serves one built control in the pcf-start harness, in a child process of the e2e tests: the harness server is
// an ES module and jest's CommonJS runtime cannot load it. Prints `{"url": ...}` once listening; stops when the
// parent closes stdin, so a crashed test run leaves no server behind.
import { startHarness } from '../../../scripts/lib/harnessServer.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
const harness = await startHarness({ ...options, port: 0 });
process.stdout.write(`${JSON.stringify({ url: harness.url })}\n`);

const stop = () => {
  void harness.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
