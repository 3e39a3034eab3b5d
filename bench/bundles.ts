import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { info, type BenchResult } from './results';

const CONTROLS = ['SyncStatusIcon', 'OfflineStatusPage', 'SyncNotifications'];

/**
 * Size of each built control bundle (`out/controls/<Control>/bundle.js`), raw and gzipped: the engine is
 * compiled into all three, so every byte is paid three times. A missing bundle is reported, not failed.
 */
export function bundleSizes(root: string): BenchResult[] {
  const dir = join(root, 'out', 'controls');
  const found = existsSync(dir) ? readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()) : [];
  const controls = [...new Set([...CONTROLS, ...found])];
  return controls.map((control) => {
    const file = join(dir, control, 'bundle.js');
    if (!existsSync(file)) return info(`bundle-size ${control}`, null, 'bytes', `missing: ${file} (run npm run build)`);
    const bytes = readFileSync(file);
    return info(`bundle-size ${control}`, bytes.length, 'bytes', `gzipped ${gzipSync(bytes).length} bytes`);
  });
}
